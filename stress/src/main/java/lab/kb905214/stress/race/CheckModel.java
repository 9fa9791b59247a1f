package lab.kb905214.stress.race;

import java.util.Optional;

/**
 * The sequential specification of a session's checks, against which every harness grades what a coordinator
 * returned: a check is pending, then delivered, failed or cancelled, whichever decision comes first; later ones
 * change nothing (a verdict is delivered at most once, cancelling is idempotent). A wait returns the decided state,
 * and has no result while the check is pending (a real one blocks there).
 */
public final class CheckModel {
    /** What a call that decides returns: it returned normally. */
    public static final String OK = "OK";

    /** A check's state. */
    public enum State {
        /** Registered, not decided yet. */
        PENDING,
        /** The posted verdict. */
        DELIVERED,
        /** The evaluation's error. */
        FAILED,
        /** Torn down. */
        CANCELLED
    }

    private State current = State.PENDING;
    /** The session's earlier check, torn down before the current one was registered (null when there is none). */
    private State earlier;

    /** A session with one pending check, or, when {@code withEarlierCheck}, an earlier cancelled one before it. */
    public CheckModel(boolean withEarlierCheck) {
        this.earlier = withEarlierCheck ? State.CANCELLED : null;
    }

    /**
     * Applies {@code operation}: {@link #OK} for a decision, the state's name for a wait on a decided check, empty for
     * a wait on a pending one.
     */
    public Optional<String> apply(RaceOperation operation) {
        return switch (operation) {
            case COMPLETE -> decided(State.DELIVERED);
            case FAIL -> decided(State.FAILED);
            case TEARDOWN -> decided(State.CANCELLED);
            case AWAIT -> seen(current);
            // The earlier check was cancelled when the next was registered: a late verdict leaves it so.
            case COMPLETE_EARLIER -> Optional.of(OK);
            case AWAIT_EARLIER -> seen(earlier);
        };
    }

    private Optional<String> decided(State outcome) {
        if (current == State.PENDING) {
            current = outcome;
        }
        return Optional.of(OK);
    }

    private static Optional<String> seen(State state) {
        return state == State.PENDING ? Optional.empty() : Optional.of(state.name());
    }
}
