package lab.kb905214.stress.jcstress.mutant;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import lab.kb905214.engine.check.CheckCoordinator;
import lab.kb905214.engine.check.PendingCheck;
import lab.kb905214.stress.jcstress.SampleCheck;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLLL_Result;

/**
 * The cancellation on the coordinator under test: the client leaves while the session waits, then the verdict
 * arrives late and must be dropped. r1 is how teardown returned, r2 what the waiter saw, r3 how the late completion
 * returned, r4 a second look after it.
 *
 * <p>A verdict delivered over the cancellation shows as {@code CANCELLED, ..., DELIVERED}; a cancellation never
 * posted (or a wakeup lost) leaves the waiter blocked, which ends the fork as a hang.
 */
@JCStressTest
@Description("cancellation, coordinator under test: teardown and awaitVerdict race, late verdict, second look")
@Outcome(id = "OK, CANCELLED, OK, CANCELLED", expect = ACCEPTABLE,
        desc = "the waiter got the cancellation; the late verdict was dropped")
@Outcome(id = "OK, CANCELLED, OK, DELIVERED", expect = FORBIDDEN,
        desc = "the torn-down check was delivered after its cancellation")
@Outcome(expect = FORBIDDEN, desc = "a path threw, or the waiter did not get the cancellation")
@State
public class MutantCancelledToWaiter {
    private final CheckCoordinator coordinator = CoordinatorUnderTest.create();
    private final PendingCheck check = coordinator.register(SampleCheck.SESSION);

    /** The watcher thread: the client went away, tear the session down. */
    @Actor
    public void teardown(LLLL_Result r) {
        r.r1 = Guarded.teardown(coordinator);
    }

    /** The session thread at the end of DATA: waits for the outcome. */
    @Actor
    public void session(LLLL_Result r) {
        r.r2 = Guarded.await(coordinator, check);
    }

    /** After both returned: the verdict arrives late; a second look must still show the cancellation. */
    @Arbiter
    public void lateVerdict(LLLL_Result r) {
        r.r3 = Guarded.complete(coordinator, check, SampleCheck.VERDICT, null);
        r.r4 = Guarded.await(coordinator, check);
    }
}
