package lab.kb905214.engine.buggy;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import lab.kb905214.engine.check.CheckCoordinator;
import lab.kb905214.engine.check.Outcome;
import lab.kb905214.engine.check.PendingCheck;
import lab.kb905214.engine.check.SessionId;
import lab.kb905214.engine.failpoint.Failpoints;
import lab.kb905214.engine.failpoint.Step;

/**
 * The Sender ID check coordinator as shipped, with the two defects this lab models for KB905214.
 *
 * <p>H1, lock-order inversion: {@link #complete} takes the registry lock, then the session lock; {@link #teardown}
 * takes the session lock, then the registry lock. When a client leaves just as its verdict arrives, the
 * completion thread and the watcher thread each hold the lock the other wants. The completion thread serves the
 * whole virtual server, so from then on no session gets a verdict: the server stops responding.
 *
 * <p>H2, lost wakeup: {@link #awaitVerdict} looks for the verdict outside the session lock and then waits without
 * a guard loop. A verdict posted between the look and the wait notifies nobody, and that session waits forever.
 */
public final class BuggyCoordinator implements CheckCoordinator {

    /** The lock over the server-wide registry of pending checks (a class of its own, so dumps name it). */
    static final class RegistryLock {}

    /** The per-session lock that guards a session's check state. */
    static final class SessionLock {}

    /** A pending check; its outcome is written under the session lock. */
    static final class BuggyCheck implements PendingCheck {
        private final SessionId session;
        Outcome outcome;

        BuggyCheck(SessionId session) {
            this.session = session;
        }

        @Override
        public SessionId session() {
            return session;
        }
    }

    private final Failpoints failpoints = new Failpoints();
    private final RegistryLock registry = new RegistryLock();
    private final Map<SessionId, BuggyCheck> pending = new HashMap<>(); // guarded by registry
    private final Map<SessionId, SessionLock> sessions = new ConcurrentHashMap<>();

    @Override
    public PendingCheck register(SessionId session) {
        BuggyCheck check = new BuggyCheck(session);
        synchronized (registry) {
            pending.put(session, check);
        }
        return check;
    }

    @Override
    public void complete(PendingCheck check, Outcome.Evaluated outcome) {
        BuggyCheck c = (BuggyCheck) check;
        failpoints.reach(Step.COMPLETION_BEGIN);
        synchronized (registry) {
            failpoints.reach(Step.COMPLETION_POST);
            if (pending.remove(c.session(), c)) { // else torn down meanwhile
                SessionLock lock = lockOf(c.session());
                synchronized (lock) { // H1: registry -> session, while teardown goes session -> registry
                    c.outcome = outcome;
                    lock.notifyAll();
                }
            }
        }
        failpoints.reach(Step.COMPLETION_DONE);
    }

    @Override
    public void teardown(SessionId session, Runnable release) {
        failpoints.reach(Step.TEARDOWN_BEGIN);
        SessionLock lock = lockOf(session);
        synchronized (lock) {
            failpoints.reach(Step.TEARDOWN_CANCEL);
            release.run();
            BuggyCheck check;
            synchronized (registry) { // H1: session -> registry, while completion goes registry -> session
                check = pending.remove(session);
            }
            if (check != null) {
                check.outcome = new Outcome.Cancelled();
                lock.notifyAll();
            }
        }
        failpoints.reach(Step.TEARDOWN_DONE);
    }

    @Override
    public Outcome awaitVerdict(PendingCheck check) throws InterruptedException {
        BuggyCheck c = (BuggyCheck) check;
        failpoints.reach(Step.WAITER_BEGIN);
        SessionLock lock = lockOf(c.session());
        if (c.outcome == null) { // H2: looked at outside the lock...
            failpoints.reach(Step.WAITER_CHECKED);
            synchronized (lock) {
                lock.wait(); // ...and waited for once, with no guard loop and no timeout
            }
        }
        return c.outcome;
    }

    @Override
    public void sessionEnded(SessionId session) {
        sessions.remove(session);
    }

    @Override
    public Failpoints failpoints() {
        return failpoints;
    }

    @Override
    public long lostVerdicts() {
        return 0; // an unbounded wait never gives up, so a lost verdict shows as a hang instead
    }

    private SessionLock lockOf(SessionId session) {
        return sessions.computeIfAbsent(session, s -> new SessionLock());
    }
}
