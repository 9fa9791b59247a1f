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
import org.openjdk.jcstress.infra.results.LLL_Result;

/**
 * H1 on the coordinator under test: the completion thread and the watcher thread race on one check, then the session
 * looks at its outcome. r1 and r2 are how completion and teardown returned, r3 what the session saw.
 *
 * <p>The check must be decided once: a lock-order inversion deadlocks the two actors (the fork never returns, and the
 * watchdog kills it on the lock cycle in its thread dump); a teardown that throws after completion won shows in r2;
 * a cancellation that is never posted leaves the session blocked in the arbiter (a hung fork).
 */
@JCStressTest
@Description("H1, coordinator under test: complete and teardown on one check, then the session looks once")
@Outcome(id = "OK, OK, DELIVERED", expect = ACCEPTABLE, desc = "completion won: verdict posted, teardown found nothing")
@Outcome(id = "OK, OK, CANCELLED", expect = ACCEPTABLE, desc = "teardown won: check cancelled, late verdict dropped")
@Outcome(expect = FORBIDDEN, desc = "a path threw, or the check's outcome was lost or mixed up")
@State
public class MutantH1Actors {
    private final CheckCoordinator coordinator = CoordinatorUnderTest.create();
    private final PendingCheck check = coordinator.register(SampleCheck.SESSION);

    /** The completion thread: the evaluation finished, post the verdict. */
    @Actor
    public void completion(LLL_Result r) {
        r.r1 = Guarded.complete(coordinator, check, SampleCheck.VERDICT, null);
    }

    /** The watcher thread: the client went away, tear the session down. */
    @Actor
    public void teardown(LLL_Result r) {
        r.r2 = Guarded.teardown(coordinator);
    }

    /** After both returned, the session looks at its check (one of the two paths has decided it by now). */
    @Arbiter
    public void session(LLL_Result r) {
        r.r3 = Guarded.await(coordinator, check);
    }
}
