package lab.kb905214.engine.failpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A schedule that holds each arrival: a thread that comes back to a step (its session's next check) is held again,
 * until the driver releases that arrival; a run being abandoned lets every arrival through, later ones too.
 */
class ScheduleEachArrivalTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    @Test
    void aThreadBackAtAReleasedStepIsHeldAgain() throws Exception {
        Schedule schedule = Schedule.pausingEachArrival(LIMIT);
        Thread session = new Thread(() -> {
            schedule.arrive(Step.WAITER_BEGIN); // the first check
            schedule.arrive(Step.WAITER_BEGIN); // the next check, on the same thread
        });
        session.start();

        assertThat(schedule.awaitArrivals(Step.WAITER_BEGIN, 1, LIMIT)).isTrue();
        assertThat(schedule.isReleased(Step.WAITER_BEGIN)).isFalse();
        schedule.release(Step.WAITER_BEGIN);
        assertThat(schedule.awaitArrivals(Step.WAITER_BEGIN, 2, LIMIT)).isTrue();
        // The second arrival is held although the step was released once: the thread is still alive there.
        assertThat(schedule.isReleased(Step.WAITER_BEGIN)).isFalse();
        assertThat(schedule.arrivalsAt(Step.WAITER_BEGIN)).hasSize(2);
        assertThat(session.isAlive()).isTrue();

        schedule.release(Step.WAITER_BEGIN);
        session.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(session.isAlive()).isFalse();
        assertThat(schedule.latestArrival(Step.WAITER_BEGIN))
                .get()
                .extracting(Schedule.Arrival::threadId)
                .isEqualTo(session.getId());
    }

    @Test
    void theWatchersEntryIsHeldOnlyWhenAsked() throws Exception {
        Schedule windows = Schedule.pausingEachArrival(LIMIT);
        Thread passing = new Thread(() -> windows.arrive(Step.TEARDOWN_BEGIN));
        passing.start();
        passing.join(TimeUnit.SECONDS.toMillis(5));

        assertThat(passing.isAlive())
                .as("teardown.begin is no race window: not held")
                .isFalse();
        assertThat(windows.held()).isEmpty();

        Schedule everyStep = Schedule.pausingEachArrivalAt(EnumSet.allOf(Step.class), LIMIT);
        Thread held = new Thread(() -> everyStep.arrive(Step.TEARDOWN_BEGIN));
        held.start();
        assertThat(everyStep.awaitArrivals(Step.TEARDOWN_BEGIN, 1, LIMIT)).isTrue();
        assertThat(everyStep.held()).extracting(Schedule.Arrival::step).containsExactly(Step.TEARDOWN_BEGIN);
        everyStep.release(everyStep.held().get(0));
        held.join(TimeUnit.SECONDS.toMillis(5));
        assertThat(held.isAlive()).isFalse();
    }

    @Test
    void anAbandonedScheduleHoldsNoLaterArrival() throws Exception {
        Schedule schedule = Schedule.pausingEachArrival(LIMIT);
        schedule.releaseAll();
        Thread late = new Thread(() -> schedule.arrive(Step.COMPLETION_BEGIN));
        late.start();
        late.join(TimeUnit.SECONDS.toMillis(5));

        assertThat(late.isAlive())
                .as("an arrival after releaseAll went straight on")
                .isFalse();
        assertThat(schedule.arrivalsAt(Step.COMPLETION_BEGIN)).hasSize(1);
    }
}
