package lab.kb905214.stress.lincheck;

/**
 * The sequential specification of one pending check, against which Lincheck judges every concurrent run.
 *
 * <p>A check is a state machine: pending, then delivered, failed or cancelled, whichever of {@link #complete},
 * {@link #fail} and {@link #teardown} comes first; later ones change nothing (the verdict is delivered at most once,
 * cancellation is idempotent). {@link #await} returns the state's name.
 *
 * <p>A real wait blocks while the check is pending. Lincheck linearizes an operation somewhere between its call and
 * its return, and a wait returns only after a decision, so a correct run always has a linearization that places
 * the wait after the decision it saw. Here a wait on a pending check returns {@link #BLOCKED}, a value no real wait
 * can return: every linearization that puts a wait before any decision is thereby ruled out, and only those that
 * explain the wait's result by the decision that came first remain. A second, different outcome (two waits seeing
 * "delivered" and "cancelled"), a verdict other than the posted one, or a wait that returns with no outcome has no
 * linearization and fails the run. A wait that never returns is Lincheck's hang report, not this specification's.
 */
public final class CheckSpecification {
    /** The check is pending. */
    static final String PENDING = "pending";
    /** The posted verdict reached the waiter. */
    static final String DELIVERED = "delivered";
    /** The evaluation failed and the waiter saw the failure. */
    static final String FAILED = "failed";
    /** The teardown path cancelled the check. */
    static final String CANCELLED = "cancelled";
    /** What a wait on a pending check would return: nothing, it blocks; no concurrent run produces this value. */
    static final String BLOCKED = "blocked (no decision yet)";

    private String state = PENDING;

    /** A specification of a freshly registered check. */
    public CheckSpecification() {}

    /** The verdict is posted: delivered, unless the check was decided before. */
    public void complete() {
        decide(DELIVERED);
    }

    /** The evaluation failed: failed, unless the check was decided before. */
    public void fail() {
        decide(FAILED);
    }

    /** The session is torn down: cancelled, unless the check was decided before. */
    public void teardown() {
        decide(CANCELLED);
    }

    /** The decided state's name, or {@link #BLOCKED} while the check is pending. */
    public String await() {
        return state.equals(PENDING) ? BLOCKED : state;
    }

    private void decide(String outcome) {
        if (state.equals(PENDING)) {
            state = outcome;
        }
    }
}
