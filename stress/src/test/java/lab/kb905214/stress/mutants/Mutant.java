package lab.kb905214.stress.mutants;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import lab.kb905214.engine.check.CheckCoordinator;

/**
 * The lab's mutants: each one plausible mistake a maintainer could make in engine-fixed's coordinator, as a small
 * change of {@link FixedBaseline}. M0 is the baseline itself, the control that every harness must let survive.
 */
public enum Mutant {
    M0("baseline (control)", "engine-fixed's logic unchanged: no harness may kill it", FixedBaseline::new),
    M1("lock order reverted", "completion locks registry then session; teardown session then registry (H1)",
            LockOrderReverted::new),
    M2("guard loop dropped", "the wait is `if (!done) wait()` outside the monitor instead of a guarded loop (H2)",
            GuardLoopDropped::new),
    M3("entry removed twice", "completion removes the session's entry by key, so a stale completion removes the "
            + "next transaction's check", SuccessorRemovedByStaleCompletion::new),
    M4("delivered after cancel", "completion overwrites a cancellation with the verdict (obtrudeValue)",
            DeliveredAfterCancel::new),
    M5("error never posted", "an evaluation that ends in an error posts nothing (the jSPF async hang)",
            FailureNeverPosted::new),
    M6("teardown not idempotent", "a teardown that finds no check in flight throws", TeardownNotIdempotent::new),
    M7("wait on a shared pool", "waits and posts share a 2-thread pool: blocked waits starve the posts",
            WaitOnSharedPool::new),
    M8("cancellation never posted", "teardown removes the check but never completes it: the waiter is forgotten",
            CancellationNeverPosted::new);

    /** The mutants of the default build when {@code lab.mutants} is unset (the always-on subset, and M0). */
    static final String DEFAULT_SELECTION = "M0,M1,M2,M5";

    private final String title;
    private final String change;
    private final Supplier<CheckCoordinator> factory;

    Mutant(String title, String change, Supplier<CheckCoordinator> factory) {
        this.title = title;
        this.change = change;
        this.factory = factory;
    }

    /** A fresh coordinator with this mutation. */
    public CheckCoordinator create() {
        return factory.get();
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
        return this == M0;
    }

    /** The name results files give the engine built around this mutant ("mutant-M1"). */
    public String engineId() {
        return "mutant-" + name();
    }

    /** The mutants named by {@code lab.mutants}: "all", or a comma-separated list such as "M0,M1,M2,M5". */
    public static List<Mutant> selected() {
        String names = System.getProperty("lab.mutants", DEFAULT_SELECTION).strip();
        if (names.isEmpty() || names.equalsIgnoreCase("all")) {
            return List.of(values());
        }
        return Arrays.stream(names.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> valueOf(s.toUpperCase(Locale.ROOT))).toList();
    }
}
