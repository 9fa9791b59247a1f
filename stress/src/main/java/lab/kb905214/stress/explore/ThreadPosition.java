package lab.kb905214.stress.explore;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;
import lab.kb905214.engine.failpoint.Schedule;

/** Where a race thread is, read from the JVM while a schedule holds the threads at their failpoints. */
enum ThreadPosition {
    /** Held by the schedule at a failpoint: the driver may release it. */
    PARKED,
    /** BLOCKED on a monitor or waiting inside the coordinator, but not at a failpoint: it cannot be released. */
    DISABLED,
    /** Out of the coordinator: its part of the race is over. */
    DONE,
    /** Running inside the coordinator: not settled yet. */
    MOVING;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** The position of thread {@code threadId}, whose coordinator is made of the classes {@code coordinator}. */
    static ThreadPosition of(long threadId, List<String> coordinator, Schedule schedule) {
        ThreadInfo info = THREADS.getThreadInfo(threadId, 64);
        if (info == null || info.getThreadState() == Thread.State.TERMINATED) {
            return DONE;
        }
        boolean atFailpoint = false;
        boolean inCoordinator = false;
        for (StackTraceElement frame : info.getStackTrace()) {
            atFailpoint |= frame.getClassName().equals(Schedule.class.getName())
                    && frame.getMethodName().equals("arrive");
            inCoordinator |= coordinator.contains(frame.getClassName());
        }
        Thread.State state = info.getThreadState();
        boolean still =
                state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.BLOCKED;
        if (!inCoordinator) {
            return DONE;
        }
        if (atFailpoint && still) {
            // Still inside the failpoint of a step already released: released, but not yet scheduled to go on.
            boolean held = schedule.held().stream().anyMatch(arrival -> arrival.threadId() == threadId);
            return held ? PARKED : MOVING;
        }
        return still ? DISABLED : MOVING;
    }

    /**
     * Polls {@code threads} (each by its key) until none is {@link #MOVING} and none changed for {@code settled}, and
     * returns where each is; {@code position} reads one thread's position. Fails once {@code limit} has passed.
     */
    static <K> Map<K, ThreadPosition> settle(
            Map<K, Long> threads, BiFunction<K, Long, ThreadPosition> position, Duration settled, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        Map<K, ThreadPosition> last = Map.of();
        long stableSince = System.nanoTime();
        while (true) {
            Map<K, ThreadPosition> now = new LinkedHashMap<>();
            threads.forEach((key, id) -> now.put(key, position.apply(key, id)));
            if (!now.equals(last)) {
                last = now;
                stableSince = System.nanoTime();
            } else if (!now.containsValue(MOVING) && System.nanoTime() - stableSince >= settled.toNanos()) {
                return now;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("race threads did not settle within " + limit + ": " + now);
            }
            LockSupport.parkNanos(500_000); // observation only
        }
    }
}
