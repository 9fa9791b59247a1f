package lab.kb905214.stress.mutants;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import lab.kb905214.engine.failpoint.Step;
import lab.kb905214.results.Counters;
import lab.kb905214.results.Fields;
import lab.kb905214.results.Harness;
import lab.kb905214.stress.results.Provenance;
import lab.kb905214.stress.schedule.Order;
import lab.kb905214.stress.schedule.Scenario;
import lab.kb905214.stress.schedule.ScheduleDriver;
import lab.kb905214.stress.schedule.ScheduleRun;
import org.junit.jupiter.api.Test;

/**
 * The deterministic schedules against every selected mutant: H1 and H2, racy and benign, until the first run that
 * ends differently from engine-fixed's (a hang, an unanswered probe, a wrong reply, a message too many or too few).
 * Records what it saw of each mutant; the gate judges. Asserts only that the control survived.
 */
class MutantScheduleTest {
    /** Racy repetitions per scenario; the schedule is deterministic, so a few show a mutant's behaviour. */
    static final int REPETITIONS = Integer.getInteger("lab.mutants.scheduleRepetitions", 2);

    @Test
    void schedulesAgainstEveryMutant() throws Exception {
        Provenance provenance = Provenance.now();
        for (Mutant mutant : Mutant.selected()) {
            AtomicInteger notExercised = new AtomicInteger();
            MutantRun seen = run(mutant, notExercised);
            // A schedule that never reached its failpoints judged nothing: the gate must not read it as a survival.
            seen.write(provenance, new Fields().put(Counters.NOT_EXERCISED, notExercised.get()));
            System.out.printf("schedule %s (%s): %s%n", mutant, mutant.title(), seen.verdict());
            seen.requireControlSurvived();
        }
    }

    /** Runs the schedules until the first kill, counting into {@code notExercised} those that proved nothing. */
    private static MutantRun run(Mutant mutant, AtomicInteger notExercised) throws Exception {
        long started = System.nanoTime();
        int explored = 0;
        boolean armed = true;
        long lost = 0;
        Set<String> hit = new TreeSet<>();
        String lastEvidence = "";
        for (int i = 0; i < REPETITIONS; i++) {
            for (Scenario scenario : Scenario.values()) {
                for (Order order : List.of(Order.RACY, Order.BENIGN)) {
                    ScheduleRun run = ScheduleDriver.run(new MutantEngine(mutant), scenario, order);
                    explored++;
                    if (!run.exercised()) {
                        notExercised.incrementAndGet();
                    }
                    armed &= run.failpointsArmed();
                    lost += run.lostVerdicts();
                    hit.addAll(run.failpointsReached());
                    lastEvidence = run.describe();
                    Optional<String> wrong = wrong(run);
                    if (wrong.isPresent()) {
                        double seconds = (System.nanoTime() - started) / 1e9;
                        String evidence =
                                run.cycle().map(c -> c.describe() + "\n").orElse("") + run.describe();
                        return new MutantRun(
                                Harness.SCHEDULE,
                                mutant,
                                scenario + " " + order.name().toLowerCase(Locale.ROOT) + ": " + wrong.get(),
                                run.hung(),
                                seconds,
                                explored,
                                "schedules",
                                seconds,
                                evidence,
                                armed,
                                List.copyOf(hit),
                                lost);
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new MutantRun(
                Harness.SCHEDULE,
                mutant,
                null,
                false,
                null,
                explored,
                "schedules",
                seconds,
                lastEvidence,
                armed,
                List.copyOf(hit),
                lost);
    }

    /**
     * How {@code run} differs from what engine-fixed does under the same schedule, if it does: every difference seen,
     * in the order they were observed, so the kill reason is the observation and not an interpretation of it.
     */
    static Optional<String> wrong(ScheduleRun run) {
        List<String> seen = new ArrayList<>();
        if (!run.exercised()) {
            // The schedule's order never happened, so a reply or a count proves nothing; but once every step was
            // released, a session still waiting or a lock cycle is the mutant's own hang, whatever led there (a
            // completion that returns before its window, say). engine-fixed never hangs after a release.
            if (!run.hung()) {
                return Optional.empty();
            }
            seen.add("the schedule's order was not reached (steps reached: " + String.join(", ", run.stepsHit())
                    + "), and once every step was released:");
            run.cycle().ifPresent(c -> seen.add("deadlock (" + String.join(", ", c.blockedMethods()) + ")"));
            if (!run.stuckWaiters().isEmpty()) {
                seen.add("session waiting forever (" + String.join(", ", run.stuckWaiters()) + ")");
            }
            return Optional.of(String.join(" ", seen));
        }
        if (run.teardownsFailed() > 0) {
            seen.add("the watcher's teardown threw (" + run.teardownsFailed() + ", counted by the engine)");
        }
        List<String> reached = run.stepsHit();
        if (reached.contains(Step.TEARDOWN_CANCEL.id()) && !reached.contains(Step.TEARDOWN_DONE.id())) {
            seen.add("teardown.cancel reached, teardown.done never");
        }
        run.cycle().ifPresent(c -> seen.add("deadlock (" + String.join(", ", c.blockedMethods()) + ")"));
        if (!run.stuckWaiters().isEmpty()) {
            seen.add("session waiting forever (" + String.join(", ", run.stuckWaiters()) + ")");
        }
        if (run.lostVerdicts() > 0) {
            seen.add(run.lostVerdicts() + " verdict(s) posted and never delivered (counted by the coordinator)");
        }
        if (!run.probeAnswered()) {
            seen.add("probe unanswered: " + run.probeReply());
        }
        if (run.scenario() != Scenario.H1 && !run.victimReply().startsWith(expectedReply(run.scenario()))) {
            seen.add("raced transaction answered: " + run.victimReply() + " (engine-fixed: "
                    + expectedReply(run.scenario()) + "...)");
        }
        long expected = expectedStored(run.scenario(), run.order());
        if (run.stored() != expected) {
            seen.add(run.stored() + " message(s) stored, engine-fixed stores " + expected);
        }
        return seen.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", seen));
    }

    /** How engine-fixed's reply to the raced transaction begins (H1's client has left before any reply). */
    static String expectedReply(Scenario scenario) {
        // An evaluation's error is a TempError verdict, which the default policy defers.
        return scenario == Scenario.ERROR ? "451 4.4.3 Sender ID check returned temperror" : "250";
    }

    /**
     * The messages engine-fixed stores: in H1 the raced client leaves, so only the probe's; in H2 the raced one and
     * the probe's; in STALE the next message and the probe's, and in its benign order also the reset one, whose
     * verdict came before the RSET was acted on; in ERROR only the probe's; in TWO_SESSIONS both sessions' and the
     * probe's.
     */
    static long expectedStored(Scenario scenario, Order order) {
        return switch (scenario) {
            case H1 -> 1;
            case H2 -> 2;
            case STALE -> order == Order.RACY ? 2 : 3;
            case ERROR -> 1; // the error is a TempError verdict, which the default policy defers
            case TWO_SESSIONS -> 3; // both sessions' messages and the probe's
        };
    }
}
