package lab.kb905214.stress.jcstress;

import static lab.kb905214.stress.race.RaceOperation.AWAIT;
import static lab.kb905214.stress.race.RaceOperation.COMPLETE;
import static lab.kb905214.stress.race.RaceOperation.TEARDOWN;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import lab.kb905214.engine.buggy.BuggyCoordinator;
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
 * {@link Race#H1}: the completion thread and the watcher thread race on one check, then the session looks at it. r1
 * and r2 are how completion and teardown returned, r3 what the session saw.
 *
 * <p>JCStress has no deadlock mode and records an outcome only when every actor returns, so the deadlock itself never
 * appears in the tables below. When the two locks cross, both actors block forever. In JCStress's main loop that
 * ends as a timed-out fork ("Timeout waiting for tasks to complete", then "Have stale threads, forcing VM to exit");
 * in its sanity and resource checks, which join the actors without a timeout, the fork would wait forever, so {@link
 * ForkWatchdog} dumps its threads and kills it (JCStress then reports a VM error). {@link JcstressResults} counts
 * both as the H1 signal. Every sample that does return shows one winner, on either engine.
 *
 * <p>Each engine's test repeats the same one-line actors: JCStress 0.16 reads a test's actors from the methods its
 * own class declares (not inherited ones), and the two must be separate tests to be graded apart.
 */
public final class H1Race {
    static final Race RACE = Race.H1;

    private H1Race() {}

    /** engine-buggy: a crossing of the locks ends the fork; the samples that return show one winner. */
    @JCStressTest
    @Description("H1 lock-order inversion, engine-buggy: complete and teardown on one check (a deadlock ends the fork)")
    @Outcome(
            id = "OK, OK, DELIVERED",
            expect = ACCEPTABLE,
            desc = "completion won: verdict posted, teardown found nothing")
    @Outcome(
            id = "OK, OK, CANCELLED",
            expect = ACCEPTABLE,
            desc = "teardown won: check cancelled, late verdict dropped")
    @Outcome(expect = FORBIDDEN, desc = "a path threw, or the check's outcome was lost or mixed up")
    @State
    public static class Buggy {
        private final RaceSample sample = new RaceSample(RACE, new BuggyCoordinator());

        /** The completion thread: the evaluation finished, post the verdict. */
        @Actor
        public void completion(LLL_Result r) {
            r.r1 = sample.perform(COMPLETE);
        }

        /** The watcher thread: the client went away, tear the session down. */
        @Actor
        public void teardown(LLL_Result r) {
            r.r2 = sample.perform(TEARDOWN);
        }

        /** After both returned, the session looks at its check (one of the two paths has decided it by now). */
        @Arbiter
        public void session(LLL_Result r) {
            r.r3 = sample.perform(AWAIT);
        }
    }

    /**
     * engine-fixed (or, in a mutant's run, the mutant compiled in its place): every sample must finish, the fix
     * holding no lock while it calls into another component.
     */
    @JCStressTest
    @Description("H1 lock-order inversion, engine-fixed (unbounded wait): complete and teardown on one check")
    @Outcome(
            id = "OK, OK, DELIVERED",
            expect = ACCEPTABLE,
            desc = "completion won: verdict posted, teardown found nothing")
    @Outcome(
            id = "OK, OK, CANCELLED",
            expect = ACCEPTABLE,
            desc = "teardown won: check cancelled, late verdict dropped")
    @Outcome(expect = FORBIDDEN, desc = "a path threw, or the check's outcome was lost or mixed up")
    @State
    public static class Fixed {
        private final RaceSample sample = new RaceSample(RACE, FixedCoordinator.unbounded());

        /** The completion thread: the evaluation finished, post the verdict. */
        @Actor
        public void completion(LLL_Result r) {
            r.r1 = sample.perform(COMPLETE);
        }

        /** The watcher thread: the client went away, tear the session down. */
        @Actor
        public void teardown(LLL_Result r) {
            r.r2 = sample.perform(TEARDOWN);
        }

        /** After both returned, the session looks at its check (one of the two paths has decided it by now). */
        @Arbiter
        public void session(LLL_Result r) {
            r.r3 = sample.perform(AWAIT);
        }
    }
}
