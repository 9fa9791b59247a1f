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
import org.openjdk.jcstress.infra.results.L_Result;

/**
 * H1 on engine-fixed: the completion thread and the watcher thread race on one check; every sample must finish.
 *
 * <p>JCStress records an outcome only when every actor returns, so a deadlock would end the fork, and
 * {@link JcstressResults} would count it as a hang; none is expected, as the fix holds no lock while calling into
 * another component. Exactly one of completion and teardown wins the registry entry; the session sees its outcome.
 */
@JCStressTest
@Description("H1 lock-order inversion, engine-fixed (unbounded wait): complete and teardown on one check, every sample must finish")
@Outcome(id = "DELIVERED", expect = ACCEPTABLE, desc = "completion won: the verdict was posted, then teardown found nothing")
@Outcome(id = "CANCELLED", expect = ACCEPTABLE, desc = "teardown won: the check was cancelled, the late verdict dropped")
@Outcome(expect = FORBIDDEN, desc = "neither or something else: the check's outcome was lost or mixed up")
@State
public class FixedH1Actors {
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

    /** After both returned, the session looks at its check (one of the two paths has set the outcome by now). */
    @Arbiter
    public void session(L_Result r) {
        r.r1 = SampleCheck.await(coordinator, check);
    }
}
