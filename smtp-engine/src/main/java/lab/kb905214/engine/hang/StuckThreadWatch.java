package lab.kb905214.engine.hang;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Watches the threads waiting inside a set of classes (a coordinator) and proves which of them are stuck: the same
 * thread, on the same lock, observed continuously without ever waking, for longer than a limit.
 *
 * <p>"Continuously" is the JVM's word, not the watch's: {@link ThreadInfo#getWaitedCount()} and
 * {@link ThreadInfo#getBlockedCount()} grow each time a thread parks, waits or blocks again, so a thread whose
 * counts and lock are unchanged between two looks never left its wait in between, however far apart the looks are.
 * A thread that woke, moved on or started another wait is observed afresh from that look on: a thread that entered
 * late is observed for the full limit before it can be called stuck.
 *
 * <p>Not thread-safe: one watcher thread calls {@link #look()}.
 */
public final class StuckThreadWatch {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Deep enough to reach the coordinator's frame from the park or wait at the top of a session's stack. */
    private static final int STACK_DEPTH = 64;

    private final Set<Long> ignored;
    private final Collection<String> classNames;
    private final Map<Long, Observation> watched = new HashMap<>();
    private long looks;

    /**
     * One thread seen waiting inside the watched classes, unchanged since {@code firstSeenNanos}.
     *
     * @param threadId the JVM's thread id
     * @param thread the thread's name
     * @param state WAITING, TIMED_WAITING or BLOCKED
     * @param waitingOn the lock or blocker it waits on (class and identity hash: which check), or "?" when it parks
     *     without a blocker
     * @param waitedCount the JVM's count of its waits when first seen (unchanged since)
     * @param blockedCount the JVM's count of its monitor blocks when first seen (unchanged since)
     * @param firstSeenNanos when this wait was first seen
     * @param lastSeenNanos when it was last seen unchanged
     * @param stack its full stack as last seen, innermost frame first
     */
    public record Observation(
            long threadId,
            String thread,
            Thread.State state,
            String waitingOn,
            long waitedCount,
            long blockedCount,
            long firstSeenNanos,
            long lastSeenNanos,
            List<String> stack) {

        /** How long the thread has been seen in this one wait. */
        public Duration observed() {
            return Duration.ofNanos(lastSeenNanos - firstSeenNanos);
        }

        boolean sameWait(ThreadInfo info) {
            return info.getWaitedCount() == waitedCount
                    && info.getBlockedCount() == blockedCount
                    && waitingOn.equals(lockOf(info))
                    && info.getThreadState() == state;
        }
    }

    private StuckThreadWatch(Set<Long> ignored, Collection<String> classNames) {
        this.ignored = Set.copyOf(ignored);
        this.classNames = List.copyOf(classNames);
    }

    /** A watch over threads waiting inside {@code classNames}, ignoring the threads in {@code ignored}. */
    public static StuckThreadWatch inside(Collection<String> classNames, Set<Long> ignored) {
        return new StuckThreadWatch(ignored, classNames);
    }

    /** Looks at every thread once; returns the waits being watched after this look. */
    public List<Observation> look() {
        long now = System.nanoTime();
        looks++;
        Map<Long, Observation> seen = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds(), STACK_DEPTH)) {
            if (info == null || ignored.contains(info.getThreadId()) || !isWaiting(info) || !inWatchedClass(info)) {
                continue;
            }
            Observation before = watched.get(info.getThreadId());
            long firstSeen = before != null && before.sameWait(info) ? before.firstSeenNanos() : now;
            seen.put(
                    info.getThreadId(),
                    new Observation(
                            info.getThreadId(),
                            info.getThreadName(),
                            info.getThreadState(),
                            lockOf(info),
                            info.getWaitedCount(),
                            info.getBlockedCount(),
                            firstSeen,
                            now,
                            frames(info)));
        }
        // A thread not seen waiting now has left (or moved on): its next wait starts a new observation.
        watched.clear();
        watched.putAll(seen);
        return List.copyOf(seen.values());
    }

    /** The waits observed unchanged for longer than {@code limit}, as of the last look. */
    public List<Observation> stuckLongerThan(Duration limit) {
        List<Observation> stuck = new ArrayList<>();
        for (Observation o : watched.values()) {
            if (o.observed().compareTo(limit) > 0) {
                stuck.add(o);
            }
        }
        stuck.sort((a, b) -> a.thread().compareTo(b.thread()));
        return stuck;
    }

    /** How many looks this watch has taken. */
    public long looks() {
        return looks;
    }

    /**
     * Keeps looking every {@code every} until no thread waits inside the watched classes, or every one still waiting
     * has been observed unchanged for longer than {@code limit}; gives up after {@code cap}. Returns the stuck ones.
     */
    public List<Observation> settle(Duration limit, Duration every, Duration cap) throws InterruptedException {
        long deadline = System.nanoTime() + cap.toNanos();
        while (true) {
            List<Observation> waiting = look();
            boolean allPastLimit = waiting.stream().allMatch(o -> o.observed().compareTo(limit) > 0);
            if (waiting.isEmpty() || allPastLimit || System.nanoTime() >= deadline) {
                return stuckLongerThan(limit);
            }
            Thread.sleep(every.toMillis()); // observation pace only: the watched threads do not wait for it
        }
    }

    private static boolean isWaiting(ThreadInfo info) {
        Thread.State state = info.getThreadState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.BLOCKED;
    }

    private boolean inWatchedClass(ThreadInfo info) {
        for (StackTraceElement frame : info.getStackTrace()) {
            if (classNames.contains(frame.getClassName())) {
                return true;
            }
        }
        return false;
    }

    private static String lockOf(ThreadInfo info) {
        return info.getLockName() == null ? "?" : info.getLockName();
    }

    private static List<String> frames(ThreadInfo info) {
        List<String> frames = new ArrayList<>();
        for (StackTraceElement frame : info.getStackTrace()) {
            frames.add(frame.toString().replace("app//", ""));
        }
        return frames;
    }
}
