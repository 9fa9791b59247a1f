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
 * {@link Race#DELIVERED_TO_WAITER}: the verdict is posted while the session waits and reaches it exactly once; then
 * the client leaves, and the late teardown must find nothing to cancel. r1 is how completion returned, r2 what the
 * waiter saw, r3 how the late teardown returned, r4 a second look after it. A lost verdict leaves the waiter blocked,
 * which ends the fork and is counted as a hang by {@link JcstressResults}.
 */
public final class DeliveredToWaiterRace {
    static final Race RACE = Race.DELIVERED_TO_WAITER;

    private DeliveredToWaiterRace() {}

    /** engine-fixed (or the mutant compiled in its place). */
    @JCStressTest
    @Description(
            "engine-fixed (unbounded wait): complete and awaitVerdict race, teardown after; delivered exactly once")
    @Outcome(
            id = "OK, DELIVERED, OK, DELIVERED",
            expect = ACCEPTABLE,
            desc = "the waiter got the verdict; the late " + "teardown changed nothing")
    @Outcome(
            id = "OK, DELIVERED, OK, CANCELLED",
            expect = FORBIDDEN,
            desc = "both: the delivered check was cancelled " + "afterwards")
    @Outcome(expect = FORBIDDEN, desc = "a path threw, or the waiter did not get the posted verdict")
    @State
    public static class Fixed {
        private final RaceSample sample = new RaceSample(RACE, FixedCoordinator.unbounded());

        /** The completion thread: the evaluation finished, post the verdict. */
        @Actor
        public void completion(LLLL_Result r) {
            r.r1 = sample.perform(COMPLETE);
        }

        /** The session thread at the end of DATA: waits for the verdict. */
        @Actor
        public void session(LLLL_Result r) {
            r.r2 = sample.perform(AWAIT);
        }

        /** After both returned: the client leaves; a second look must still show the verdict. */
        @Arbiter
        public void lateTeardown(LLLL_Result r) {
            r.r3 = sample.perform(TEARDOWN);
            r.r4 = sample.perform(AWAIT);
        }
    }
}
