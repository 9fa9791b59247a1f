package lab.kb905214.reports.gate;

import lab.kb905214.reports.results.HarnessRun;

/**
 * JCStress forks that never came back without showing a hang of the engine: a fork that JCStress timed out, or that
 * the fork watchdog killed as idle, with no lock cycle and no STALE sample. That is the harness failing to run, with
 * its thread dumps to say why, not engine-fixed hanging; the gate fails on it with a reason of its own.
 */
final class JcstressInfrastructure {

    private JcstressInfrastructure() {}

    /** Whether every hang {@code run} records is such a fork (false for other harnesses and runs without hangs). */
    static boolean onlyForksLost(HarnessRun run) {
        if (!"jcstress".equals(run.harness()) || run.hangs().orElse(0) < 1) {
            return false;
        }
        long stale = run.counter("staleSamples").orElse(-1);
        long deadlocked = run.counter("watchdogDeadlockKills").orElse(-1);
        long lost = run.counter("timedOutForks").orElse(0) + run.counter("watchdogHungKills").orElse(0);
        return stale == 0 && deadlocked == 0 && lost >= run.hangs().getAsLong();
    }

    /** The gate's reason for such a run. */
    static String reason(HarnessRun run) {
        return "infrastructure failure, not a hang of engine-fixed: " + run.hangs().orElse(0) + " JCStress fork(s)"
                + " timed out (counters.timedOutForks = " + run.counter("timedOutForks").orElse(0) + ") or were killed"
                + " idle (counters.watchdogHungKills = " + run.counter("watchdogHungKills").orElse(0) + ") without a"
                + " lock cycle or a STALE sample; thread dumps: " + run.counterStrings("threadDumps")
                + "; the harness could not run this engine to the end";
    }
}
