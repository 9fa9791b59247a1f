package lab.kb905214.stress.jcstress;

import java.util.List;
import lab.kb905214.engine.check.CheckCoordinator;
import lab.kb905214.engine.check.Outcome;
import lab.kb905214.engine.check.PendingCheck;
import lab.kb905214.engine.check.SessionId;
import lab.kb905214.senderid.check.Scope;
import lab.kb905214.senderid.check.SenderIdVerdict;
import lab.kb905214.senderid.spf.SpfResult;

/**
 * The one session and the one verdict every JCStress sample uses, and the names its outcomes are recorded under.
 *
 * <p>Public for the mutant tests in {@code lab.kb905214.stress.jcstress.mutant}, which record the same names.
 */
public final class SampleCheck {
    /** The session each sample registers its single check for. */
    public static final SessionId SESSION = new SessionId(1);

    /** The verdict the completion path posts: a PRA Pass. */
    public static final SenderIdVerdict VERDICT = new SenderIdVerdict(SpfResult.PASS, Scope.PRA, "a@pass.example",
            "from", "", "", "test", List.of());

    /** The teardown's release: frees nothing, since a sample holds no spooled message or socket. */
    public static final Runnable NOTHING_TO_RELEASE = () -> {};

    private SampleCheck() {}

    /** The outcome's name as a JCStress result id: DELIVERED, CANCELLED, FAILED, TIMED_OUT (or NONE for null). */
    public static String name(Outcome outcome) {
        if (outcome instanceof Outcome.Delivered delivered) {
            // Only the verdict this sample posted counts as delivered; anything else would be a mix-up.
            return delivered.verdict() == VERDICT ? "DELIVERED" : "DELIVERED_OTHER";
        }
        if (outcome instanceof Outcome.Cancelled) {
            return "CANCELLED";
        }
        if (outcome instanceof Outcome.Failed) {
            return "FAILED";
        }
        if (outcome instanceof Outcome.TimedOut) {
            return "TIMED_OUT";
        }
        return "NONE";
    }

    /** Waits for the check's outcome and names it; an interrupt (JCStress never sends one) is named INTERRUPTED. */
    public static String await(CheckCoordinator coordinator, PendingCheck check) {
        try {
            return name(coordinator.awaitVerdict(check));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "INTERRUPTED";
        }
    }
}
