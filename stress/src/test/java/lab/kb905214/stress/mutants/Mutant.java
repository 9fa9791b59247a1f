package lab.kb905214.stress.mutants;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import lab.kb905214.engine.check.CheckCoordinator;
import lab.kb905214.engine.fixed.FixedCoordinator;
import lab.kb905214.results.Engine;

/**
 * The lab's mutants: each one plausible mistake a maintainer could make in engine-fixed's coordinator, as a patch of
 * the shipped {@code FixedCoordinator.java} (see {@link CoordinatorMutations}) compiled at test time (see
 * {@link MutantBuild}). M0 is the shipped class itself, the control that every harness must let survive.
 */
public enum Mutant {
    M0("shipped class (control)", "engine-fixed's FixedCoordinator, unchanged: no harness may kill it", null),
    M1(
            "lock order reverted",
            "completion locks registry then session; teardown session then registry (H1)",
            CoordinatorMutations.LOCK_ORDER_REVERTED),
    M2(
            "guard loop dropped",
            "the wait is `if (!done) wait()` outside the monitor instead of a guarded loop (H2)",
            CoordinatorMutations.GUARD_LOOP_DROPPED),
    M3(
            "entry removed twice",
            "completion removes the session's entry by key, so a stale completion removes the "
                    + "next transaction's check",
            CoordinatorMutations.SUCCESSOR_REMOVED_BY_STALE_COMPLETION),
    M4(
            "delivered after cancel",
            "completion overwrites a cancellation with the verdict (obtrudeValue)",
            CoordinatorMutations.DELIVERED_AFTER_CANCEL),
    M5(
            "error never posted",
            "an evaluation that ends in an error posts nothing (the jSPF async hang)",
            CoordinatorMutations.FAILURE_NEVER_POSTED),
    M6(
            "teardown not idempotent",
            "a teardown that finds no check in flight throws",
            CoordinatorMutations.TEARDOWN_NOT_IDEMPOTENT),
    M7(
            "wait on a shared pool",
            "waits and posts share a 2-thread pool: blocked waits starve the posts",
            CoordinatorMutations.WAIT_ON_SHARED_POOL),
    M8(
            "cancellation never posted",
            "teardown removes the check but never completes it: the waiter is forgotten",
            CoordinatorMutations.CANCELLATION_NEVER_POSTED),
    M9(
            "future cancelled",
            "teardown calls the future's cancel() instead of completing it with Cancelled: the wait " + "throws",
            CoordinatorMutations.FUTURE_CANCELLED),
    M10(
            "error delivered as a verdict",
            "completion delivers a null verdict when the evaluation failed",
            CoordinatorMutations.FAILURE_DELIVERED_AS_VERDICT),
    M11(
            "wait takes the entry",
            "the session removes its check's registry entry as it starts to wait, so neither "
                    + "completion nor teardown posts",
            CoordinatorMutations.WAIT_TAKES_THE_ENTRY),
    M12(
            "wait holds the check's monitor",
            "the session waits under the check's monitor, which completion needs to " + "post",
            CoordinatorMutations.WAIT_HOLDS_CHECK_MONITOR),
    M13(
            "cancel in catch, not finally",
            "teardown cancels only when the release threw: a normal teardown cancels " + "nothing",
            CoordinatorMutations.CANCEL_ONLY_WHEN_RELEASE_THROWS),
    M14(
            "error reported as cancellation",
            "completion turns an evaluation error into Cancelled instead of Failed",
            CoordinatorMutations.FAILURE_AS_CANCELLATION);

    /** The mutants run when {@code lab.mutants} is unset: every one (the default build runs them all). */
    static final String DEFAULT_SELECTION = "all";

    private final String title;
    private final String change;

    @SuppressWarnings("ImmutableEnumChecker") // a record of a string and a List.copyOf of records of strings
    private final SourcePatch patch; // null: the control, the shipped class

    Mutant(String title, String change, SourcePatch patch) {
        this.title = title;
        this.change = change;
        this.patch = patch;
    }

    /**
     * A fresh coordinator with this mutation, its wait unbounded. The first call builds the mutant (patch, compile,
     * load), and fails naming it when its patch no longer applies to the shipped source.
     */
    public CheckCoordinator create() {
        return isControl()
                ? FixedCoordinator.unbounded()
                : MutantFactories.factoryOf(this).create();
    }

    /** This mutant's build (patched source, renamed class, compiled classes), building it if needed; empty for M0. */
    Optional<MutantBuild> build() {
        return isControl()
                ? Optional.empty()
                : Optional.of(MutantFactories.factoryOf(this).build());
    }

    /** This mutant's patch of the shipped source (null for the control). */
    SourcePatch patch() {
        return patch;
    }

    /** A short name ("lock order reverted"). */
    public String title() {
        return title;
    }

    /** What the mutation changed, in one line. */
    public String change() {
        return change;
    }

    /** Whether this is the unmutated control. */
    public boolean isControl() {
        return patch == null;
    }

    /** The engine built around this mutant, as results files name it ("mutant-M1"). */
    public Engine engine() {
        return Engine.mutant(name());
    }

    /** The mutants named by {@code lab.mutants}: "all", or a comma-separated list such as "M0,M1,M2,M5". */
    public static List<Mutant> selected() {
        return named(System.getProperty("lab.mutants", DEFAULT_SELECTION));
    }

    /** The mutants {@code names} lists: "all", or a comma-separated list such as "M0,M7". */
    static List<Mutant> named(String names) {
        String list = names.strip();
        if (list.isEmpty() || list.equalsIgnoreCase("all")) {
            return List.of(values());
        }
        return Arrays.stream(list.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> valueOf(s.toUpperCase(Locale.ROOT)))
                .toList();
    }
}
