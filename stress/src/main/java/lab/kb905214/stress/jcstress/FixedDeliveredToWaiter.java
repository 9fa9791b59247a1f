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
 * engine-fixed: the verdict is posted while the session waits, and reaches it exactly once.
 *
 * <p>The two-thread half of {@link FixedDeliveredOnce} that runs on 2 cores: completion and the waiter race, then a
 * late teardown (the client leaving after its reply) must find nothing to cancel. r1 is what the waiter saw, r2 a
 * second look after the teardown. A lost verdict leaves the waiter blocked (its wait is unbounded on purpose), which
 * ends the fork and is counted as a hang by {@link JcstressResults}.
 */
@JCStressTest
@Description("engine-fixed (unbounded wait): complete and awaitVerdict race, teardown after; delivered exactly once")
@Outcome(id = "DELIVERED, DELIVERED", expect = ACCEPTABLE, desc = "the waiter got the verdict; the late teardown "
        + "changed nothing")
@Outcome(id = "DELIVERED, CANCELLED", expect = FORBIDDEN, desc = "both: the delivered check was cancelled afterwards")
@Outcome(expect = FORBIDDEN, desc = "lost or wrong: the waiter did not get the posted verdict")
@State
public class FixedDeliveredToWaiter {
    private final FixedCoordinator coordinator = FixedCoordinator.unbounded();
    private final PendingCheck check = coordinator.register(SampleCheck.SESSION);

    /** The completion thread: the evaluation finished, post the verdict. */
    @Actor
    public void completion() {
        coordinator.complete(check, SampleCheck.VERDICT, null);
    }

    /** The session thread at the end of DATA: waits for the verdict. */
    @Actor
    public void session(LL_Result r) {
        r.r1 = SampleCheck.await(coordinator, check);
    }

    /** After both returned: the client leaves; a second look must still show the verdict. */
    @Arbiter
    public void lateTeardown(LL_Result r) {
        coordinator.teardown(SampleCheck.SESSION, SampleCheck.NOTHING_TO_RELEASE);
        r.r2 = SampleCheck.await(coordinator, check);
    }
}
