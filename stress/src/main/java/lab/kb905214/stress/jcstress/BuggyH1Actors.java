package lab.kb905214.stress.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import lab.kb905214.engine.buggy.BuggyCoordinator;
import lab.kb905214.engine.check.PendingCheck;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

/**
 * H1 on engine-buggy: the completion thread and the watcher thread race on one check.
 *
 * <p>JCStress has no deadlock mode and records an outcome only when every actor returns, so the deadlock itself never
 * appears in the table below. When the two locks cross, both actors block forever. In JCStress's main loop that ends
 * as a timed-out fork ("Timeout waiting for tasks to complete", then "Have stale threads, forcing VM to exit"); in
 * its sanity and resource checks, which join the actors without a timeout and where it happens here nearly always,
 * the fork would wait forever, so {@link ForkWatchdog} dumps its threads and kills it (JCStress then reports a VM
 * error). {@link JcstressResults} counts both as the H1 signal. Every sample that does return shows one winner.
 */
@JCStressTest
@Description("H1 lock-order inversion, engine-buggy: complete and teardown on one check (a deadlock ends the fork)")
@Outcome(id = "DELIVERED", expect = ACCEPTABLE, desc = "completion won: the verdict was posted, then teardown found nothing")
@Outcome(id = "CANCELLED", expect = ACCEPTABLE, desc = "teardown won: the check was cancelled, the late verdict dropped")
@Outcome(expect = FORBIDDEN, desc = "neither or something else: the check's outcome was lost or mixed up")
@State
public class BuggyH1Actors {
    private final BuggyCoordinator coordinator = new BuggyCoordinator();
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
