package lab.kb905214.stress.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import lab.kb905214.engine.failpoint.Schedule;
import lab.kb905214.engine.failpoint.Step;
import lab.kb905214.stress.load.LoadDriver;
import lab.kb905214.stress.load.LoadPlan;
import lab.kb905214.stress.load.LoadRun;
import lab.kb905214.stress.rig.EngineKind;
import lab.kb905214.stress.rig.EngineRig;
import org.junit.jupiter.api.Test;

/**
 * The load judge on engine-fixed with real clients: a pause is latency, silence past the window is a stopped
 * server, a refusal is an answer. The server is paused by holding the single completion thread at a failpoint, so
 * no verdict is posted and no transaction is answered while it is held.
 */
class JudgeTest {
    /** A short window keeps the test quick; the production window is the longest check plus the margin. */
    private static final Duration WINDOW = Duration.ofSeconds(5);

    private static final JudgeLimits LIMITS = new JudgeLimits(Duration.ofSeconds(60), WINDOW, Duration.ofMillis(100));
    private static final LoadPlan PLAN = LoadPlan.defaults().withClients(8).withAbortRate(0);

    /** Holds the completion thread from {@code from} seconds into the run for {@code forSeconds} (forever if null). */
    private static final class CompletionPause implements LoadDriver.DuringRun {
        private final double from;
        private final Double forSeconds;
        private final AtomicReference<Schedule> held = new AtomicReference<>();

        CompletionPause(double from, Double forSeconds) {
            this.from = from;
            this.forSeconds = forSeconds;
        }

        @Override
        public void look(EngineRig rig, double seconds) {
            if (held.get() == null && seconds >= from) {
                Schedule schedule = Schedule.pausing(Set.of(Step.COMPLETION_BEGIN), Duration.ofMinutes(2));
                held.set(schedule);
                rig.server().coordinator().failpoints().arm(schedule);
            } else if (held.get() != null && forSeconds != null && seconds >= from + forSeconds) {
                rig.server().coordinator().failpoints().disarm();
                held.get().releaseAll();
            }
        }

        void releaseForGood() {
            if (held.get() != null) {
                held.get().releaseAll();
            }
        }
    }

    @Test
    void aServerPausedForThreeSecondsIsSlowNotStopped() throws Exception {
        CompletionPause pause = new CompletionPause(1.0, 3.0);
        LoadRun run =
                LoadDriver.run(EngineKind.FIXED, PLAN.withMaxDuration(Duration.ofSeconds(7)), LIMITS, pause, p -> {});
        pause.releaseForGood();

        assertThat(run.proof()).as("%s", run.evidence()).isEmpty();
        assertThat(run.probes().maxMillis()).as("the pause shows as latency").isGreaterThanOrEqualTo(2500);
        assertThat(run.probes().over2s())
                .as("the first judge would have called this server stopped")
                .isPositive();
        assertThat(run.unanswered()).isZero();
        assertThat(run.accepted250Missing()).isEmpty();
    }

    @Test
    void aServerThatNeverAnswersAgainIsStoppedWithTheSilentSeconds() throws Exception {
        CompletionPause pause = new CompletionPause(1.0, null);
        LoadRun run;
        try {
            run = LoadDriver.run(
                    EngineKind.FIXED, PLAN.withMaxDuration(Duration.ofSeconds(20)), LIMITS, pause, p -> {});
        } finally {
            pause.releaseForGood();
        }

        assertThat(run.proof()).get().isInstanceOf(HangProof.StoppedServer.class);
        HangProof.StoppedServer stopped = (HangProof.StoppedServer) run.proof().get();
        assertThat(stopped.detectedAt() - stopped.lastProgressAt()).isGreaterThan(WINDOW.toMillis() / 1e3);
        assertThat(stopped.perSecond())
                .as("the time series of the silent window")
                .anyMatch(line -> line.contains("transactions answered    0"));
        assertThat(stopped.stacks())
                .as("the completion thread, held where the failpoint holds it")
                .contains("completion-")
                .contains("Schedule.arrive");
        assertThat(run.seconds()).as("ended by the proof, not the time limit").isLessThan(15);
    }

    @Test
    void aRefusalAtTheConnectionLimitIsAnAnswer() throws Exception {
        LoadRun run = LoadDriver.run(
                EngineKind.FIXED,
                PLAN.withClients(16).withMaxConnections(4).withMaxDuration(Duration.ofSeconds(4)),
                LIMITS,
                (rig, seconds) -> {},
                p -> {});

        assertThat(run.refused()).as("clients beyond the limit were told 421").isPositive();
        assertThat(run.proof()).as("%s", run.evidence()).isEmpty();
        assertThat(run.transactionsAnswered()).isPositive();
        assertThat(run.unanswered()).isZero();
        assertThat(run.accepted250Missing()).isEmpty();
    }
}
