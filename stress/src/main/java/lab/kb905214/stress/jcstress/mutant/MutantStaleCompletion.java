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
 * Two checks of one session on the coordinator under test: the first was torn down (a pipelined RSET) and the
 * session went on to its next transaction; the first check's evaluation then finishes late, racing the second's.
 * r1 and r2 are how the stale and the current completion returned, r3 and r4 what the two checks' waiters see.
 *
 * <p>The stale completion must touch neither check: the first stays cancelled, the second gets its verdict. A
 * completion that removes the session's entry whoever owns it takes the second check's entry, after which nobody
 * completes the second check: its waiter blocks in the arbiter, which ends the fork as a hang.
 */
@JCStressTest
@Description("stale completion, coordinator under test: a torn-down check's late verdict races the next check's")
@Outcome(id = "OK, OK, CANCELLED, DELIVERED", expect = ACCEPTABLE,
        desc = "the stale verdict was dropped; the next check got its own")
@Outcome(expect = FORBIDDEN, desc = "a path threw, the cancelled check was delivered, or the next check's verdict "
        + "was lost")
@State
public class MutantStaleCompletion {
    private final CheckCoordinator coordinator = CoordinatorUnderTest.create();
    private final PendingCheck stale = coordinator.register(SampleCheck.SESSION);
    private final PendingCheck current;

    /** The first transaction is reset while its check is in flight; the session starts the next one. */
    public MutantStaleCompletion() {
        coordinator.teardown(SampleCheck.SESSION, SampleCheck.NOTHING_TO_RELEASE);
        current = coordinator.register(SampleCheck.SESSION);
    }

    /** The completion thread, late: the first transaction's evaluation finished. */
    @Actor
    public void staleCompletion(LLLL_Result r) {
        r.r1 = Guarded.complete(coordinator, stale, SampleCheck.VERDICT, null);
    }

    /** The completion thread for the second transaction's evaluation (the same thread in the engine, here another). */
    @Actor
    public void completion(LLLL_Result r) {
        r.r2 = Guarded.complete(coordinator, current, SampleCheck.VERDICT, null);
    }

    /** After both returned: each transaction's session looks at its own check. */
    @Arbiter
    public void sessions(LLLL_Result r) {
        r.r3 = Guarded.await(coordinator, stale);
        r.r4 = Guarded.await(coordinator, current);
    }
}
