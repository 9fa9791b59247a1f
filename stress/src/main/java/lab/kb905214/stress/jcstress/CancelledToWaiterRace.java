package lab.kb905214.stress.jcstress;

import static lab.kb905214.stress.race.RaceOperation.AWAIT;
import static lab.kb905214.stress.race.RaceOperation.COMPLETE;
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
import org.openjdk.jcstress.infra.results.LLLL_Result;

/**
 * {@link Race#CANCELLED_TO_WAITER}: the client leaves while the session waits, and the cancellation reaches it
 * exactly once; then the verdict arrives late and must be dropped. r1 is how teardown returned, r2 what the waiter
 * saw, r3 how the late completion returned, r4 a second look after it. A lost cancellation leaves the waiter
 * blocked, which ends the fork and is counted as a hang by {@link JcstressResults}.
 */
public final class CancelledToWaiterRace {
    static final Race RACE = Race.CANCELLED_TO_WAITER;

    private CancelledToWaiterRace() {}

    /** engine-fixed (or the mutant compiled in its place). */
    @JCStressTest
    @Description("engine-fixed (unbounded wait): teardown and awaitVerdict race, verdict after; cancelled exactly once")
    @Outcome(
            id = "OK, CANCELLED, OK, CANCELLED",
            expect = ACCEPTABLE,
            desc = "the waiter got the cancellation; the " + "late verdict was dropped")
    @Outcome(
            id = "OK, CANCELLED, OK, DELIVERED",
            expect = FORBIDDEN,
            desc = "both: the torn-down check was " + "delivered after its cancellation")
    @Outcome(expect = FORBIDDEN, desc = "a path threw, or the waiter did not get the cancellation")
    @State
    public static class Fixed {
        private final RaceSample sample = new RaceSample(RACE, FixedCoordinator.unbounded());

        /** The watcher thread: the client went away, tear the session down. */
        @Actor
        public void teardown(LLLL_Result r) {
            r.r1 = sample.perform(TEARDOWN);
        }

        /** The session thread at the end of DATA: waits for the outcome. */
        @Actor
        public void session(LLLL_Result r) {
            r.r2 = sample.perform(AWAIT);
        }

        /** After both returned: the verdict arrives late; a second look must still show the cancellation. */
        @Arbiter
        public void lateVerdict(LLLL_Result r) {
            r.r3 = sample.perform(COMPLETE);
            r.r4 = sample.perform(AWAIT);
        }
    }
}
