package lab.kb905214.engine.check;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How long a session waits for its check's verdict: at most a limit, after which it answers TempError, or without a
 * limit (the harnesses' setting: a bound could hide a lost wakeup, which must show as a hang there).
 */
public final class WaitBound {
    /**
     * What a bounded wait allows beyond the evaluation's own timeout: the evaluation ends by its timeout (a
     * TempError verdict), and the completion thread hands that verdict over within the margin, so a wait that
     * reaches its limit means the verdict was lost or the completion thread was stuck, not that DNS was slow.
     */
    public static final Duration MARGIN = Duration.ofSeconds(2);

    private static final WaitBound UNBOUNDED = new WaitBound(null);

    private final Duration limit; // null: no limit

    private WaitBound(Duration limit) {
        this.limit = limit;
    }

    /** No limit: the session waits until its check is completed or cancelled. */
    public static WaitBound unbounded() {
        return UNBOUNDED;
    }

    /** At most {@code limit}, which must be positive. */
    public static WaitBound atMost(Duration limit) {
        Objects.requireNonNull(limit, "limit");
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("a wait bound must be positive: " + limit);
        }
        return new WaitBound(limit);
    }

    /** The deployment's bound: an evaluation's own timeout plus {@link #MARGIN}. */
    public static WaitBound afterEvaluation(Duration evaluationTimeout) {
        return atMost(evaluationTimeout.plus(MARGIN));
    }

    /** The limit, or empty for an unbounded wait. */
    public Optional<Duration> limit() {
        return Optional.ofNullable(limit);
    }

    /** Whether the wait has a limit. */
    public boolean isBounded() {
        return limit != null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WaitBound that && Objects.equals(limit, that.limit);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(limit);
    }

    /** "unbounded", or "at most 22 s" (milliseconds when below a second). */
    @Override
    public String toString() {
        if (limit == null) {
            return "unbounded";
        }
        return limit.toMillis() % 1000 == 0
                ? "at most " + limit.toSeconds() + " s"
                : "at most " + limit.toMillis() + " ms";
    }
}
