package lab.kb905214.stress.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import lab.kb905214.engine.check.PendingCheck;
import lab.kb905214.engine.fixed.FixedCoordinator;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * H2 on engine-fixed, its wait unbounded so a lost wakeup would show as STALE instead of a TempError at the bound.
 *
 * <p>The waiter and the post start together ({@link StartLine}); JCStress declares STALE when the waiter is still
 * blocked {@code max(2 x -time, 30 s)} after the post, and then ends the fork.
 *
 * <p>STALE is forbidden: the verdict is a future that keeps a post made before the wait.
 */
@JCStressTest(Mode.Termination)
@Description("H2 lost wakeup, engine-fixed (unbounded wait): awaitVerdict (actor) racing complete (signal) on one check")
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the waiter saw the verdict (posted before its look, or woken)")
@Outcome(id = "STALE", expect = FORBIDDEN,
        desc = "lost wakeup: the fix failed, a verdict posted before the wait was never seen")
@State
public class FixedH2Termination {
    private final FixedCoordinator coordinator = FixedCoordinator.unbounded();
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
