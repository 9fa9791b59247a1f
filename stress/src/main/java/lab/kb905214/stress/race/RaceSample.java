package lab.kb905214.stress.race;

import java.io.IOException;
import java.util.List;
import lab.kb905214.engine.check.CheckCoordinator;
import lab.kb905214.engine.check.Outcome;
import lab.kb905214.engine.check.PendingCheck;
import lab.kb905214.engine.check.SessionId;
import lab.kb905214.senderid.check.Scope;
import lab.kb905214.senderid.check.SenderIdVerdict;
import lab.kb905214.senderid.spf.SpfResult;

/**
 * One run of a {@link Race} on a fresh coordinator: the session's checks registered as the race needs them, and each
 * call made on them and named the way {@link CheckModel} names it, so that what a coordinator returned can be set
 * beside what the model allows. The JCStress tests of every race make their calls through it.
 */
public final class RaceSample {
    /** The session whose checks every sample races on. */
    public static final SessionId SESSION = new SessionId(1);
    /** The verdict a completion posts: a PRA Pass. Only this very object counts as delivered. */
    public static final SenderIdVerdict VERDICT =
            new SenderIdVerdict(SpfResult.PASS, Scope.PRA, "a@pass.example", "from", "", "", "test", List.of());
    /** The error a failing evaluation posts; one instance, so that a sample does not pay for a stack trace. */
    @SuppressWarnings("StaticAssignmentOfThrowable") // never thrown: posted as a value, and compared by its text
    public static final IOException FAILURE = new IOException("SERVFAIL for the PRA domain's SPF record");

    private final CheckCoordinator coordinator;
    private final PendingCheck earlier;
    private final PendingCheck current;

    /** Registers {@code race}'s checks on {@code coordinator}, as a session thread does at the end of DATA. */
    public RaceSample(Race race, CheckCoordinator coordinator) {
        this.coordinator = coordinator;
        if (race.hasEarlierCheck()) {
            // The earlier transaction was reset while its check was in flight; the session went on to the next.
            this.earlier = coordinator.register(SESSION);
            coordinator.teardown(SESSION, RaceSample::releaseNothing);
        } else {
            this.earlier = null;
        }
        this.current = coordinator.register(SESSION);
    }

    /**
     * Makes {@code operation}'s call and names how it ended: {@link CheckModel#OK} for a decision that returned, the
     * outcome's name for a wait (DELIVERED, FAILED, CANCELLED, or a name no model state has, such as TIMED_OUT), or
     * {@code THREW_} and the exception's class. Only runtime exceptions are caught: an Error is left to the harness.
     */
    public String perform(RaceOperation operation) {
        try {
            switch (operation) {
                case COMPLETE -> coordinator.complete(current, new Outcome.Delivered(VERDICT));
                case FAIL -> coordinator.complete(current, new Outcome.Failed(String.valueOf(FAILURE)));
                case TEARDOWN -> coordinator.teardown(SESSION, RaceSample::releaseNothing);
                case COMPLETE_EARLIER -> coordinator.complete(earlier, new Outcome.Delivered(VERDICT));
                case AWAIT -> {
                    return name(coordinator.awaitVerdict(current));
                }
                case AWAIT_EARLIER -> {
                    return name(coordinator.awaitVerdict(earlier));
                }
            }
            return CheckModel.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // JCStress never interrupts: named, so that it shows if it ever does
            return "INTERRUPTED";
        } catch (RuntimeException e) {
            return "THREW_" + e.getClass().getSimpleName();
        }
    }

    // What a teardown releases: nothing, since a sample holds no spooled message and no socket.
    private static void releaseNothing() {}

    // The model's names for the outcomes it knows; anything else gets a name no model state has. Only the very
    // verdict posted counts as delivered: an equal copy, or another check's verdict, would be a defect of its own.
    @SuppressWarnings("ReferenceEquality")
    private static String name(Outcome outcome) {
        if (outcome instanceof Outcome.Delivered delivered) {
            return delivered.verdict() == VERDICT ? CheckModel.State.DELIVERED.name() : "DELIVERED_OTHER";
        }
        if (outcome instanceof Outcome.Failed failed) {
            return failed.reason().equals(String.valueOf(FAILURE)) ? CheckModel.State.FAILED.name() : "FAILED_OTHER";
        }
        if (outcome instanceof Outcome.Cancelled) {
            return CheckModel.State.CANCELLED.name();
        }
        if (outcome instanceof Outcome.TimedOut) {
            return "TIMED_OUT";
        }
        return "NONE";
    }
}
