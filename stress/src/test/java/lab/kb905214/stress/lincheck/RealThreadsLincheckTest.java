package lab.kb905214.stress.lincheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import lab.kb905214.results.Engine;
import lab.kb905214.stress.race.Race;
import lab.kb905214.stress.results.Provenance;
import org.junit.jupiter.api.Test;

/**
 * The same races on real threads under {@code Lincheck.runConcurrentTest}: each invocation starts a thread per path
 * (completion, watcher, session) and joins them, as the engine's own threads would run, without sockets. engine-buggy
 * must hang; engine-fixed must pass its whole budget. Results go to {@code lincheck-<engine>-<scenario>-threads.json}.
 */
class RealThreadsLincheckTest {
    private static final int BUDGET = LincheckRun.INVOCATIONS;
    private static final int ATTEMPTS = 3;

    @Test
    void buggyH1DeadlocksOnRealThreads() throws Exception {
        LincheckRun run = runAndRecord(Engine.BUGGY, LincheckScenario.of(Race.H1), ThreadedRace::onBuggy);

        assertThat(run.passed())
                .as("no hang of complete || teardown in %d invocations", BUDGET)
                .isFalse();
        assertThat(run.deadlocked())
                .as("a deadlock, not another failure:\n%s", run.failure())
                .isTrue();
        assertThat(run.failure())
                .contains("MONITORENTER", "coordinator.complete(BuggyCheck#1", "coordinator.teardown(SessionId#1");
    }

    @Test
    void buggyH2LosesTheWakeupOnRealThreads() throws Exception {
        LincheckRun run = runAndRecord(Engine.BUGGY, LincheckScenario.of(Race.H2), ThreadedRace::onBuggy);

        assertThat(run.passed())
                .as("no hang of await || complete in %d invocations", BUDGET)
                .isFalse();
        assertThat(run.deadlocked())
                .as("a hung waiter, not another failure:\n%s", run.failure())
                .isTrue();
        assertThat(run.failure()).contains("WAIT", "awaitVerdict");
    }

    @Test
    void fixedDecidesOnceOnRealThreads() throws Exception {
        LincheckRun run = runAndRecord(Engine.FIXED, LincheckScenario.of(Race.THREE_PATHS), ThreadedRace::onFixed);

        assertThat(run.failure())
                .as("await || complete || teardown on engine-fixed")
                .isNull();
        // The JDK's internals are interleaved here, so the budget always runs out first; a run that stopped short
        // would be Lincheck having lost track of the threads (as it did once, see InvocationCounter), and would prove
        // nothing.
        assertThat(run.explored()).as("invocations explored").isEqualTo(BUDGET);
    }

    /**
     * Runs the scenario, again after a crash inside Lincheck (its general-purpose model checker sometimes fails to
     * replay, for its trace, a failure it has just found: "GPMC trace is expected", an IndexOutOfBoundsException),
     * up to {@link #ATTEMPTS} times. Each crash is written into the results file, so a retried run is never passed
     * off as a clean one, and a run that crashed every time is recorded as a harness error, which fails the gate.
     */
    private static LincheckRun runAndRecord(
            Engine engine, LincheckScenario scenario, Function<LincheckScenario, ThreadedRace> race)
            throws InterruptedException {
        Provenance provenance = Provenance.now();
        LincheckScenario threaded = scenario.named(scenario.name() + "-threads");
        List<String> crashes = new ArrayList<>();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                LincheckRun run = LincheckRun.concurrent(threaded, BUDGET, race.apply(threaded));
                LincheckResults.record(engine, run, provenance, crashes);
                System.out.printf(
                        "lincheck %s %s: %d invocations, %.1f s, after %d crash(es) of Lincheck%n%s%n",
                        engine, threaded.name(), run.explored(), run.seconds(), crashes.size(), run.failure());
                return run;
            } catch (IllegalStateException e) {
                crashes.add("attempt " + attempt + ": " + e.getMessage() + ": " + e.getCause());
            }
        }
        LincheckResults.recordHarnessError(engine, threaded, BUDGET, crashes, provenance);
        throw new IllegalStateException("Lincheck crashed in all " + ATTEMPTS + " attempts: " + crashes);
    }
}
