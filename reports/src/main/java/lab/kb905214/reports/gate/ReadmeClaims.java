package lab.kb905214.reports.gate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import lab.kb905214.reports.results.HarnessRun;
import lab.kb905214.reports.results.LabResults;
import lab.kb905214.reports.results.RunKey;
import lab.kb905214.results.AuditCounters;
import lab.kb905214.results.Counters;
import lab.kb905214.results.Engine;
import lab.kb905214.results.Field;
import lab.kb905214.results.Harness;
import lab.kb905214.results.JcstressCounters;
import lab.kb905214.results.LoadCounters;
import lab.kb905214.results.ScheduleCounters;

/**
 * The README's claims about single runs, checked on the results files: the harnesses only record (their tests'
 * assertions cannot stop the build), so a claim the gate does not check is a claim nothing enforces.
 */
final class ReadmeClaims {
    /** The Lincheck specification's own control: a coordinator that decides a check twice, which must be rejected. */
    static final RunKey LINCHECK_CONTROL = new RunKey(Harness.LINCHECK, Engine.CONTROL, "spec");
    /** The load harness's control: engine-buggy under clients that never abort (no teardown path, so no H1). */
    static final RunKey NO_ABORT_CONTROL = new RunKey(Harness.LOAD, Engine.BUGGY, "no-abort");
    /** JCStress's outcome tests on engine-fixed (delivered once, delivered or cancelled to the waiter). */
    static final RunKey JCSTRESS_OUTCOMES = new RunKey(Harness.JCSTRESS, Engine.FIXED, "outcomes");
    /** engine-fixed as deployed: its wait bounded, under DNS answers that end checks on both sides of the bound. */
    static final RunKey BOUNDED_FIXED = new RunKey(Harness.LOAD, Engine.FIXED, "bounded");

    private final HarnessRun run;
    private final List<String> reasons = new ArrayList<>();

    private ReadmeClaims(HarnessRun run) {
        this.run = run;
    }

    /** The files beyond {@link ExpectedRuns} that {@code profile} requires for the claims below. */
    static List<RunKey> requiredFiles(GateProfile profile) {
        return profile.includes(GateProfile.STRESS)
                ? List.of(LINCHECK_CONTROL, BOUNDED_FIXED, NO_ABORT_CONTROL, JCSTRESS_OUTCOMES)
                : List.of(LINCHECK_CONTROL, BOUNDED_FIXED);
    }

    /** Every claim of the README that {@code run} contradicts (empty when it keeps them all). */
    static List<String> check(HarnessRun run) {
        ReadmeClaims claims = new ReadmeClaims(run);
        if (run.key().equals(LINCHECK_CONTROL)) {
            claims.specificationCanFail();
        } else if (run.key().equals(NO_ABORT_CONTROL)) {
            claims.noCycleWithoutAborts();
        } else if (run.is(Harness.SCHEDULE) && run.isBuggy() && run.scenario().equals("H1")) {
            claims.everyH1ScheduleDeadlocks();
        } else if (run.is(Harness.LOAD) && run.isFixed()) {
            claims.fixedHoldsUnderLoad();
            if (run.key().equals(BOUNDED_FIXED)) {
                claims.boundRacedTheVerdicts();
            }
        } else if (run.is(Harness.JCSTRESS) && run.isFixed()) {
            claims.noForbiddenOutcome();
        }
        return List.copyOf(claims.reasons);
    }

    /**
     * Whether a buggy load run reproduced H1: it hung, and with a lock cycle in the schedule's H1 methods; a slow or
     * unanswered probe alone may be another stall and is not H1. Other runs reproduce when they hung.
     */
    static boolean reproduces(HarnessRun run, LabResults results) {
        if (run.hangs().orElse(0) < 1) {
            return false;
        }
        if (!run.is(Harness.LOAD) || !run.isBuggy() || !run.scenario().equals("H1")) {
            return true;
        }
        Set<String> cycle = new TreeSet<>(run.counterStrings(Counters.CYCLE_METHODS));
        return !cycle.isEmpty() && cycle.equals(scheduleCycle(results));
    }

    private static Set<String> scheduleCycle(LabResults results) {
        return results.find(new RunKey(Harness.SCHEDULE, Engine.BUGGY, "H1"))
                .map(r -> (Set<String>) new TreeSet<>(r.counterStrings(Counters.CYCLE_METHODS)))
                .orElse(Set.of());
    }

    private void fail(String reason) {
        reasons.add(reason);
    }

    /** "engine-fixed: every transaction answered, every 250 stored once, threads back to baseline" (load). */
    private void fixedHoldsUnderLoad() {
        mustBeZero(LoadCounters.UNANSWERED, "transaction(s) never answered on engine-fixed");
        mustBeZero(
                LoadCounters.THREADS_AT_END,
                "engine thread(s) still alive after the run: engine-fixed's threads" + " did not return to baseline");
        mustBeZero(LoadCounters.CLOSE_WAIT, "connection(s) left in CLOSE_WAIT on engine-fixed (-1: not measured)");
        assumptionsHeld();
    }

    /**
     * "The proofs hold for the whole server": engine-fixed's threads took their locks in one order (no cycle in the
     * nesting seen), and its completion and DNS threads were seen waiting only in their work queues. The JVM's count
     * of the completion thread's monitor blocks is shown, not judged: it cannot say which monitor, and a class-loading
     * lock counts too.
     */
    private void assumptionsHeld() {
        JsonNode audit = run.counterNode(Counters.ASSUMPTIONS);
        if (!AuditCounters.HELD.in(audit).isBoolean()
                || AuditCounters.LOOKS.in(audit).asLong(0) < 1) {
            fail("counters.assumptions is missing or never looked: nothing shows the lock order and the service"
                    + " threads' waits on engine-fixed");
            return;
        }
        JsonNode cycle = AuditCounters.LockOrder.CYCLE.in(AuditCounters.LOCK_ORDER.in(audit));
        if (cycle.size() > 0) {
            fail("lock-order cycle on engine-fixed: " + cycle + " (no deadlock needed: the order alone allows one)");
        }
        JsonNode waits = AuditCounters.SERVICE_THREAD_WAITS.in(audit);
        long elsewhere = AuditCounters.ServiceThreadWaits.SEEN_WAITING_ELSEWHERE
                .in(waits)
                .asLong(0);
        if (elsewhere > 0) {
            fail("engine-fixed's completion or DNS threads were seen waiting outside their work queues " + elsewhere
                    + " time(s); first: "
                    + AuditCounters.ServiceThreadWaits.WAITS_ELSEWHERE
                            .in(waits)
                            .path(0)
                            .asText("(no stack kept)")
                            .lines()
                            .findFirst()
                            .orElse(""));
        }
        if (cycle.size() == 0 && elsewhere == 0 && !AuditCounters.HELD.in(audit).asBoolean()) {
            fail("counters.assumptions.held = false with no cycle and no wait elsewhere: the file contradicts itself");
        }
    }

    /**
     * "The wait is bounded (20 s, then 451 4.4.3)": the bounded run must have exercised the bound and the verdicts on
     * both sides of it, or its "no verdict lost" (checked on every engine-fixed file) says nothing about the bound.
     */
    private void boundRacedTheVerdicts() {
        JsonNode boundMillis = LoadCounters.Plan.VERDICT_WAIT_BOUND_MILLIS.in(run.counterNode(Counters.PLAN));
        if (boundMillis.asLong(0) <= 0) {
            fail("counters.plan.verdictWaitBoundMillis = " + (boundMillis.isMissingNode() ? "missing" : boundMillis)
                    + ": the bounded run waited without a bound");
        }
        OptionalLong expired = run.counter(LoadCounters.TIMED_OUT_AT_BOUND);
        OptionalLong delivered = run.counter(LoadCounters.REPLIES_2XX);
        if (expired.isEmpty() || expired.getAsLong() == 0 || delivered.isEmpty() || delivered.getAsLong() == 0) {
            fail("the bounded run must see checks end on both sides of its bound: timedOutAtBound = "
                    + (expired.isEmpty() ? "missing" : expired.getAsLong()) + ", replies2xx = "
                    + (delivered.isEmpty() ? "missing" : delivered.getAsLong()));
        }
    }

    private void mustBeZero(Field<Long> counter, String what) {
        OptionalLong value = run.counter(counter);
        if (value.isEmpty()) {
            fail("counters." + counter.name() + " is missing: nothing shows that engine-fixed held under load");
        } else if (value.getAsLong() != 0) {
            fail(value.getAsLong() + " " + what + " (counters." + counter.name() + ")");
        }
    }

    /** "JCStress on engine-fixed: TERMINATED only", and no double delivery or delivery after a cancellation. */
    private void noForbiddenOutcome() {
        OptionalLong forbidden = run.counter(JcstressCounters.FORBIDDEN_SAMPLES);
        if (forbidden.isEmpty()) {
            fail("counters.forbiddenSamples is missing: cannot tell whether JCStress saw a forbidden outcome");
        } else if (forbidden.getAsLong() > 0) {
            fail("forbidden outcome on engine-fixed in " + forbidden.getAsLong() + " sample(s) (a double delivery or"
                    + " a delivery after a cancellation): " + run.counterNode(JcstressCounters.OUTCOMES));
        }
    }

    /** "H1: deadlock cycle every repetition, server stops answering" (schedule, engine-buggy). */
    private void everyH1ScheduleDeadlocks() {
        long explored = run.explored().orElse(0);
        for (Field<Long> counter : List.of(ScheduleCounters.DEADLOCK_CYCLES, Counters.PROBES_UNANSWERED)) {
            OptionalLong n = run.counter(counter);
            if (n.isEmpty() || n.getAsLong() != explored) {
                fail("H1 on engine-buggy must deadlock with the probe unanswered in every repetition: counters."
                        + counter.name() + " = " + (n.isEmpty() ? "missing" : n.getAsLong()) + " of " + explored
                        + " schedules");
            }
        }
        if (run.hangs().orElse(0) != explored) {
            fail("H1 on engine-buggy must hang in every repetition: hangs = "
                    + run.hangs().orElse(0) + " of " + explored + " schedules");
        }
    }

    /** "H1 needs the teardown path, so without aborting clients it cannot happen" (load's no-abort control). */
    private void noCycleWithoutAborts() {
        List<String> cycle = run.counterStrings(Counters.CYCLE_METHODS);
        if (!run.hasCounter(Counters.CYCLE_METHODS)) {
            fail("counters.cycleMethods is missing: cannot tell whether the no-abort control deadlocked");
        } else if (!cycle.isEmpty()
                || !run.counterStrings(Counters.LOCK_CLASSES).isEmpty()) {
            fail("the no-abort control deadlocked (cycle in " + cycle + "): H1 needs the teardown path, so a cycle"
                    + " without aborting clients is another bug");
        }
    }

    /** "A control shows the specification can fail": Lincheck must call a check decided twice non-linearizable. */
    private void specificationCanFail() {
        String failure = run.counterNode(Counters.FAILURE).asText("");
        if (!failure.startsWith("other:")) {
            fail("the Lincheck specification accepted a coordinator that decides a check twice (failure = '" + failure
                    + "', expected a non-linearizable result): engine-fixed's linearizable results prove nothing");
        }
        if (run.hangs().orElse(0) > 0) {
            fail("the Lincheck control hung instead of giving a wrong result: the specification was not what failed");
        }
    }
}
