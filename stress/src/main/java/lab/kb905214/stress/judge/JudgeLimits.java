package lab.kb905214.stress.judge;

import java.time.Duration;

/**
 * The thresholds past which the judge calls a run hung, derived from the longest a check can take.
 *
 * <p>Every check ends within the evaluation's bound: its DNS queries time out, and past the bound the verdict is a
 * TempError. So a session seen in one unbroken wait for longer than the bound plus a margin is not slow, it has lost
 * its verdict; and a server that answers no transaction at all (nobody's, the probes' included) for that long has no
 * thread making progress. The margin covers what a transaction does besides its check (parsing, the hand-off to the
 * completion thread, the Maildir write, a CPU stall). The calibration grid measures, under every condition it runs,
 * the longest time nobody got any answer ({@code longestSilenceMillis}): the window must stay far above it.
 *
 * @param stuckAfter a session waiting unchanged for longer than this is stuck
 * @param stoppedAfter no transaction answered by anyone for longer than this: the server stopped
 * @param lookEvery how often the judge looks at the threads and the progress
 */
public record JudgeLimits(Duration stuckAfter, Duration stoppedAfter, Duration lookEvery) {
    /** What a transaction may take besides its check; see the class comment. */
    public static final Duration MARGIN = Duration.ofSeconds(5);

    public JudgeLimits {
        if (stuckAfter.isNegative()
                || stuckAfter.isZero()
                || stoppedAfter.isNegative()
                || stoppedAfter.isZero()
                || lookEvery.isNegative()
                || lookEvery.isZero()) {
            throw new IllegalArgumentException(
                    "judge limits must be positive: " + stuckAfter + ", " + stoppedAfter + ", " + lookEvery);
        }
    }

    /** The limits for an engine whose checks end within {@code longestCheck}. */
    public static JudgeLimits forLongestCheck(Duration longestCheck) {
        Duration limit = longestCheck.plus(MARGIN);
        return new JudgeLimits(limit, limit, Duration.ofMillis(100));
    }
}
