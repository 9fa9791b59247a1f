package lab.kb905214.engine.smtp;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import lab.kb905214.engine.check.CheckCoordinator;
import lab.kb905214.engine.check.Outcome;
import lab.kb905214.engine.check.PendingCheck;
import lab.kb905214.engine.check.SessionId;
import lab.kb905214.engine.failpoint.Failpoints;

/**
 * A correct, unbounded coordinator for the server's own tests (not either engine's): one future per check, the
 * registry a concurrent map, no locks; it records which threads ran each path.
 */
class SimpleTestCoordinator implements CheckCoordinator {

    static final class Check implements PendingCheck {
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

    final ConcurrentMap<SessionId, Check> pending = new ConcurrentHashMap<>();
    final List<String> registerThreads = new CopyOnWriteArrayList<>();
    final List<String> completionThreads = new CopyOnWriteArrayList<>();
    final List<String> teardownThreads = new CopyOnWriteArrayList<>();
    final List<SessionId> teardownSessions = new CopyOnWriteArrayList<>();
    final Set<SessionId> ended = ConcurrentHashMap.newKeySet();
    private final Failpoints failpoints = new Failpoints();

    @Override
    public PendingCheck register(SessionId session) {
        registerThreads.add(Thread.currentThread().getName());
        Check check = new Check(session);
        pending.put(session, check);
        return check;
    }

    @Override
    public void complete(PendingCheck check, Outcome.Evaluated outcome) {
        completionThreads.add(Thread.currentThread().getName());
        Check c = (Check) check;
        pending.remove(c.session(), c);
        c.outcome.complete(outcome);
    }

    @Override
    public void teardown(SessionId session, Runnable release) {
        teardownThreads.add(Thread.currentThread().getName());
        teardownSessions.add(session);
        Check c = pending.remove(session);
        if (c != null) {
            c.outcome.complete(new Outcome.Cancelled());
        }
        release.run();
    }

    @Override
    public Outcome awaitVerdict(PendingCheck check) throws InterruptedException {
        try {
            return ((Check) check).outcome.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void sessionEnded(SessionId session) {
        ended.add(session);
        pending.remove(session);
    }

    @Override
    public Failpoints failpoints() {
        return failpoints;
    }

    @Override
    public long lostVerdicts() {
        return 0;
    }
}
