package lab.kb905214.stress.mutants;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import lab.kb905214.engine.check.CheckCoordinator;
import lab.kb905214.engine.check.Outcome;
import lab.kb905214.engine.check.PendingCheck;
import lab.kb905214.engine.check.SessionId;
import lab.kb905214.engine.failpoint.Failpoints;
import lab.kb905214.engine.failpoint.Step;
import lab.kb905214.senderid.check.SenderIdVerdict;

/**
 * The mutation base: engine-fixed's coordinator with its wait unbounded (the harness setting), written as small
 * overridable steps so that each mutant replaces one of them. Run unchanged it is the control (M0), which every
 * harness must pass: a harness that "kills" the base is reporting its own defect, not a mutant's.
 *
 * <p>Same logic and same failpoints as {@code FixedCoordinator}: the registry entry is removed once, by whichever of
 * completion and teardown {@link #claim claims} it first, and only the winner completes the check's future.
 */
public class FixedBaseline implements CheckCoordinator {

    /** A pending check; its outcome is a future completed exactly once. */
    protected static class Check implements PendingCheck {
        private final SessionId session;
        final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

        Check(SessionId session) {
            this.session = session;
        }

        @Override
        public SessionId session() {
            return session;
        }
    }

    protected final Failpoints failpoints = new Failpoints();
    protected final Map<SessionId, Check> pending = new ConcurrentHashMap<>();

    @Override
    public PendingCheck register(SessionId session) {
        Check check = new Check(session);
        pending.put(session, check);
        return check;
    }

    @Override
    public void complete(PendingCheck check, SenderIdVerdict verdict, Throwable failure) {
        Check c = (Check) check;
        failpoints.reach(Step.COMPLETION_BEGIN);
        Outcome outcome = failure == null ? new Outcome.Delivered(verdict) : new Outcome.Failed(String.valueOf(failure));
        failpoints.reach(Step.COMPLETION_POST);
        deliver(c, outcome);
        failpoints.reach(Step.COMPLETION_DONE);
    }

    /** Completion's decision: post the outcome only if completion, not teardown, claimed the check. */
    protected void deliver(Check c, Outcome outcome) {
        if (claim(c)) {
            post(c, outcome);
        }
    }

    /** Removes {@code c}'s registry entry if it is still there, and says whether this call removed it. */
    protected boolean claim(Check c) {
        return pending.remove(c.session(), c);
    }

    /** Makes {@code outcome} the check's outcome and wakes its waiter. */
    protected void post(Check c, Outcome outcome) {
        c.outcome.complete(outcome);
    }

    @Override
    public void teardown(SessionId session, Runnable release) {
        failpoints.reach(Step.TEARDOWN_CANCEL);
        try {
            release.run();
        } finally {
            cancel(session);
        }
        failpoints.reach(Step.TEARDOWN_DONE);
    }

    /** Teardown's decision: cancel the session's check, if one is still registered (else nothing: idempotent). */
    protected void cancel(SessionId session) {
        Check check = pending.remove(session);
        if (check != null) {
            post(check, new Outcome.Cancelled());
        }
    }

    @Override
    public Outcome awaitVerdict(PendingCheck check) throws InterruptedException {
        Check c = (Check) check;
        failpoints.reach(Step.WAITER_BEGIN);
        if (!c.outcome.isDone()) {
            failpoints.reach(Step.WAITER_CHECKED);
        }
        return waitFor(c);
    }

    /** Blocks until the check's outcome is posted; the future keeps a post made before the wait began. */
    protected Outcome waitFor(Check c) throws InterruptedException {
        try {
            return c.outcome.get();
        } catch (ExecutionException e) {
            return new Outcome.Failed(String.valueOf(e.getCause()));
        }
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
        return 0; // unbounded: a lost verdict shows as a hang
    }
}
