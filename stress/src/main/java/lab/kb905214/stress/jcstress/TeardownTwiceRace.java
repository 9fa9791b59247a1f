package lab.kb905214.stress.jcstress;

import static lab.kb905214.stress.race.RaceOperation.AWAIT;
import static lab.kb905214.stress.race.RaceOperation.TEARDOWN;
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
import org.openjdk.jcstress.infra.results.LLL_Result;

/**
 * {@link Race#TEARDOWN_TWICE}: two teardowns of one session, as when a pipelined RSET is followed by the client
 * closing; cancelling must be idempotent. r1 and r2 are how the two returned, r3 what the session then saw. The
 * teardown that finds nothing left must return quietly; one that throws shows in r1 or r2.
 */
public final class TeardownTwiceRace {
    static final Race RACE = Race.TEARDOWN_TWICE;

    private TeardownTwiceRace() {}

    /** engine-fixed (or the mutant compiled in its place). */
    @JCStressTest
    @Description(
            "idempotent cancellation, engine-fixed (unbounded wait): two teardowns race on one session, then it looks")
    @Outcome(
            id = "OK, OK, CANCELLED",
            expect = ACCEPTABLE,
            desc = "one teardown cancelled the check, the other found " + "nothing and returned")
    @Outcome(expect = FORBIDDEN, desc = "a teardown threw, or the session did not see its check cancelled")
    @State
    public static class Fixed {
        private final RaceSample sample = new RaceSample(RACE, FixedCoordinator.unbounded());

        /** The watcher thread, on the pipelined RSET. */
        @Actor
        public void reset(LLL_Result r) {
            r.r1 = sample.perform(TEARDOWN);
        }

        /** The watcher thread again (as another thread), on the client closing the connection. */
        @Actor
        public void close(LLL_Result r) {
            r.r2 = sample.perform(TEARDOWN);
        }

        /** After both returned, the session looks at its check. */
        @Arbiter
        public void session(LLL_Result r) {
            r.r3 = sample.perform(AWAIT);
        }
    }
}
