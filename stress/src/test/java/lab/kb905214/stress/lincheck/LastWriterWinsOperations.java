package lab.kb905214.stress.lincheck;

import lab.kb905214.engine.check.CheckCoordinator;
import lab.kb905214.engine.check.Outcome;
import lab.kb905214.engine.check.PendingCheck;
import lab.kb905214.engine.check.SessionId;
import lab.kb905214.engine.failpoint.Failpoints;

/**
 * A deliberately wrong coordinator under Lincheck, the control that shows {@link CheckSpecification} can fail: it
 * never hangs and never loses a wakeup, but every decision overwrites the one before, so a check can be delivered
 * and then cancelled.
 */
public class LastWriterWinsOperations extends CoordinatorOperations {
    /** A fresh wrong coordinator with one registered check. */
    public LastWriterWinsOperations() {
        super(new LastWriterWinsCoordinator());
    }

    /** Decides a check again on every call: the defect the specification must catch. */
    static final class LastWriterWinsCoordinator implements CheckCoordinator {
        private final Object lock = new Object();
        private final Failpoints failpoints = new Failpoints();
        private Outcome outcome; // guarded by lock

        @Override
        public PendingCheck register(SessionId session) {
            return () -> session;
        }

        @Override
        public void complete(PendingCheck check, Outcome.Evaluated outcome) {
            decide(outcome);
        }

        @Override
        public void teardown(SessionId session, Runnable release) {
            release.run();
            decide(new Outcome.Cancelled());
        }

        @Override
        public Outcome awaitVerdict(PendingCheck check) throws InterruptedException {
            synchronized (lock) {
                while (outcome == null) {
                    lock.wait();
                }
                return outcome;
            }
        }

        @Override
        public void sessionEnded(SessionId session) {}

        @Override
        public Failpoints failpoints() {
            return failpoints;
        }

        @Override
        public long lostVerdicts() {
            return 0;
        }

        private void decide(Outcome decided) {
            synchronized (lock) {
                outcome = decided; // the defect: no "first one wins"
                lock.notifyAll();
            }
        }
    }
}
