package lab.kb905214.stress.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import lab.kb905214.stress.results.Provenance;
import lab.kb905214.stress.rig.EngineKind;
import org.junit.jupiter.api.Test;

/**
 * engine-buggy under the deterministic schedules: every racy repetition must hang, every benign one must complete.
 * Runs in its own JVM (reuseForks=false), which is thrown away with the deadlocked threads it collected.
 */
class BuggyScheduleTest {

    @Test
    void h1DeadlocksEveryRepetitionAndTheServerStopsResponding() throws Exception {
        ScheduleHarness.Runs runs = ScheduleHarness.run(EngineKind.BUGGY, Scenario.H1);
        ScheduleHarness.record(runs, Provenance.now());

        assertThat(runs.notExercised())
                .as("runs that did not reach their failpoints")
                .isZero();
        for (ScheduleRun run : runs.racy()) {
            assertThat(run.cycle()).as("deadlock cycle\n%s", run.describe()).isPresent();
            assertThat(run.cycle().get().lockClasses())
                    .containsExactlyInAnyOrder(
                            "lab.kb905214.engine.buggy.BuggyCoordinator$RegistryLock",
                            "lab.kb905214.engine.buggy.BuggyCoordinator$SessionLock");
            assertThat(run.probeAnswered())
                    .as("a fresh transaction after the deadlock: %s", run.probeReply())
                    .isFalse();
        }
        for (ScheduleRun run : runs.benign()) {
            assertThat(run.hung()).as("benign order\n%s", run.describe()).isFalse();
            assertThat(run.probeAnswered())
                    .as("probe after the benign order: %s", run.probeReply())
                    .isTrue();
        }
    }

    @Test
    void h2LosesTheWakeupEveryRepetitionWhileOtherSessionsGoOn() throws Exception {
        ScheduleHarness.Runs runs = ScheduleHarness.run(EngineKind.BUGGY, Scenario.H2);
        ScheduleHarness.record(runs, Provenance.now());

        assertThat(runs.notExercised())
                .as("runs that did not reach their failpoints")
                .isZero();
        for (ScheduleRun run : runs.racy()) {
            assertThat(run.cycle()).as("H2 is no deadlock").isEmpty();
            assertThat(run.stuckWaiters())
                    .as("session waiting forever\n%s", run.describe())
                    .hasSize(1);
            assertThat(run.victimReply()).as("the raced transaction's reply").startsWith("no reply");
            assertThat(run.probeAnswered())
                    .as("only that session hangs: %s", run.probeReply())
                    .isTrue();
        }
        for (ScheduleRun run : runs.benign()) {
            assertThat(run.hung()).as("benign order\n%s", run.describe()).isFalse();
            assertThat(run.victimReply()).startsWith("250");
        }
    }
}
