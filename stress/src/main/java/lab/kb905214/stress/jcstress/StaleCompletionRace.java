package lab.kb905214.stress.jcstress;

import static lab.kb905214.stress.race.RaceOperation.AWAIT;
import static lab.kb905214.stress.race.RaceOperation.AWAIT_EARLIER;
import static lab.kb905214.stress.race.RaceOperation.COMPLETE;
import static lab.kb905214.stress.race.RaceOperation.COMPLETE_EARLIER;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import lab.kb905214.engine.fixed.FixedCoordinator;
import lab.kb905214.stress.race.Race;
import lab.kb905214.stress.race.RaceSample;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLLL_Result;

/**
 * {@link Race#STALE_COMPLETION}: the session's earlier check was torn down (a pipelined RSET) and it went on to its
 * next; the earlier check's evaluation then finishes late, racing the current one's. r1 and r2 are how the stale and
 * the current completion returned, r3 and r4 what the two checks' waiters see. The stale completion must touch
 * neither check. A completion that removes the session's entry whoever owns it takes the current check's, after which
 * nobody completes it: its waiter blocks in the arbiter, which ends the fork as a hang.
 */
public final class StaleCompletionRace {
    static final Race RACE = Race.STALE_COMPLETION;

    private StaleCompletionRace() {}

    /** engine-fixed (or the mutant compiled in its place). */
    @JCStressTest
    @Description(
            "stale completion, engine-fixed (unbounded wait): a torn-down check's late verdict races the next one's")
    @Outcome(
            id = "OK, OK, CANCELLED, DELIVERED",
            expect = ACCEPTABLE,
            desc = "the stale verdict was dropped; the next check got its own")
    @Outcome(
            expect = FORBIDDEN,
            desc = "a path threw, the cancelled check was delivered, or the next check's verdict " + "was lost")
    @State
    public static class Fixed {
        private final RaceSample sample = new RaceSample(RACE, FixedCoordinator.unbounded());

        /** The completion thread, late: the earlier transaction's evaluation finished. */
        @Actor
        public void staleCompletion(LLLL_Result r) {
            r.r1 = sample.perform(COMPLETE_EARLIER);
        }

        /** The completion thread for the current transaction's evaluation (one thread in the engine, here another). */
        @Actor
        public void completion(LLLL_Result r) {
            r.r2 = sample.perform(COMPLETE);
        }

        /** After both returned: each transaction's session looks at its own check. */
        @Arbiter
        public void sessions(LLLL_Result r) {
            r.r3 = sample.perform(AWAIT_EARLIER);
            r.r4 = sample.perform(AWAIT);
        }
    }
}
