package lab.kb905214.stress.lincheck;

import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;
import lab.kb905214.engine.check.CheckCoordinator;
import lab.kb905214.engine.failpoint.Failpoints;
import lab.kb905214.engine.failpoint.Step;

/**
 * Counts the invocations Lincheck runs, which Lincheck itself does not report.
 *
 * <p>Every invocation builds one fresh operations object, so its constructor calls {@link #countInvocation()}. After
 * each invocation Lincheck rolls back what instrumented code wrote to static state: a static {@code long},
 * {@code AtomicLong} or {@code long[]} bumped inside an operation read 0 after 600 operations. The count therefore
 * lives in a {@link LongBuffer}: java.nio is outside what Lincheck 3.7's model checker transforms (among the JDK's
 * java.* classes it transforms java.util.*, Thread and Throwable), so the writes happen in code Lincheck neither
 * sees nor rolls back; it kept all 600, and all 1,000 invocations of a runConcurrentTest run. A system property also
 * survived, but it is written through java.util.Properties, whose map Lincheck does interleave: counted that way, a
 * runConcurrentTest run given two more -D options saw no interleaving inside its threads and stopped after 3
 * invocations.
 *
 * <p>When a scenario run fails, Lincheck replays the failing invocation to record its trace. That replay is counted
 * apart ({@link #replays()}), recognised by Lincheck's {@code tryCollectTrace} frame on the stack, so
 * {@link #explored()} is the number of interleavings explored up to and including the failing one. (Under
 * runConcurrentTest the invocation runs on a thread of Lincheck's own, where no such frame shows.)
 *
 * <p>It also keeps what each invocation's coordinator recorded ({@link #invocationEnded}): its failpoints (Lincheck
 * chooses the interleavings, so they must stay off) and its lost verdicts, so the results file says what they did
 * rather than what was intended.
 */
final class InvocationCounter {
    private static final int EXPLORED = 0;
    private static final int REPLAYS = 1;
    private static final int ARMED = 2; // invocations whose coordinator had a schedule armed on its failpoints
    private static final int REACHED = 3; // steps reached while armed, one bit per Step ordinal
    private static final int OBSERVED = 4; // invocations whose failpoints were read after their threads finished
    private static final int LOST = 5; // verdicts the coordinators counted as posted and never delivered
    private static final LongBuffer COUNTS = LongBuffer.allocate(6);
    // The Lincheck 3.7 method that re-runs a failing invocation to record its trace.
    private static final String TRACE_REPLAY_FRAME = "tryCollectTrace";

    private InvocationCounter() {}

    /** Sets both counts to zero before a Lincheck run. */
    static void reset() {
        COUNTS.put(EXPLORED, 0)
                .put(REPLAYS, 0)
                .put(ARMED, 0)
                .put(REACHED, 0)
                .put(OBSERVED, 0)
                .put(LOST, 0);
    }

    /** Adds what one finished invocation's coordinator recorded; called once per invocation, after its threads. */
    @SuppressWarnings("EnumOrdinal") // one bit per step, in a long of the LongBuffer (an EnumSet would be rolled back)
    static void invocationEnded(CheckCoordinator coordinator) {
        COUNTS.put(LOST, COUNTS.get(LOST) + coordinator.lostVerdicts());
        Failpoints failpoints = coordinator.failpoints();
        COUNTS.put(OBSERVED, COUNTS.get(OBSERVED) + 1);
        if (failpoints.wereArmed()) {
            COUNTS.put(ARMED, COUNTS.get(ARMED) + 1);
        }
        long reached = COUNTS.get(REACHED);
        for (Step step : failpoints.stepsReached()) {
            reached |= 1L << step.ordinal();
        }
        COUNTS.put(REACHED, reached);
    }

    /**
     * Invocations since the last {@link #reset()} whose failpoints were read when they ended: all those explored
     * that finished (a hung one never ends), and trace replays; fewer would mean the reading was skipped.
     */
    static long invocationsObserved() {
        return COUNTS.get(OBSERVED);
    }

    /** Verdicts the coordinators counted as lost since the last {@link #reset()}. */
    static long lostVerdicts() {
        return COUNTS.get(LOST);
    }

    /** Invocations since the last {@link #reset()} whose failpoints had a schedule armed. */
    static long invocationsWithFailpointsArmed() {
        return COUNTS.get(ARMED);
    }

    /** The steps any invocation's failpoints recorded as reached while armed, in the steps' declared order. */
    @SuppressWarnings("EnumOrdinal") // one bit per step, in a long of the LongBuffer (an EnumSet would be rolled back)
    static List<String> failpointsReached() {
        List<String> reached = new ArrayList<>();
        for (Step step : Step.values()) {
            if ((COUNTS.get(REACHED) & (1L << step.ordinal())) != 0) {
                reached.add(step.id());
            }
        }
        return reached;
    }

    /** Counts one invocation; called from the operations' constructor, once per invocation. */
    static void countInvocation() {
        int slot = isTraceReplay() ? REPLAYS : EXPLORED;
        COUNTS.put(slot, COUNTS.get(slot) + 1);
    }

    /** Invocations explored since the last {@link #reset()}, trace replays excluded. */
    static long explored() {
        return COUNTS.get(EXPLORED);
    }

    /** Invocations Lincheck re-ran to collect a failure's trace since the last {@link #reset()}. */
    static long replays() {
        return COUNTS.get(REPLAYS);
    }

    private static boolean isTraceReplay() {
        return StackWalker.getInstance()
                .walk(frames -> frames.anyMatch(f -> f.getMethodName().equals(TRACE_REPLAY_FRAME)
                        && f.getClassName().startsWith("org.jetbrains.kotlinx.lincheck.")));
    }
}
