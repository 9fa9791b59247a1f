package lab.kb905214.stress.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import lab.kb905214.engine.check.PendingCheck;
import lab.kb905214.engine.fixed.FixedCoordinator;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LL_Result;

/**
 * engine-fixed: the client leaves while the session waits, and the cancellation reaches it exactly once.
 *
 * <p>The other two-thread half of {@link FixedDeliveredOnce}: teardown and the waiter race, then the verdict arrives
 * late and must be dropped. r1 is what the waiter saw, r2 a second look after the late verdict. A lost cancellation
 * leaves the waiter blocked, which ends the fork and is counted as a hang by {@link JcstressResults}.
 */
@JCStressTest
@Description("engine-fixed (unbounded wait): teardown and awaitVerdict race, verdict after; cancelled exactly once")
@Outcome(id = "CANCELLED, CANCELLED", expect = ACCEPTABLE, desc = "the waiter got the cancellation; the late verdict "
        + "was dropped")
@Outcome(id = "CANCELLED, DELIVERED", expect = FORBIDDEN, desc = "both: the cancelled check was delivered afterwards")
@Outcome(expect = FORBIDDEN, desc = "lost or wrong: the waiter did not get the cancellation")
@State
public class FixedCancelledToWaiter {
    private final FixedCoordinator coordinator = FixedCoordinator.unbounded();
    private final PendingCheck check = coordinator.register(SampleCheck.SESSION);

    /** The watcher thread: the client went away, tear the session down. */
    @Actor
    public void teardown() {
        coordinator.teardown(SampleCheck.SESSION, SampleCheck.NOTHING_TO_RELEASE);
    }

    /** The session thread at the end of DATA: waits for the verdict. */
    @Actor
    public void session(LL_Result r) {
        r.r1 = SampleCheck.await(coordinator, check);
    }

    /** After both returned: the verdict arrives late; a second look must still show the cancellation. */
    @Arbiter
    public void lateVerdict(LL_Result r) {
        coordinator.complete(check, SampleCheck.VERDICT, null);
        r.r2 = SampleCheck.await(coordinator, check);
    }
}
