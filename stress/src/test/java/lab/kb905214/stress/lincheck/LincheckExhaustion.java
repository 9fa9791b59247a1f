package lab.kb905214.stress.lincheck;

import org.jetbrains.kotlinx.lincheck.strategy.Strategy;
import org.jetbrains.lincheck.util.AnalysisSectionsKt;

/**
 * Lincheck's own answer to "was every interleaving explored?", which Lincheck 3.7 computes but does not return.
 *
 * <p>Its {@code Strategy.runIteration} (lincheck-3.7-sources.jar, {@code org/jetbrains/kotlinx/lincheck/strategy/
 * Strategy.kt}, lines 117-134) returns null both when {@code nextInvocation()} says that no interleaving is left
 * (line 120) and when the budget of invocations is spent (line 133), and the check APIs return nothing or throw. So
 * the strategy that ran the invocations is caught from one of the threads it manages (the event tracker of the
 * thread's Lincheck descriptor), and after the run it is asked {@code nextInvocation()} once more. The model
 * checker answers false only when its interleaving tree is explored with every number of thread switches
 * ({@code ModelCheckingStrategy.kt} lines 76-86 and 152-162); asking again after a spent budget only draws an
 * interleaving nobody runs, since the strategy is closed.
 */
final class LincheckExhaustion {

    /** What Lincheck answered after a run. */
    enum Answer {
        /** nextInvocation() returned false: every interleaving of the scenario was explored. */
        NONE_LEFT,
        /** nextInvocation() returned true: the budget ended the run with interleavings left. */
        MORE_LEFT,
        /** Not asked: the run stopped at a failure or at the time limit, or no managed thread ran an operation. */
        NOT_ASKED
    }

    // The strategy of the current run. Every access is inside an ignored section: Lincheck restores the static state
    // that analyzed code touched after each invocation, which would set this back to null.
    private static volatile Object strategy;

    private LincheckExhaustion() {}

    /** Forgets the last run's strategy; called before each run, outside Lincheck. */
    static void reset() {
        strategy = null;
    }

    /**
     * Catches the strategy that manages the calling thread, once per run; called by every operation. Inside an
     * ignored section, so it adds no event and no switch point to the interleavings.
     */
    static void catchStrategy() {
        AnalysisSectionsKt.enterIgnoredSection();
        try {
            if (strategy == null) {
                strategy = eventTrackerOfCurrentThread();
            }
        } finally {
            AnalysisSectionsKt.leaveIgnoredSection();
        }
    }

    /** Asks the caught strategy, after its run ended without a failure, whether it has an interleaving left. */
    static Answer ask() {
        return strategy instanceof Strategy caught
                ? (caught.nextInvocation() ? Answer.MORE_LEFT : Answer.NONE_LEFT)
                : Answer.NOT_ASKED;
    }

    // The descriptor class lives in the bootstrap jar Lincheck's agent appends at run time, so it is not on the
    // compile class path: looked up by name.
    private static Object eventTrackerOfCurrentThread() {
        try {
            Class<?> descriptorClass = Class.forName("sun.nio.ch.lincheck.ThreadDescriptor");
            Object descriptor =
                    descriptorClass.getMethod("getCurrentThreadDescriptor").invoke(null);
            return descriptor == null
                    ? null
                    : descriptorClass.getMethod("getEventTracker").invoke(descriptor);
        } catch (ReflectiveOperationException e) {
            return null; // not under Lincheck's agent: ask() then answers NOT_ASKED
        }
    }
}
