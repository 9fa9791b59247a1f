package lab.kb905214.stress.lincheck;

import java.nio.LongBuffer;

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
 */
final class InvocationCounter {
    private static final int EXPLORED = 0;
    private static final int REPLAYS = 1;
    private static final LongBuffer COUNTS = LongBuffer.allocate(2);
    // The Lincheck 3.7 method that re-runs a failing invocation to record its trace.
    private static final String TRACE_REPLAY_FRAME = "tryCollectTrace";

    private InvocationCounter() {}

    /** Sets both counts to zero before a Lincheck run. */
    static void reset() {
        COUNTS.put(EXPLORED, 0).put(REPLAYS, 0);
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
        return StackWalker.getInstance().walk(frames -> frames
                .anyMatch(f -> f.getMethodName().equals(TRACE_REPLAY_FRAME)
                        && f.getClassName().startsWith("org.jetbrains.kotlinx.lincheck.")));
    }
}
