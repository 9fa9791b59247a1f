package lab.kb905214.stress.jcstress;

import static lab.kb905214.stress.race.RaceOperation.AWAIT;
import static lab.kb905214.stress.race.RaceOperation.FAIL;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import lab.kb905214.engine.fixed.FixedCoordinator;
import lab.kb905214.stress.race.Race;
import lab.kb905214.stress.race.RaceSample;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LL_Result;

/**
 * {@link Race#FAILURE}, the error path: the session waits while the evaluation ends in a DNS error instead of a
 * verdict. r1 is what the waiter saw, r2 how the completion returned. The error must reach the waiter as the error
 * (a Failed outcome, answered 451), like a verdict would: one turned into a verdict or a cancellation is a wrong
 * answer, and a completion path that posts nothing on an error (the jSPF asynchronous-executor hang) leaves the
 * waiter blocked, which ends the fork as a hang.
 *
 * <p>Actors, not Termination mode as for {@link H2Race}: Termination mode records only whether the waiter returned,
 * and here what it returned with is half the promise.
 */
public final class FailureRace {
    static final Race RACE = Race.FAILURE;

    private FailureRace() {}

    /** engine-fixed (or the mutant compiled in its place). */
    @JCStressTest
    @Description("error path, engine-fixed (unbounded wait): awaitVerdict racing complete-with-failure on one check")
    @Outcome(id = "FAILED, OK", expect = ACCEPTABLE, desc = "the waiter got the failure and can answer 451")
    @Outcome(expect = FORBIDDEN, desc = "a path threw, or the waiter saw the error as something else")
    @State
    public static class Fixed {
        private final RaceSample sample = new RaceSample(RACE, FixedCoordinator.unbounded());

        /** The session thread at the end of DATA: waits for the outcome. */
        @Actor
        public void session(LL_Result r) {
            r.r1 = sample.perform(AWAIT);
        }

        /** The completion thread: the evaluation ended in an error. */
        @Actor
        public void failure(LL_Result r) {
            r.r2 = sample.perform(FAIL);
        }
    }
}
