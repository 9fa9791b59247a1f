package lab.kb905214.reports.gate;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import lab.kb905214.reports.results.HarnessRun;
import lab.kb905214.results.Counters;
import lab.kb905214.results.Field;
import lab.kb905214.results.Harness;
import lab.kb905214.results.LincheckCounters;
import lab.kb905214.results.LoadCounters;
import lab.kb905214.results.ProvenanceFields;
import lab.kb905214.results.ResultFields;
import lab.kb905214.results.ScheduleCounters;

/**
 * The checks one results file must pass on its own: shape, provenance, consistent numbers, the fixed engine's
 * outcome, and each harness's evidence. Reproduction on engine-buggy depends on the profile and lives in {@link Gate}.
 */
final class RunChecks {
    /** The package engine-buggy's coordinator lives in; an H1 cycle must be made of its locks. */
    static final String BUGGY_PACKAGE = "lab.kb905214.engine.buggy";

    private final HarnessRun run;
    private final List<String> reasons = new ArrayList<>();

    private RunChecks(HarnessRun run) {
        this.run = run;
    }

    /** Every reason {@code run} fails on its own (empty when it is sound). */
    static List<String> check(HarnessRun run) {
        RunChecks checks = new RunChecks(run);
        checks.identity();
        checks.provenance();
        checks.numbers();
        checks.outcome();
        // An unknown harness still gets every generic check.
        run.harnessKind().ifPresent(harness -> {
            switch (harness) {
                case SCHEDULE -> checks.schedule();
                case LINCHECK -> checks.lincheck();
                case JCSTRESS -> checks.jcstress();
                case LOAD -> checks.load();
                case JUDGE -> checks.reasons.addAll(JudgeChecks.check(run));
                case EXPLORE -> checks.reasons.addAll(ExplorationChecks.check(run));
                case SPIN -> checks.reasons.addAll(SpinChecks.check(run));
            }
        });
        return List.copyOf(checks.reasons);
    }

    /** The provenance checks alone, for files that are not engine runs (the mutants' verdicts). */
    static List<String> provenanceOf(HarnessRun run) {
        RunChecks checks = new RunChecks(run);
        checks.provenance();
        return List.copyOf(checks.reasons);
    }

    private void fail(String reason) {
        reasons.add(reason);
    }

    private void identity() {
        for (Field<String> field :
                List.of(ResultFields.HARNESS, ResultFields.ENGINE, ResultFields.SCENARIO, ResultFields.UNIT)) {
            JsonNode node = field.in(run.tree());
            if (!node.isTextual() || node.asText().isBlank()) {
                fail("field '" + field + "' is missing or not a text");
            }
        }
        if (!run.isBuggy() && !run.isFixed() && !run.key().equals(ReadmeClaims.LINCHECK_CONTROL)) {
            fail("engine must be 'buggy' or 'fixed', found '" + run.engine() + "'");
        }
        // The expected-file check goes by name, so a file must say what its name says.
        String named = run.key().fileName();
        if (!named.equals(run.fileName())) {
            fail("file name does not match its content (harness-engine-scenario gives " + named + ")");
        }
    }

    private void provenance() {
        JsonNode p = run.provenance();
        if (p.isEmpty()) {
            fail("no provenance (runId, buildId, commit, jdk, cores, startedAt): nothing says where this result came"
                    + " from");
            return;
        }
        for (Field<String> field : List.of(
                ProvenanceFields.RUN_ID, ProvenanceFields.BUILD_ID, ProvenanceFields.COMMIT, ProvenanceFields.JDK)) {
            JsonNode node = field.in(p);
            if (!node.isTextual() || node.asText().isBlank()) {
                fail("provenance." + field + " is missing or blank");
            }
        }
        OptionalLong cores = HarnessRun.whole(ProvenanceFields.CORES.in(p));
        if (cores.isEmpty() || cores.getAsLong() < 1) {
            fail("provenance.cores is missing or not a positive whole number");
        }
        JsonNode startedAt = ProvenanceFields.STARTED_AT.in(p);
        if (!startedAt.isTextual()) {
            fail("provenance.startedAt is missing");
        } else {
            try {
                OffsetDateTime.parse(startedAt.asText());
            } catch (DateTimeParseException e) {
                fail("provenance.startedAt is not an ISO-8601 instant: '" + startedAt.asText() + "'");
            }
        }
    }

    private void numbers() {
        OptionalLong explored = run.explored();
        OptionalLong hangs = run.hangs();
        OptionalLong lost = run.lostVerdicts();
        if (explored.isEmpty() || explored.getAsLong() < 0) {
            fail("explored is missing or not a whole number >= 0");
        } else if (explored.getAsLong() == 0) {
            fail("explored nothing (explored = 0 " + run.unit() + "): a run that explored nothing proves nothing");
        }
        if (hangs.isEmpty() || hangs.getAsLong() < 0) {
            fail("hangs is missing or not a whole number >= 0");
        }
        observedOrExplained(
                ResultFields.LOST_VERDICTS,
                lost.isPresent() && lost.getAsLong() >= 0,
                "missing or not a whole number >= 0");
        if (run.seconds().isEmpty()
                || !Double.isFinite(run.seconds().getAsDouble())
                || run.seconds().getAsDouble() < 0) {
            fail("seconds is missing, negative or not a finite number");
        }
        observedOrExplained(
                ResultFields.FAILPOINTS_ARMED, run.failpointsArmed().isPresent(), "missing or not true/false");
        // A harness that crashed recorded no verdict: that is a failed gate, and its own reason, not "missing".
        run.harnessError()
                .ifPresent(error ->
                        fail("harness error: " + error + " (the harness could not run: no verdict either way)"));
        if (explored.isEmpty() || hangs.isEmpty()) {
            return;
        }
        long n = explored.getAsLong();
        long k = hangs.getAsLong();
        if (k > n) {
            fail("inconsistent numbers: hangs = " + k + " > explored = " + n);
        }
        if (lost.isPresent() && lost.getAsLong() > n) {
            fail("inconsistent numbers: lostVerdicts = " + lost.getAsLong() + " > explored = " + n);
        }
        if (k == 0 && run.hasFirstHangAt()) {
            fail("inconsistent numbers: firstHangAt = " + ResultFields.FIRST_HANG_AT.in(run.tree()) + " but hangs = 0");
        }
        if (k > 0) {
            OptionalLong first = run.firstHangAt();
            // A harness may count only the units that finished (load counts answered transactions, and the first
            // hung one comes after them), so in general the first hang lies within explored + hangs.
            if (first.isEmpty()) {
                fail("inconsistent numbers: hangs = " + k + " but firstHangAt is null or not a whole number");
            } else if (first.getAsLong() < 1 || first.getAsLong() > n + k) {
                fail("inconsistent numbers: firstHangAt = " + first.getAsLong() + " is outside 1.." + (n + k)
                        + " (explored + hangs)");
            }
        }
    }

    /** For harnesses whose explored units include the hung ones (schedule, Lincheck): the first hang is one of them. */
    /**
     * A field is either observed (a valid value, and no reason beside it) or explained: null, with the reason the
     * harness cannot observe it in {@code notObserved}. A null with no reason is a made-up gap; both at
     * once, a contradiction.
     */
    private void observedOrExplained(Field<?> field, boolean valid, String invalid) {
        Optional<String> reason = run.notObserved(field);
        JsonNode value = field.in(run.tree());
        boolean absent = value.isMissingNode() || value.isNull();
        if (reason.isPresent() && !absent) {
            fail(field + " is " + value + " and also not observed (" + reason.get() + "): one or the other");
        } else if (reason.isEmpty() && !valid) {
            fail(field + " is " + invalid + ", and notObserved does not say why the harness cannot observe it");
        }
    }

    private void firstHangWithinExplored(boolean hangsArePerUnit) {
        if (run.explored().isEmpty()
                || run.hangs().isEmpty()
                || run.firstHangAt().isEmpty()) {
            return;
        }
        long n = run.explored().getAsLong();
        long k = run.hangs().getAsLong();
        long first = run.firstHangAt().getAsLong();
        if (first > n) {
            fail("inconsistent numbers: firstHangAt = " + first + " > explored = " + n);
        } else if (hangsArePerUnit && k > n - first + 1) {
            // Units before the first hang did not hang, so at most n - first + 1 can have.
            fail("inconsistent numbers: hangs = " + k + " cannot all be at or after unit " + first + " of " + n);
        }
    }

    private void outcome() {
        if (run.isBuggy() && !(run.is(Harness.SCHEDULE) && "H1".equals(run.scenario()))) {
            // Any cycle recorded on engine-buggy must be made of its coordinator's locks (schedule H1 checks more).
            List<String> foreign = run.counterStrings(Counters.LOCK_CLASSES).stream()
                    .filter(c -> !packageOf(c).equals(BUGGY_PACKAGE))
                    .toList();
            if (!foreign.isEmpty()) {
                fail("lock cycle not in engine-buggy's coordinator: " + foreign + " are not in package "
                        + BUGGY_PACKAGE);
            }
        }
        if (!run.isFixed()) {
            if (run.isBuggy() && run.hangs().orElse(0) > 0 && run.evidence().isBlank()) {
                fail("engine-buggy hung but the file keeps no evidence (trace, lock cycle or hang report)");
            }
            return;
        }
        long k = run.hangs().orElse(0);
        if (JcstressInfrastructure.onlyForksLost(run)) {
            fail(JcstressInfrastructure.reason(run));
        } else if (k > 0) {
            fail("engine-fixed hung in " + k + " of " + run.explored().orElse(0) + " " + run.unit()
                    + (run.firstHangAt().isPresent()
                            ? " (first at #" + run.firstHangAt().getAsLong() + ")"
                            : ""));
        }
        long lost = run.lostVerdicts().orElse(0);
        if (lost > 0) {
            fail("engine-fixed lost " + lost + " verdict(s): a TempError at the bound although the evaluation had"
                    + " finished (the bound hid a lost wakeup)");
        }
    }

    private void schedule() {
        firstHangWithinExplored(true);
        if (!run.failpointsArmed().orElse(true)) {
            fail("schedule run with failpoints off: the schedule cannot have ordered the threads");
        }
        OptionalLong notExercised = run.counter(Counters.NOT_EXERCISED);
        if (notExercised.isEmpty()) {
            fail("counters.notExercised is missing: cannot tell whether the schedules reached their failpoints");
        } else if (notExercised.getAsLong() > 0) {
            fail("not exercised: " + notExercised.getAsLong() + " of "
                    + run.explored().orElse(0)
                    + " schedules did not reach their failpoints (such a run proves nothing)");
        }
        if (run.failpointsHit().isEmpty()) {
            fail("not exercised: no failpoint was hit");
        }
        if (run.isFixed()) {
            JsonNode monitors = run.counterNode(Counters.MONITORS_HELD_AT_FAILPOINTS);
            if (!monitors.isArray()) {
                fail("counters.monitorsHeldAtFailpoints is missing: nothing shows engine-fixed holds no monitor in a"
                        + " race window");
            } else if (monitors.size() > 0) {
                fail("engine-fixed held a monitor at a failpoint: "
                        + monitors.get(0).asText() + " (the claim assumes none is held inside a race window)");
            }
        }
        OptionalLong cycles = run.counter(ScheduleCounters.DEADLOCK_CYCLES);
        OptionalLong stuck = run.counter(ScheduleCounters.STUCK_WAITER_RUNS);
        if (cycles.isEmpty() || stuck.isEmpty()) {
            fail("counters.deadlockCycles or counters.stuckWaiterRuns is missing: hangs cannot be checked");
        } else if (run.hangs().isPresent()) {
            // A schedule hangs when it left a deadlock cycle or a stuck waiter (or both).
            long k = run.hangs().getAsLong();
            long c = cycles.getAsLong();
            long s = stuck.getAsLong();
            if (k < Math.max(c, s) || k > c + s) {
                fail("hangs = " + k + " disagrees with its counters (deadlockCycles = " + c + ", stuckWaiterRuns = " + s
                        + "): every hang is a cycle or a stuck waiter");
            }
        }
        OptionalLong probes = run.counter(Counters.PROBES_UNANSWERED);
        if (probes.isPresent()
                && run.explored().isPresent()
                && probes.getAsLong() > run.explored().getAsLong()) {
            fail("counters.probesUnanswered = " + probes.getAsLong() + " > explored = "
                    + run.explored().getAsLong());
        }
        if (run.isBuggy()) {
            if (run.counter(ScheduleCounters.BENIGN_RUNS).orElse(0) < 1) {
                fail("no benign-order control run on engine-buggy (counters.benignRuns): nothing shows that the"
                        + " hang comes from the interleaving rather than the operations");
            }
            long benignHangs = run.counter(ScheduleCounters.BENIGN_HANGS).orElse(-1);
            if (benignHangs != 0) {
                fail(
                        benignHangs < 0
                                ? "counters.benignHangs is missing"
                                : "the benign order hung " + benignHangs
                                        + " time(s) on engine-buggy: the hang would come"
                                        + " from the operations, not from the interleaving");
            }
            if ("H1".equals(run.scenario())) {
                h1Cycle();
            }
        }
    }

    /**
     * H1 is a lock-order inversion in engine-buggy's coordinator: its cycle must be made of that coordinator's locks.
     */
    private void h1Cycle() {
        if (run.counter(ScheduleCounters.DEADLOCK_CYCLES).orElse(0) < 1) {
            fail("no lock cycle: H1 on engine-buggy must deadlock (counters.deadlockCycles = 0)");
        }
        List<String> classes = run.counterStrings(Counters.LOCK_CLASSES);
        if (classes.isEmpty()) {
            fail("no lock cycle: counters.lockClasses is empty, so nothing shows the registry/session inversion");
            return;
        }
        List<String> foreign = classes.stream()
                .filter(c -> !packageOf(c).equals(BUGGY_PACKAGE))
                .toList();
        if (!foreign.isEmpty()) {
            fail("lock cycle not in engine-buggy's coordinator: " + foreign + " are not in package " + BUGGY_PACKAGE);
        }
        Set<String> distinct = new LinkedHashSet<>(classes);
        if (distinct.size() < 2) {
            fail("lock cycle of one lock class " + distinct + ": a lock-order inversion needs two locks");
        }
    }

    private static String packageOf(String binaryName) {
        int dot = binaryName.lastIndexOf('.');
        return dot < 0 ? "" : binaryName.substring(0, dot);
    }

    private void lincheck() {
        firstHangWithinExplored(false);
        // Lincheck chooses the interleavings; a schedule armed on the coordinators' failpoints would choose some.
        if (run.failpointsArmed().orElse(false)) {
            fail("Lincheck run with failpoints armed ("
                    + run.counter(LincheckCounters.INVOCATIONS_WITH_FAILPOINTS_ARMED)
                            .orElse(-1)
                    + " invocations): a schedule, not Lincheck, ordered those threads");
        }
        JsonNode exhaustive = run.hasCounter(Counters.EXHAUSTIVE)
                ? run.counterNode(Counters.EXHAUSTIVE)
                : ResultFields.EXHAUSTIVE.in(run.tree());
        if (run.isFixed() && !exhaustive.isBoolean()) {
            fail("exhaustive (true/false) is missing: the report cannot say whether every interleaving was explored");
        }
        // Exhaustive is Lincheck's own report (its strategy asked for an interleaving left), not explored < budget;
        // the sentence says what it reported, or why it was not asked, and the report shows it per scenario.
        JsonNode exhaustiveWhy = run.counterNode(Counters.EXHAUSTIVE_WHY);
        boolean saysWhy = exhaustiveWhy.isTextual() && !exhaustiveWhy.asText().isBlank();
        if (run.isFixed() && !saysWhy) {
            fail("exhaustiveWhy is missing: the report cannot say what Lincheck reported about the interleavings left");
        }
        // Lincheck stops at its budget (iterations x invocations), earlier when it runs out of interleavings.
        OptionalLong budget = run.counter(Counters.BUDGET);
        if (budget.isPresent() && run.explored().isPresent() && run.explored().getAsLong() > budget.getAsLong()) {
            fail("explored = " + run.explored().getAsLong() + " invocations exceeds the budget of "
                    + budget.getAsLong());
        }
        if (run.isFixed()) {
            // Model checking is deterministic: any failure on engine-fixed (e.g. not linearizable) is a real one.
            JsonNode failure = run.counterNode(Counters.FAILURE);
            if (failure.isTextual() && !failure.asText().equals("none")) {
                fail("Lincheck failed on engine-fixed: " + failure.asText());
            }
            long failed = run.counter(LincheckCounters.FAILED_SCENARIOS).orElse(0);
            if (failed > 0) {
                fail("Lincheck failed on engine-fixed in " + failed + " scenario(s)");
            }
        }
    }

    private void jcstress() {
        detectionRate();
    }

    private void load() {
        if (run.failpointsArmed().orElse(false)) {
            fail("load run with failpoints armed: the load harness must show the hang from the code alone");
        }
        detectionRate();
        JsonNode stopped = run.counterNode(LoadCounters.STOPPED_RESPONDING_AT);
        if (!stopped.isMissingNode() && !stopped.isNull()) {
            if (!stopped.isNumber() || stopped.asDouble() < 0) {
                fail("counters.stoppedRespondingAt is not a number of seconds >= 0");
            } else if (run.isFixed()) {
                fail("engine-fixed stopped responding at " + stopped.asText() + " s");
            } else if (run.seconds().isPresent()
                    && stopped.asDouble() > run.seconds().getAsDouble() + 1) {
                // +1: the series is in whole seconds.
                fail("counters.stoppedRespondingAt = " + stopped.asText() + " s is after the run ended ("
                        + run.seconds().getAsDouble() + " s)");
            }
        }
        if ("unbound".equals(run.scenario())) {
            throughUnbound();
        }
        if (run.isFixed()) {
            // Both sides: the server's count of 250 replies against its count stored, and the 250s the clients saw
            // that were not stored (the server's counts can agree while a client's message is missing).
            OptionalLong stored = run.counter(Counters.MESSAGES_STORED);
            OptionalLong accepted = run.counter(LoadCounters.ACCEPTED_250);
            OptionalLong missing = run.counter(LoadCounters.ACCEPTED_250_MISSING);
            if (stored.isEmpty() || accepted.isEmpty()) {
                fail("counters.messagesStored or accepted250 is missing: cannot check that every 250 was stored once");
            } else if (stored.getAsLong() != accepted.getAsLong()) {
                fail("messages stored (" + stored.getAsLong() + ") != 250 replies (" + accepted.getAsLong()
                        + "): an accepted message was lost or stored twice");
            }
            if (missing.isEmpty()) {
                fail("counters.accepted250Missing is missing: cannot check that every 250 a client saw was stored");
            } else if (missing.getAsLong() != 0) {
                fail(missing.getAsLong() + " message(s) answered 250 but not stored (counters.accepted250Missing)");
            }
        }
    }

    /**
     * A run under the scenario "unbound" must say its engine asked a real Unbound that resolved from NSD, with no
     * fault injected (only the embedded server injects them): otherwise it is the embedded-server run renamed.
     */
    private void throughUnbound() {
        JsonNode plan = run.counterNode(Counters.PLAN);
        String server = LoadCounters.Plan.DNS_SERVER.in(plan).asText("");
        if (!server.startsWith("unbound ") || !server.contains("NSD")) {
            fail("counters.plan.dnsServer = '" + server + "': a run under the scenario 'unbound' must have asked"
                    + " Unbound resolving from NSD");
        }
        JsonNode injected = LoadCounters.Plan.DNS_FAULTS_INJECTED.in(plan);
        if (!injected.isBoolean() || injected.asBoolean()) {
            fail("counters.plan.dnsFaultsInjected = " + injected + ": through Unbound no DNS fault can be injected,"
                    + " so a run that says it injected some did not ask Unbound");
        }
    }

    private void detectionRate() {
        JsonNode rate = run.counterNode(Counters.DETECTION_RATE);
        if (rate.isMissingNode() || rate.isNull()) {
            return;
        }
        OptionalLong found = HarnessRun.whole(Counters.DetectionRate.FOUND.in(rate));
        OptionalLong samples = HarnessRun.whole(Counters.DetectionRate.SAMPLES.in(rate));
        if (found.isEmpty() || samples.isEmpty() || found.getAsLong() < 0 || found.getAsLong() > samples.getAsLong()) {
            fail("counters.detectionRate must be {found, samples} with 0 <= found <= samples, found " + rate);
        }
    }
}
