package lab.kb905214.stress.jcstress;

import static lab.kb905214.stress.race.RaceOperation.AWAIT;
import static lab.kb905214.stress.race.RaceOperation.COMPLETE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import lab.kb905214.engine.buggy.BuggyCoordinator;
import lab.kb905214.engine.fixed.FixedCoordinator;
import lab.kb905214.stress.race.Race;
import lab.kb905214.stress.race.RaceSample;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * {@link Race#H2}: the session thread waits for its verdict (the actor) while the completion thread posts it (the
 * signal). The two start together ({@link StartLine}); JCStress declares STALE when the waiter is still blocked
 * {@code max(2 x -time, 30 s)} after the post, and then ends the fork.
 */
public final class H2Race {
    static final Race RACE = Race.H2;

    private H2Race() {}

    /**
     * engine-buggy: STALE is marked interesting, not forbidden; this harness records the lost wakeup, the gate judges.
     */
    @JCStressTest(Mode.Termination)
    @Description("H2 lost wakeup, engine-buggy: awaitVerdict (actor) racing complete (signal) on one check")
    @Outcome(
            id = "TERMINATED",
            expect = ACCEPTABLE,
            desc = "the waiter saw the verdict (posted before its look, or woken)")
    @Outcome(
            id = "STALE",
            expect = ACCEPTABLE_INTERESTING,
            desc = "lost wakeup: the verdict was posted between the look and the wait")
    @State
    public static class Buggy {
        private final RaceSample sample = new RaceSample(RACE, new BuggyCoordinator());
        private final StartLine start = new StartLine();

        /** The session thread at the end of DATA: waits for the verdict. */
        @Actor
        public void sessionWaits() {
            start.holdUntilCrossed();
            sample.perform(AWAIT);
        }

        /** The completion thread: posts the verdict. */
        @Signal
        public void verdictPosted() {
            start.cross();
            sample.perform(COMPLETE);
        }
    }

    /**
     * engine-fixed, its wait unbounded so that a lost wakeup would show as STALE instead of a TempError at the bound.
     * STALE is forbidden: the verdict is a future that keeps a post made before the wait.
     */
    @JCStressTest(Mode.Termination)
    @Description("H2 lost wakeup, engine-fixed (unbounded wait): awaitVerdict (actor) racing complete (signal)")
    @Outcome(
            id = "TERMINATED",
            expect = ACCEPTABLE,
            desc = "the waiter saw the verdict (posted before its look, or woken)")
    @Outcome(
            id = "STALE",
            expect = FORBIDDEN,
            desc = "lost wakeup: the fix failed, a verdict posted around the wait was never seen")
    @State
    public static class Fixed {
        private final RaceSample sample = new RaceSample(RACE, FixedCoordinator.unbounded());
        private final StartLine start = new StartLine();

        /** The session thread at the end of DATA: waits for the verdict. */
        @Actor
        public void sessionWaits() {
            start.holdUntilCrossed();
            sample.perform(AWAIT);
        }

        /** The completion thread: posts the verdict. */
        @Signal
        public void verdictPosted() {
            start.cross();
            sample.perform(COMPLETE);
        }
    }
}
