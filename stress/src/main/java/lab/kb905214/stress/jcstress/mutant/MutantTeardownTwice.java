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
 * Two teardowns of one session on the coordinator under test, as when a pipelined RSET is followed by the client
 * closing: cancellation must be idempotent. r1 and r2 are how the two returned, r3 what the session then saw. The
 * teardown that finds nothing left must return quietly; one that throws shows in r1 or r2.
 */
@JCStressTest
@Description("idempotent cancellation, coordinator under test: two teardowns race on one session, then it looks")
@Outcome(id = "OK, OK, CANCELLED", expect = ACCEPTABLE, desc = "one teardown cancelled the check, the other found "
        + "nothing and returned")
@Outcome(expect = FORBIDDEN, desc = "a teardown threw, or the session did not see its check cancelled")
@State
public class MutantTeardownTwice {
    private final CheckCoordinator coordinator = CoordinatorUnderTest.create();
    private final PendingCheck check = coordinator.register(SampleCheck.SESSION);

    /** The watcher thread, on the pipelined RSET. */
    @Actor
    public void reset(LLL_Result r) {
        r.r1 = Guarded.teardown(coordinator);
    }

    /** The watcher thread again (as another thread), on the client closing the connection. */
    @Actor
    public void close(LLL_Result r) {
        r.r2 = Guarded.teardown(coordinator);
    }

    /** After both returned, the session looks at its check. */
    @Arbiter
    public void session(LLL_Result r) {
        r.r3 = Guarded.await(coordinator, check);
    }
}
