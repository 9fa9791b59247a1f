package lab.kb905214.stress.lincheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;
import lab.kb905214.stress.results.Provenance;
import org.junit.jupiter.api.Test;

/**
 * The same races on real threads under {@code Lincheck.runConcurrentTest}: each invocation starts a thread per path
 * (completion, watcher, session) and joins them, as the engine's own threads would run, without sockets. engine-buggy
 * must hang; engine-fixed must pass its whole budget. Results go to {@code lincheck-<engine>-<scenario>-threads.json}.
 */
class RealThreadsLincheckTest {
    private static final int BUDGET = LincheckRun.INVOCATIONS;

    @Test
    void buggyH1DeadlocksOnRealThreads() throws Exception {
        LincheckRun run = runAndRecord("buggy", LincheckScenario.h1(), ThreadedRace::onBuggy);

        assertThat(run.passed()).as("no hang of complete || teardown in %d invocations", BUDGET).isFalse();
        assertThat(run.deadlocked()).as("a deadlock, not another failure:\n%s", run.failure()).isTrue();
        assertThat(run.failure())
                .contains("MONITORENTER", "coordinator.complete(BuggyCheck#1", "coordinator.teardown(SessionId#1");
    }

    @Test
    void buggyH2LosesTheWakeupOnRealThreads() throws Exception {
        LincheckRun run = runAndRecord("buggy", LincheckScenario.h2(), ThreadedRace::onBuggy);

        assertThat(run.passed()).as("no hang of await || complete in %d invocations", BUDGET).isFalse();
        assertThat(run.deadlocked()).as("a hung waiter, not another failure:\n%s", run.failure()).isTrue();
        assertThat(run.failure()).contains("WAIT", "awaitVerdict");
    }

    @Test
    void fixedDecidesOnceOnRealThreads() throws Exception {
        LincheckRun run = runAndRecord("fixed", LincheckScenario.threePaths(), ThreadedRace::onFixed);

        assertThat(run.failure()).as("await || complete || teardown on engine-fixed").isNull();
        // The JDK's internals are interleaved here, so the budget always runs out first; a run that stopped short
        // would be Lincheck having lost track of the threads (as it did once, see InvocationCounter), and would prove
        // nothing.
        assertThat(run.explored()).as("invocations explored").isEqualTo(BUDGET);
    }

    private static LincheckRun runAndRecord(String engine, LincheckScenario scenario,
            Function<LincheckScenario, ThreadedRace> race) throws InterruptedException {
        Provenance provenance = Provenance.now();
        LincheckScenario threaded = scenario.named(scenario.name() + "-threads");
        LincheckRun run = LincheckRun.concurrent(threaded, BUDGET, race.apply(threaded));
        LincheckResults.record(engine, run, provenance);
        System.out.printf("lincheck %s %s: %d invocations, %.1f s%n%s%n", engine, threaded.name(), run.explored(),
                run.seconds(), run.failure());
        return run;
    }
}
