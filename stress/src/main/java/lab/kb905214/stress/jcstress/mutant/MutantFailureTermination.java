package lab.kb905214.stress.jcstress.mutant;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.io.IOException;
import lab.kb905214.engine.check.CheckCoordinator;
import lab.kb905214.engine.check.PendingCheck;
import lab.kb905214.stress.jcstress.SampleCheck;
import lab.kb905214.stress.jcstress.StartLine;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * The error path on the coordinator under test: the session waits while the evaluation ends in a DNS error instead
 * of a verdict. The error must reach the waiter (as a Failed outcome, answered 451) like a verdict would; a
 * completion path that posts nothing on an error (the jSPF asynchronous-executor hang) leaves it blocked: STALE.
 */
@JCStressTest(Mode.Termination)
@Description("error path, coordinator under test: awaitVerdict (actor) racing complete-with-failure (signal)")
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the waiter got the failure and can answer 451")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "the failure was never posted: the session waits forever")
@State
public class MutantFailureTermination {
    /** The evaluation's error; one instance, so a sample does not pay for a stack trace. */
    private static final IOException SERVFAIL = new IOException("SERVFAIL for the PRA domain's SPF record");

    private final CheckCoordinator coordinator = CoordinatorUnderTest.create();
    private final PendingCheck check = coordinator.register(SampleCheck.SESSION);
    private final StartLine start = new StartLine();

    /** The session thread at the end of DATA: waits for the outcome. */
    @Actor
    public void sessionWaits() {
        start.holdUntilCrossed();
        SampleCheck.await(coordinator, check);
    }

    /** The completion thread: the evaluation ended in an error. */
    @Signal
    public void failurePosted() {
        start.cross();
        coordinator.complete(check, null, SERVFAIL);
    }
}
