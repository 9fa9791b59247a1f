package lab.kb905214.reports.gate;

import lab.kb905214.reports.results.HarnessRun;
import lab.kb905214.results.Harness;
import lab.kb905214.results.JcstressCounters;

/**
 * JCStress forks that never came back without showing a hang of the engine: a fork that JCStress timed out, or that
 * the fork watchdog killed as idle, with no lock cycle and no STALE sample. That is the harness failing to run, with
 * its thread dumps to say why, not engine-fixed hanging; the gate fails on it with a reason of its own.
 */
final class JcstressInfrastructure {

    private JcstressInfrastructure() {}

    /** Whether every hang {@code run} records is such a fork (false for other harnesses and runs without hangs). */
    static boolean onlyForksLost(HarnessRun run) {
        if (!run.is(Harness.JCSTRESS) || run.hangs().orElse(0) < 1) {
            return false;
        }
        long stale = run.counter(JcstressCounters.STALE_SAMPLES).orElse(-1);
        long deadlocked = run.counter(JcstressCounters.WATCHDOG_DEADLOCK_KILLS).orElse(-1);
        return stale == 0
                && deadlocked == 0
                && timedOut(run) + killedIdle(run) >= run.hangs().getAsLong();
    }

    /** The gate's reason for such a run. */
    static String reason(HarnessRun run) {
        return "infrastructure failure, not a hang of engine-fixed: "
                + run.hangs().orElse(0) + " JCStress fork(s)"
                + " timed out (counters.timedOutForks = " + timedOut(run) + ") or were killed"
                + " idle (counters.watchdogHungKills = " + killedIdle(run) + ") without a"
                + " lock cycle or a STALE sample; thread dumps: " + run.counterStrings(JcstressCounters.THREAD_DUMPS)
                + "; the harness could not run this engine to the end";
    }

    private static long timedOut(HarnessRun run) {
        return run.counter(JcstressCounters.TIMED_OUT_FORKS).orElse(0);
    }

    private static long killedIdle(HarnessRun run) {
        return run.counter(JcstressCounters.WATCHDOG_HUNG_KILLS).orElse(0);
    }
}
