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
 * The fixed coordinator's promise to the session: completion, teardown and the waiter all race, and the waiter sees
 * exactly one outcome, the verdict or the cancellation, never both and never nothing.
 *
 * <p>r1 is what the waiting session saw; r2 is a second look after everyone returned. A second, different outcome
 * (r2 differing from r1) would mean the check was completed twice. A lost outcome leaves the waiter blocked (its wait
 * is unbounded on purpose), which ends the fork and is counted as a hang by {@link JcstressResults}.
 *
 * <p>Three actors need three cores: JCStress does not schedule this test on a 2-core machine ("No scheduling is
 * possible"), where {@link FixedDeliveredToWaiter} and {@link FixedCancelledToWaiter} cover the waiter's races with
 * each path, and {@link FixedH1Actors} the race between the two paths.
 */
@JCStressTest
@Description("engine-fixed (unbounded wait): complete, teardown and awaitVerdict on one check; exactly one outcome")
@Outcome(id = "DELIVERED, DELIVERED", expect = ACCEPTABLE, desc = "completion won: the waiter got the verdict, once")
@Outcome(id = "CANCELLED, CANCELLED", expect = ACCEPTABLE, desc = "teardown won: the waiter got the cancellation, once")
@Outcome(id = "DELIVERED, CANCELLED", expect = FORBIDDEN, desc = "both: the verdict was delivered and then cancelled")
@Outcome(id = "CANCELLED, DELIVERED", expect = FORBIDDEN, desc = "both: the check was cancelled and then delivered")
@Outcome(expect = FORBIDDEN, desc = "lost or wrong: the waiter saw no verdict and no cancellation")
@State
public class FixedDeliveredOnce {
    private final FixedCoordinator coordinator = FixedCoordinator.unbounded();
    private final PendingCheck check = coordinator.register(SampleCheck.SESSION);

    /** The completion thread: the evaluation finished, post the verdict. */
    @Actor
    public void completion() {
        coordinator.complete(check, SampleCheck.VERDICT, null);
    }

    /** The watcher thread: the client went away, tear the session down. */
    @Actor
    public void teardown() {
        coordinator.teardown(SampleCheck.SESSION, SampleCheck.NOTHING_TO_RELEASE);
    }

    /** The session thread at the end of DATA: waits for whichever outcome wins. */
    @Actor
    public void session(LL_Result r) {
        r.r1 = SampleCheck.await(coordinator, check);
    }

    /** After all three returned: a second look must show the same, single outcome. */
    @Arbiter
    public void secondLook(LL_Result r) {
        r.r2 = SampleCheck.await(coordinator, check);
    }
}
