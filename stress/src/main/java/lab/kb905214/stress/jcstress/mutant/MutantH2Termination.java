package lab.kb905214.stress.jcstress.mutant;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

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
 * H2 on the coordinator under test: the session waits for its verdict while the completion thread posts it.
 *
 * <p>The wait and the post start together ({@link StartLine}). A waiter that looks, misses the post and then waits
 * for a wakeup that already happened is still blocked when JCStress gives up on it: STALE, forbidden.
 */
@JCStressTest(Mode.Termination)
@Description("H2, coordinator under test: awaitVerdict (actor) racing complete (signal) on one check")
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the waiter saw the verdict (posted before its look, or woken)")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "lost wakeup: a verdict posted around the wait was never seen")
@State
public class MutantH2Termination {
    private final CheckCoordinator coordinator = CoordinatorUnderTest.create();
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
