package lab.kb905214.stress.mutants;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import lab.kb905214.engine.check.Outcome;
import lab.kb905214.engine.check.PendingCheck;
import lab.kb905214.engine.check.SessionId;
import lab.kb905214.engine.failpoint.Step;
import lab.kb905214.senderid.check.SenderIdVerdict;

/**
 * M1, lock order reverted on one path. A maintainer makes the registry and the session "safe" with monitors:
 * completion holds the registry's monitor and posts under the session's (registry, then session), while teardown
 * cancels under the session's monitor and takes the registry's inside it (session, then registry): engine-buggy's H1.
 */
final class LockOrderReverted extends FixedBaseline {
    /** The registry's monitor (classes of their own, so thread dumps and lock cycles name them). */
    static final class RegistryMonitor {}

    /** A session's monitor. */
    static final class SessionMonitor {}

    private final RegistryMonitor registry = new RegistryMonitor();
    private final Map<SessionId, SessionMonitor> sessions = new ConcurrentHashMap<>();

    @Override
    public void complete(PendingCheck check, SenderIdVerdict verdict, Throwable failure) {
        synchronized (registry) {
            super.complete(check, verdict, failure);
        }
    }

    @Override
    protected void post(Check c, Outcome outcome) {
        synchronized (monitorOf(c.session())) { // completion: registry -> session
            super.post(c, outcome);
        }
    }

    @Override
    public void teardown(SessionId session, Runnable release) {
        synchronized (monitorOf(session)) {
            failpoints.reach(Step.TEARDOWN_CANCEL);
            release.run();
            synchronized (registry) { // the mutation: session -> registry
                cancel(session);
            }
        }
        failpoints.reach(Step.TEARDOWN_DONE);
    }

    private SessionMonitor monitorOf(SessionId session) {
        return sessions.computeIfAbsent(session, s -> new SessionMonitor());
    }
}
