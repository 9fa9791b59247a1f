package lab.kb905214.stress.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;

import lab.kb905214.engine.buggy.BuggyCoordinator;
import lab.kb905214.engine.check.PendingCheck;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * H2 on engine-buggy: the session thread waits for its verdict while the completion thread posts it.
 *
 * <p>The waiter and the post start together ({@link StartLine}); JCStress declares STALE when the waiter is still
 * blocked {@code max(2 x -time, 30 s)} after the post, and then ends the fork.
 *
 * <p>STALE is marked interesting, not forbidden: this harness records the lost wakeup, and the gate judges it later.
 */
@JCStressTest(Mode.Termination)
@Description("H2 lost wakeup, engine-buggy: awaitVerdict (actor) racing complete (signal) on one check")
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the waiter saw the verdict (posted before its look, or woken)")
@Outcome(id = "STALE", expect = ACCEPTABLE_INTERESTING,
        desc = "lost wakeup: the verdict was posted between the look and the wait")
@State
public class BuggyH2Termination {
    private final BuggyCoordinator coordinator = new BuggyCoordinator();
    private final PendingCheck check = coordinator.register(SampleCheck.SESSION);
    private final StartLine start = new StartLine();

    /** The session thread at the end of DATA: waits for the verdict. */
    @Actor
    public void sessionWaits() {
        start.holdUntilCrossed();
        SampleCheck.await(coordinator, check);
    }

    /** The completion thread: posts the verdict. */
    @Signal
    public void verdictPosted() {
        start.cross();
        coordinator.complete(check, SampleCheck.VERDICT, null);
    }
}
