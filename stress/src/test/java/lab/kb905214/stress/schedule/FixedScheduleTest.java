package lab.kb905214.stress.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import lab.kb905214.stress.results.Provenance;
import lab.kb905214.stress.rig.EngineKind;
import org.junit.jupiter.api.Test;

/** engine-fixed (unbounded wait, so a lost wakeup would show as a hang) under the same schedules: it never hangs. */
class FixedScheduleTest {

    @Test
    void h1CompletesWithTheCheckCancelledAndTheServerAnswering() throws Exception {
        ScheduleHarness.Runs runs = ScheduleHarness.run(EngineKind.FIXED, Scenario.H1);
        ScheduleHarness.record(runs, Provenance.now());

        assertThat(runs.notExercised())
                .as("runs that did not reach their failpoints")
                .isZero();
        for (ScheduleRun run : runs.racy()) {
            assertThat(run.hung()).as("fixed engine\n%s", run.describe()).isFalse();
            assertThat(run.stepsHit())
                    .contains("completion.post", "teardown.cancel", "teardown.done", "completion.done");
            assertThat(run.probeAnswered()).as("probe: %s", run.probeReply()).isTrue();
            // Teardown went first and cancelled the check: the client left, so nothing of its message is stored;
            // the probe's message is.
            assertThat(run.stored()).isEqualTo(1);
        }
    }

    @Test
    void h2DeliversTheVerdictPostedBeforeTheWait() throws Exception {
        ScheduleHarness.Runs runs = ScheduleHarness.run(EngineKind.FIXED, Scenario.H2);
        ScheduleHarness.record(runs, Provenance.now());

        assertThat(runs.notExercised())
                .as("runs that did not reach their failpoints")
                .isZero();
        for (ScheduleRun run : runs.racy()) {
            assertThat(run.hung()).as("fixed engine\n%s", run.describe()).isFalse();
            assertThat(run.stepsHit()).contains("waiter.checked", "completion.post", "completion.done");
            assertThat(run.victimReply()).as("the raced transaction").startsWith("250");
            assertThat(run.probeAnswered()).as("probe: %s", run.probeReply()).isTrue();
            assertThat(run.stored()).isEqualTo(2);
        }
    }
}
