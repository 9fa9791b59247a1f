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
 * {@link Race#THREE_PATHS}: completion, teardown and the waiting session all race on one check, and the session sees
 * exactly one outcome, the verdict or the cancellation, never both and never nothing. r1 is what the waiter saw, r2
 * and r3 how completion and teardown returned, r4 a second look after everyone returned (a different second outcome
 * would mean the check was decided twice). A lost outcome leaves the waiter blocked (its wait is unbounded on
 * purpose), which ends the fork and is counted as a hang by {@link JcstressResults}.
 *
 * <p>Three actors need three cores: JCStress does not schedule this test on a 2-core machine ("No scheduling is
 * possible"), where {@link DeliveredToWaiterRace} and {@link CancelledToWaiterRace} cover the waiter's races with
 * each path, and {@link H1Race} the race between the two paths.
 */
public final class ThreePathsRace {
    static final Race RACE = Race.THREE_PATHS;

    private ThreePathsRace() {}

    /** engine-fixed (or the mutant compiled in its place). */
    @JCStressTest
    @Description("engine-fixed (unbounded wait): awaitVerdict, complete and teardown on one check; exactly one outcome")
    @Outcome(
            id = "DELIVERED, OK, OK, DELIVERED",
            expect = ACCEPTABLE,
            desc = "completion won: the waiter got the " + "verdict, once")
    @Outcome(
            id = "CANCELLED, OK, OK, CANCELLED",
            expect = ACCEPTABLE,
            desc = "teardown won: the waiter got the " + "cancellation, once")
    @Outcome(id = "DELIVERED, OK, OK, CANCELLED", expect = FORBIDDEN, desc = "both: delivered, then cancelled")
    @Outcome(id = "CANCELLED, OK, OK, DELIVERED", expect = FORBIDDEN, desc = "both: cancelled, then delivered")
    @Outcome(expect = FORBIDDEN, desc = "a path threw, or the waiter saw no verdict and no cancellation")
    @State
    public static class Fixed {
        private final RaceSample sample = new RaceSample(RACE, FixedCoordinator.unbounded());

        /** The session thread at the end of DATA: waits for whichever outcome wins. */
        @Actor
        public void session(LLLL_Result r) {
            r.r1 = sample.perform(AWAIT);
        }

        /** The completion thread: the evaluation finished, post the verdict. */
        @Actor
        public void completion(LLLL_Result r) {
            r.r2 = sample.perform(COMPLETE);
        }

        /** The watcher thread: the client went away, tear the session down. */
        @Actor
        public void teardown(LLLL_Result r) {
            r.r3 = sample.perform(TEARDOWN);
        }

        /** After all three returned: a second look must show the same, single outcome. */
        @Arbiter
        public void secondLook(LLLL_Result r) {
            r.r4 = sample.perform(AWAIT);
        }
    }
}
