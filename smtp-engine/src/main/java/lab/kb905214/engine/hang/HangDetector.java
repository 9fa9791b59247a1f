package lab.kb905214.engine.hang;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds Java-level deadlocks through {@link ThreadMXBean} and describes them with code lines.
 *
 * <p>Deadlocked threads are never reclaimed, so a JVM that ran several repetitions still holds the cycles of the
 * earlier ones: a detector is scoped to the threads that did not exist when it was created.
 */
public final class HangDetector {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Set<Long> preexisting;

    private HangDetector(Set<Long> preexisting) {
        this.preexisting = preexisting;
    }

    /** A detector that ignores every thread alive now: create it before starting the engine under test. */
    public static HangDetector forThreadsStartedFromNow() {
        return new HangDetector(Arrays.stream(THREADS.getAllThreadIds()).boxed().collect(Collectors.toSet()));
    }

    /** A detector that looks at every thread of the JVM (for a child JVM that runs one engine). */
    public static HangDetector forAllThreads() {
        return new HangDetector(Set.of());
    }

    /**
     * The deadlock among the threads in scope, if there is one: a cycle of monitors or of {@code java.util.concurrent}
     * locks ({@link ThreadMXBean#findDeadlockedThreads()} sees both; its monitor-only sibling would miss a
     * {@code ReentrantLock} cycle).
     */
    public Optional<LockCycle> findDeadlock() {
        long[] ids = THREADS.findDeadlockedThreads();
        if (ids == null) {
            return Optional.empty();
        }
        long[] inScope =
                Arrays.stream(ids).filter(id -> !preexisting.contains(id)).toArray();
        if (inScope.length == 0) {
            return Optional.empty();
        }
        ThreadInfo[] infos = THREADS.getThreadInfo(inScope, true, true);
        Map<Long, ThreadInfo> byId = new HashMap<>();
        for (ThreadInfo info : infos) {
            if (info != null) {
                byId.put(info.getThreadId(), info);
            }
        }
        return Optional.of(cycleFrom(byId));
    }

    // Walk owner links from one thread until the walk comes back: that is the cycle, in order.
    private static LockCycle cycleFrom(Map<Long, ThreadInfo> byId) {
        List<LockCycle.Link> links = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        ThreadInfo current = byId.values().iterator().next();
        List<Long> order = new ArrayList<>();
        while (current != null && seen.add(current.getThreadId())) {
            order.add(current.getThreadId());
            ThreadInfo owner = byId.get(current.getLockOwnerId());
            LockInfo wanted = current.getLockInfo();
            String wants = wanted == null ? "?" : lockName(wanted);
            String blockedAt = current.getStackTrace().length > 0 ? current.getStackTrace()[0].toString() : "?";
            links.add(new LockCycle.Link(current.getThreadName(), "", "", wants, blockedAt));
            current = owner;
        }
        // A thread merely blocked behind the cycle leads into it: keep only the part of the walk that loops.
        if (current != null) {
            links = new ArrayList<>(links.subList(order.indexOf(current.getThreadId()), links.size()));
        }
        // Each thread holds what the previous one in the walk wants.
        List<LockCycle.Link> complete = new ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            LockCycle.Link link = links.get(i);
            LockCycle.Link previous = links.get((i - 1 + links.size()) % links.size());
            ThreadInfo info = byName(byId, link.thread());
            String heldAt = info == null ? "?" : frameHolding(info, previous.wants());
            complete.add(new LockCycle.Link(link.thread(), previous.wants(), heldAt, link.wants(), link.blockedAt()));
        }
        return new LockCycle(complete);
    }

    private static ThreadInfo byName(Map<Long, ThreadInfo> byId, String name) {
        return byId.values().stream()
                .filter(t -> t.getThreadName().equals(name))
                .findFirst()
                .orElse(null);
    }

    private static String frameHolding(ThreadInfo info, String lock) {
        for (MonitorInfo monitor : info.getLockedMonitors()) {
            if (lockName(monitor).equals(lock) && monitor.getLockedStackFrame() != null) {
                return monitor.getLockedStackFrame().toString();
            }
        }
        // A java.util.concurrent lock records no frame: say so rather than guess one.
        for (LockInfo synchronizer : info.getLockedSynchronizers()) {
            if (lockName(synchronizer).equals(lock)) {
                return "(a java.util.concurrent lock: the JVM records no frame)";
            }
        }
        return "?";
    }

    private static String lockName(LockInfo lock) {
        return lock.getClassName() + "@" + Integer.toHexString(lock.getIdentityHashCode());
    }

    /** A full thread dump of the JVM, with locks held and wanted, as jstack would show it (without its limits). */
    public static String threadDump() {
        StringBuilder out = new StringBuilder();
        for (ThreadInfo info : THREADS.dumpAllThreads(true, true)) {
            out.append('"')
                    .append(info.getThreadName())
                    .append("\" #")
                    .append(info.getThreadId())
                    .append(' ')
                    .append(info.getThreadState());
            if (info.getLockName() != null) {
                out.append(" on ").append(info.getLockName());
            }
            if (info.getLockOwnerName() != null) {
                out.append(" owned by \"").append(info.getLockOwnerName()).append('"');
            }
            out.append('\n');
            StackTraceElement[] stack = info.getStackTrace();
            MonitorInfo[] monitors = info.getLockedMonitors();
            for (int depth = 0; depth < stack.length; depth++) {
                out.append("    at ").append(stack[depth]).append('\n');
                for (MonitorInfo monitor : monitors) {
                    if (monitor.getLockedStackDepth() == depth) {
                        out.append("    - locked ").append(lockName(monitor)).append('\n');
                    }
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * The threads in scope that wait inside a method of any of {@code classNames} and are seen there unchanged (same
     * lock, never woken: see {@link StuckThreadWatch}) for longer than {@code limit}. Watches until no thread waits
     * there, or every one still waiting is past the limit, or twice the limit has passed.
     */
    public List<String> threadsStalledIn(Collection<String> classNames, Duration limit) throws InterruptedException {
        return stuckThreadWatch(classNames).settle(limit, Duration.ofMillis(5), limit.multipliedBy(2)).stream()
                .map(StuckThreadWatch.Observation::thread)
                .collect(Collectors.toList());
    }

    /** A {@link StuckThreadWatch} over the threads in scope waiting inside {@code classNames}. */
    public StuckThreadWatch stuckThreadWatch(Collection<String> classNames) {
        return StuckThreadWatch.inside(classNames, preexisting);
    }
}
