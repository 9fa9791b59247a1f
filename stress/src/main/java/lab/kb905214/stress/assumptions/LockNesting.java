package lab.kb905214.stress.assumptions;

import java.lang.management.LockInfo;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The lock-acquisition order seen in thread dumps, as a graph over lock sites: an edge A → B each time a thread was
 * seen holding A while holding or trying to take B. A cycle in it is a deadlock waiting for its schedule, even in a
 * run where none happened (the idea of Linux's lockdep, on samples instead of every acquisition).
 *
 * <p>A lock is named by its class, as lockdep names a lock by its class, so that one session's locks and another's are
 * one node and an order seen on two different sessions still closes a cycle. A plain {@code java.lang.Object} (or
 * any other class of the JDK's used as a bare lock) is named by instance instead ({@code java.lang.Object@1b6d3586}):
 * unrelated locks share that class, and joining them would show cycles that cannot happen. Nesting two locks of one
 * class adds no edge, and neither does nesting two of the JDK's own objects: that is the JDK's own order (a zip file
 * and its stream set while a class loads, seen on an engine thread both ways round), not the engine's. Every edge to
 * or from a lock of the lab's classes is kept, so a cycle through the engine's locks still shows.
 *
 * <p>Not thread-safe: one observer adds the dumps.
 */
public final class LockNesting {
    private final Map<String, Set<String>> edges = new TreeMap<>();
    private final Map<String, String> firstSeenIn = new LinkedHashMap<>();
    private long threadsSeen;

    /** Adds what one thread held and wanted in one dump (taken with locked monitors and synchronizers). */
    public void add(ThreadInfo info) {
        threadsSeen++;
        // Monitors carry the stack depth at which they were taken: deeper was taken earlier, so their order is known.
        List<String> monitors = Arrays.stream(info.getLockedMonitors())
                .sorted(Comparator.comparingInt(MonitorInfo::getLockedStackDepth)
                        .reversed())
                .map(LockNesting::name)
                .toList();
        for (int i = 0; i < monitors.size(); i++) {
            for (int j = i + 1; j < monitors.size(); j++) {
                edge(monitors.get(i), monitors.get(j), info);
            }
        }
        // The java.util.concurrent locks held carry no depth: their order against the monitors is unknown, and no
        // edge is guessed. Whatever is held, though, was taken before the lock the thread now waits to take.
        LockInfo wanted = info.getLockInfo();
        if (wanted != null && isAcquisition(info, wanted)) {
            List<String> held = new ArrayList<>(monitors);
            Arrays.stream(info.getLockedSynchronizers())
                    .filter(s -> !isWorkerLock(s))
                    .map(LockNesting::name)
                    .forEach(held::add);
            held.forEach(h -> edge(h, name(wanted), info));
        }
    }

    private void edge(String from, String to, ThreadInfo seenIn) {
        if (isJdkObject(from) && isJdkObject(to)) {
            return;
        }
        if (!from.equals(to)
                && edges.computeIfAbsent(from, k -> new TreeSet<>()).add(to)) {
            firstSeenIn.put(from + " -> " + to, seenIn.getThreadName());
        }
    }

    // A pool worker holds its own lock around each task it runs, and other threads only ever try it without waiting
    // (ThreadPoolExecutor.interruptIdleWorkers): it can be no link of a deadlock.
    private static boolean isWorkerLock(LockInfo lock) {
        return lock.getClassName().equals("java.util.concurrent.ThreadPoolExecutor$Worker");
    }

    /** The nesting edges seen, "A -> B", each with the first thread it was seen in. */
    public Map<String, String> edges() {
        return Map.copyOf(firstSeenIn);
    }

    /** Thread observations added so far. */
    public long threadsSeen() {
        return threadsSeen;
    }

    /** A cycle among the lock sites, as the sites in order with the first repeated at the end, if there is one. */
    public Optional<List<String>> cycle() {
        Map<String, Integer> state = new TreeMap<>(); // absent: unvisited; 1: on the current path; 2: done
        for (String start : edges.keySet()) {
            List<String> path = new ArrayList<>();
            Optional<List<String>> found = visit(start, state, path);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<List<String>> visit(String site, Map<String, Integer> state, List<String> path) {
        Integer seen = state.get(site);
        if (seen != null && seen == 2) {
            return Optional.empty();
        }
        if (seen != null) { // on the current path: the path from its first occurrence is a cycle
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(site), path.size()));
            cycle.add(site);
            return Optional.of(cycle);
        }
        state.put(site, 1);
        path.add(site);
        for (String next : edges.getOrDefault(site, Set.of())) {
            Optional<List<String>> found = visit(next, state, path);
            if (found.isPresent()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        state.put(site, 2);
        return Optional.empty();
    }

    // BLOCKED is a monitor entry; WAITING or TIMED_WAITING on a lock's own synchronizer is a lock() that parked. A
    // wait() or a condition's await releases what it waits on, and a future or latch is not a lock: none is an
    // acquisition.
    private static boolean isAcquisition(ThreadInfo info, LockInfo wanted) {
        if (info.getThreadState() == Thread.State.BLOCKED) {
            return true;
        }
        String name = wanted.getClassName();
        return name.startsWith("java.util.concurrent.locks.ReentrantLock$")
                || name.startsWith("java.util.concurrent.locks.ReentrantReadWriteLock$");
    }

    // A lock named by instance (see name): one of the JDK's own objects.
    private static boolean isJdkObject(String site) {
        return site.contains("@");
    }

    private static String name(LockInfo lock) {
        String name = lock.getClassName();
        boolean bare = name.startsWith("java.") || name.startsWith("[");
        return bare ? name + "@" + Integer.toHexString(lock.getIdentityHashCode()) : name;
    }
}
