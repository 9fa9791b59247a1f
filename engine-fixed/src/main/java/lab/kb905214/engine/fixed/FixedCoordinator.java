package lab.kb905214.engine.fixed;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import lab.kb905214.engine.check.CheckCoordinator;
import lab.kb905214.engine.check.Outcome;
import lab.kb905214.engine.check.PendingCheck;
import lab.kb905214.engine.check.SessionId;
import lab.kb905214.engine.check.WaitBound;
import lab.kb905214.engine.failpoint.Failpoints;
import lab.kb905214.engine.failpoint.Step;

/**
 * The Sender ID check coordinator with the hotfix: it cannot deadlock and cannot lose a verdict.
 *
 * <p>Fix for H1: no lock is held while calling into another component; the registry is a concurrent map, and its
 * entry for a check is removed exactly once, by whichever of completion and teardown gets there first. The winner
 * alone completes the check's outcome. Fix for H2: the outcome is a future, completed once, which remembers a
 * verdict posted before the session began to wait. Cancellation is idempotent, and the wait is bounded (at the
 * bound: TempError, 451 4.4.3); a bound can hide a lost wakeup, so an expiry that finds a verdict posted but not
 * delivered is counted.
 */
public final class FixedCoordinator implements CheckCoordinator {

    /** A pending check; its outcome is a future completed exactly once. */
    static final class FixedCheck implements PendingCheck {
        private final SessionId session;
        final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

        FixedCheck(SessionId session) {
            this.session = session;
        }

        @Override
        public SessionId session() {
            return session;
        }
    }

    private final Failpoints failpoints = new Failpoints();
    private final WaitBound bound;
    private final Map<SessionId, FixedCheck> pending = new ConcurrentHashMap<>();
    private final LongAdder lostVerdicts = new LongAdder();

    private FixedCoordinator(WaitBound bound) {
        this.bound = bound;
    }

    /** A coordinator whose sessions wait for a verdict as {@code bound} says. */
    public static FixedCoordinator waiting(WaitBound bound) {
        return new FixedCoordinator(bound);
    }

    /** A coordinator whose sessions wait at most {@code limit} for a verdict. */
    public static FixedCoordinator bounded(Duration limit) {
        return waiting(WaitBound.atMost(limit));
    }

    /** A coordinator whose sessions wait without a bound: only for harnesses that must see a lost wakeup as a hang. */
    public static FixedCoordinator unbounded() {
        return waiting(WaitBound.unbounded());
    }

    @Override
    public PendingCheck register(SessionId session) {
        FixedCheck check = new FixedCheck(session);
        pending.put(session, check);
        return check;
    }

    @Override
    public void complete(PendingCheck check, Outcome.Evaluated outcome) {
        FixedCheck c = (FixedCheck) check;
        failpoints.reach(Step.COMPLETION_BEGIN);
        failpoints.reach(Step.COMPLETION_POST);
        if (pending.remove(c.session(), c)) { // else torn down meanwhile; no lock held, so nothing to invert
            c.outcome.complete(outcome);
        }
        failpoints.reach(Step.COMPLETION_DONE);
    }

    @Override
    public void teardown(SessionId session, Runnable release) {
        failpoints.reach(Step.TEARDOWN_BEGIN);
        failpoints.reach(Step.TEARDOWN_CANCEL);
        try {
            release.run();
        } finally {
            FixedCheck check = pending.remove(session); // a second teardown finds nothing: idempotent
            if (check != null) {
                check.outcome.complete(new Outcome.Cancelled());
            }
        }
        failpoints.reach(Step.TEARDOWN_DONE);
    }

    @Override
    public Outcome awaitVerdict(PendingCheck check) throws InterruptedException {
        FixedCheck c = (FixedCheck) check;
        failpoints.reach(Step.WAITER_BEGIN);
        if (!c.outcome.isDone()) {
            failpoints.reach(Step.WAITER_CHECKED);
        }
        try {
            Optional<Duration> limit = bound.limit();
            if (limit.isEmpty()) {
                return c.outcome.get(); // the future keeps a verdict posted before this line: no wakeup to lose
            }
            return c.outcome.get(limit.get().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return expired(c);
        } catch (ExecutionException e) {
            return new Outcome.Failed(String.valueOf(e.getCause())); // never completed exceptionally; kept total
        }
    }

    // At the bound, the waiter competes for the registry entry like the other two paths. If completion or teardown
    // won, the outcome is being completed right now and reaches the waiter: a verdict in delivery is not lost. If
    // the waiter wins, nobody may post any more, and an evaluation still running was merely slow; but an outcome
    // already there was posted and never reached the waiter: a lost verdict, which the bound would otherwise hide.
    private Outcome expired(FixedCheck c) throws InterruptedException {
        failpoints.reach(Step.WAITER_EXPIRED);
        if (!pending.remove(c.session(), c)) {
            try {
                return c.outcome.get();
            } catch (ExecutionException e) {
                return new Outcome.Failed(String.valueOf(e.getCause()));
            }
        }
        boolean lost = c.outcome.isDone();
        if (lost) {
            lostVerdicts.increment();
        }
        return new Outcome.TimedOut(lost);
    }

    @Override
    public void sessionEnded(SessionId session) {
        pending.remove(session);
    }

    @Override
    public Failpoints failpoints() {
        return failpoints;
    }

    @Override
    public long lostVerdicts() {
        return lostVerdicts.sum();
    }
}
