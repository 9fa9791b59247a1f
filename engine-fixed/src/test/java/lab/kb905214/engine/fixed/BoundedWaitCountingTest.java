package lab.kb905214.engine.fixed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lab.kb905214.engine.check.Outcome;
import lab.kb905214.engine.check.PendingCheck;
import lab.kb905214.engine.check.SessionId;
import lab.kb905214.engine.failpoint.Schedule;
import lab.kb905214.engine.failpoint.Step;
import lab.kb905214.senderid.check.Scope;
import lab.kb905214.senderid.check.SenderIdVerdict;
import org.junit.jupiter.api.Test;

/**
 * engine-fixed's bounded wait counts a lost verdict only when a verdict was posted and never reached its waiter.
 * The failpoints order the threads; the bound is one nanosecond, so a wait whose verdict cannot have been posted (its
 * poster is paused) always expires, and no test waits for time to pass.
 */
class BoundedWaitCountingTest {
    private static final Duration STEP_LIMIT = Duration.ofSeconds(10);
    private static final SenderIdVerdict VERDICT = SenderIdVerdict.tempError(Scope.PRA, "the verdict under test");

    private final FixedCoordinator coordinator = FixedCoordinator.bounded(Duration.ofNanos(1));
    private final SessionId session = new SessionId(1);

    @Test
    void aSlowEvaluationThatTimesOutIsNotALostVerdict() throws Exception {
        // The evaluation has finished and its completion has begun, but has not taken the check yet when the bound
        // expires: the waiter takes the check, and the verdict, posted later, finds nobody. Slow, not lost.
        Schedule schedule = arm(Step.COMPLETION_BEGIN);
        PendingCheck check = coordinator.register(session);
        CompletableFuture<Void> completion = CompletableFuture.runAsync(() -> complete(check));
        assertThat(schedule.awaitArrival(Step.COMPLETION_BEGIN, STEP_LIMIT))
                .as("completion began")
                .isTrue();

        Outcome outcome = coordinator.awaitVerdict(check);
        schedule.release(Step.COMPLETION_BEGIN);
        completion.get(STEP_LIMIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(outcome).isEqualTo(new Outcome.TimedOut(false));
        assertThat(coordinator.lostVerdicts()).isZero();
    }

    @Test
    void aVerdictBeingDeliveredWhenTheBoundExpiresReachesTheWaiter() throws Exception {
        // The other order: completion takes the check first, then the bound expires before the verdict is posted.
        Schedule schedule = arm(Step.COMPLETION_DONE, Step.WAITER_EXPIRED);
        PendingCheck check = coordinator.register(session);
        CompletableFuture<Outcome> waiter = CompletableFuture.supplyAsync(() -> await(check));
        assertThat(schedule.awaitArrival(Step.WAITER_EXPIRED, STEP_LIMIT))
                .as("the bound expired")
                .isTrue();
        CompletableFuture<Void> completion = CompletableFuture.runAsync(() -> complete(check));
        assertThat(schedule.awaitArrival(Step.COMPLETION_DONE, STEP_LIMIT))
                .as("verdict posted")
                .isTrue();

        schedule.release(Step.WAITER_EXPIRED);
        schedule.release(Step.COMPLETION_DONE);
        completion.get(STEP_LIMIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(waiter.get(STEP_LIMIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(new Outcome.Delivered(VERDICT));
        assertThat(coordinator.lostVerdicts()).isZero();
    }

    @Test
    void aVerdictPostedButNeverDeliveredIsCountedThoughTheBoundHidesIt() throws Exception {
        // A defect this coordinator does not have, planted to show the counter sees it: a path posts the verdict
        // without taking the check (as a completion that skipped the registry would), after the waiter's wait ran
        // out. The waiter still gives up at its bound, with a 451 instead of a hang: only the counter shows it.
        Schedule schedule = arm(Step.WAITER_EXPIRED);
        PendingCheck check = coordinator.register(session);
        CompletableFuture<Outcome> waiter = CompletableFuture.supplyAsync(() -> await(check));
        assertThat(schedule.awaitArrival(Step.WAITER_EXPIRED, STEP_LIMIT))
                .as("the bound expired")
                .isTrue();
        ((FixedCoordinator.FixedCheck) check).outcome.complete(new Outcome.Delivered(VERDICT));

        schedule.release(Step.WAITER_EXPIRED);

        assertThat(waiter.get(STEP_LIMIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(new Outcome.TimedOut(true));
        assertThat(coordinator.lostVerdicts()).isOne();
    }

    private Schedule arm(Step... paused) {
        Schedule schedule = Schedule.pausing(EnumSet.of(paused[0], paused), STEP_LIMIT);
        coordinator.failpoints().arm(schedule);
        return schedule;
    }

    private void complete(PendingCheck check) {
        coordinator.complete(check, new Outcome.Delivered(VERDICT));
    }

    private Outcome await(PendingCheck check) {
        try {
            return coordinator.awaitVerdict(check);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
