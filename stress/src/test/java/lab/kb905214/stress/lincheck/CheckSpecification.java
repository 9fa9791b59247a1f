package lab.kb905214.stress.lincheck;

import java.util.Locale;
import lab.kb905214.stress.race.CheckModel;
import lab.kb905214.stress.race.RaceOperation;

/**
 * The sequential specification of one pending check, against which Lincheck judges every concurrent run: the race
 * catalogue's {@link CheckModel}, with the method names Lincheck matches to {@link CoordinatorOperations}' operations.
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
    /** The posted verdict reached the waiter. */
    static final String DELIVERED = name(CheckModel.State.DELIVERED);
    /** The evaluation failed and the waiter saw the failure. */
    static final String FAILED = name(CheckModel.State.FAILED);
    /** The teardown path cancelled the check. */
    static final String CANCELLED = name(CheckModel.State.CANCELLED);
    /** What a wait on a pending check would return: nothing, it blocks; no concurrent run produces this value. */
    static final String BLOCKED = "blocked (no decision yet)";

    private final CheckModel model = new CheckModel(false);

    /** A specification of a freshly registered check. */
    public CheckSpecification() {}

    /** The verdict is posted: delivered, unless the check was decided before. */
    public void complete() {
        model.apply(RaceOperation.COMPLETE);
    }

    /** The evaluation failed: failed, unless the check was decided before. */
    public void fail() {
        model.apply(RaceOperation.FAIL);
    }

    /** The session is torn down: cancelled, unless the check was decided before. */
    public void teardown() {
        model.apply(RaceOperation.TEARDOWN);
    }

    /** The decided state's name, or {@link #BLOCKED} while the check is pending. */
    public String await() {
        return model.apply(RaceOperation.AWAIT)
                .map(state -> state.toLowerCase(Locale.ROOT))
                .orElse(BLOCKED);
    }

    private static String name(CheckModel.State state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
