package lab.kb905214.stress.lincheck;

import static org.assertj.core.api.Assertions.assertThat;

import lab.kb905214.results.Engine;
import lab.kb905214.stress.race.Race;
import lab.kb905214.stress.results.Provenance;
import org.junit.jupiter.api.Test;

/**
 * engine-buggy under Lincheck's model checker: each race must be found as a hang, with its interleaving. A run that
 * finds nothing fails the test, since a harness that cannot see the bug proves nothing about the fix. The results
 * file is written before anything is asserted. Runs in its own JVM (reuseForks=false), thrown away with the
 * threads Lincheck leaves blocked.
 */
class BuggyLincheckTest {
    private static final long BUDGET = (long) LincheckRun.ITERATIONS * LincheckRun.INVOCATIONS;

    @Test
    void h1CompletionAndTeardownDeadlock() throws Exception {
        LincheckRun run = runAndRecord(LincheckScenario.of(Race.H1));

        assertThat(run.passed())
                .as("Lincheck found no hang of complete || teardown in %d invocations", BUDGET)
                .isFalse();
        assertThat(run.deadlocked())
                .as("a deadlock, not another failure:\n%s", run.failure())
                .isTrue();
        // Both paths stuck, each holding the lock the other wants: the completion thread never serves anyone again.
        assertThat(run.resultsTable()).contains("complete(): <hung>", "teardown(): <hung>");
        assertThat(run.evidence()).contains("MONITORENTER", "lock is already acquired");
    }

    @Test
    void h2WaiterMissesTheVerdictAndWaitsForever() throws Exception {
        LincheckRun run = runAndRecord(LincheckScenario.of(Race.H2));

        assertThat(run.passed())
                .as("Lincheck found no hang of await || complete in %d invocations", BUDGET)
                .isFalse();
        assertThat(run.deadlocked())
                .as("a hung waiter, not another failure:\n%s", run.failure())
                .isTrue();
        // The verdict was posted (complete returned) and the waiter still waits: the wakeup was lost.
        assertThat(run.resultsTable()).contains("await(): <hung>", "complete(): void");
        assertThat(run.evidence()).contains("WAIT");
    }

    private static LincheckRun runAndRecord(LincheckScenario scenario) throws InterruptedException {
        Provenance provenance = Provenance.now();
        LincheckRun run = LincheckRun.check(BuggyCoordinatorOperations.class, scenario, BUDGET);
        LincheckResults.record(Engine.BUGGY, run, provenance);
        System.out.printf(
                "lincheck buggy %s: %d invocations (+%d trace replays), %.1f s%n%s%n",
                scenario.name(), run.explored(), run.traceReplays(), run.seconds(), run.failure());
        return run;
    }
}
