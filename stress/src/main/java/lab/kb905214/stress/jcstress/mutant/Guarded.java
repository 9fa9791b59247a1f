package lab.kb905214.stress.jcstress.mutant;

import lab.kb905214.engine.check.CheckCoordinator;
import lab.kb905214.engine.check.PendingCheck;
import lab.kb905214.senderid.check.SenderIdVerdict;
import lab.kb905214.stress.jcstress.SampleCheck;

/**
 * Coordinator calls that name how they ended, so that an exception becomes a result JCStress records (and the tests
 * forbid) instead of an error that ends the test: "OK", an outcome's name, or "THREW_" and the exception's class.
 *
 * <p>Only runtime exceptions are caught: an Error (out of memory, say) is left to JCStress, which fails the fork and
 * prints it.
 */
final class Guarded {
    /** What a call that returned normally is recorded as. */
    static final String OK = "OK";

    private Guarded() {}

    /** The completion thread posts {@code verdict}, or {@code failure} when the evaluation ended in an error. */
    static String complete(CheckCoordinator coordinator, PendingCheck check, SenderIdVerdict verdict,
            Throwable failure) {
        try {
            coordinator.complete(check, verdict, failure);
            return OK;
        } catch (RuntimeException e) {
            return threw(e);
        }
    }

    /** The watcher thread tears the sample's session down. */
    static String teardown(CheckCoordinator coordinator) {
        try {
            coordinator.teardown(SampleCheck.SESSION, SampleCheck.NOTHING_TO_RELEASE);
            return OK;
        } catch (RuntimeException e) {
            return threw(e);
        }
    }

    /** The session thread waits for the check's outcome (without a bound: a lost outcome blocks here). */
    static String await(CheckCoordinator coordinator, PendingCheck check) {
        try {
            return SampleCheck.await(coordinator, check);
        } catch (RuntimeException e) {
            return threw(e);
        }
    }

    private static String threw(RuntimeException e) {
        return "THREW_" + e.getClass().getSimpleName();
    }
}
