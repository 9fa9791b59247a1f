package lab.kb905214.stress.assumptions;

import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import lab.kb905214.results.AuditCounters;
import lab.kb905214.results.Fields;

/**
 * Checks that a set of service threads (the completion thread, the DNS client's threads) wait only for their next
 * piece of work: never BLOCKED on a monitor, and WAITING only inside their own work queue. A completion thread parked
 * anywhere else is exactly how H1 begins, and a DNS thread waiting on a session would chain every check to it.
 *
 * <p>Two kinds of evidence: what each dump shows (a sample: where a waiting thread waits), and the JVM's own count of
 * monitor blocks per thread, which misses none ({@link ThreadInfo#getBlockedCount()}) but cannot say which monitor:
 * a wait for a class-loading lock counts too (engine-fixed's completion thread was counted 2 blocks, 1 ms, in one
 * -Pstress run through Unbound, never seen in a dump). So only a wait seen outside the queue fails the check; the
 * counts are recorded beside it, those of the threads that should never block ({@code neverBlocks}) apart.
 *
 * <p>Not thread-safe: one observer adds the dumps.
 */
public final class QueueOnlyWaits {
    /** Frames a thread waits in when it waits for its next task: an executor's queue, a timer's queue. */
    private static final List<String> QUEUE_FRAMES =
            List.of("java.util.concurrent.ThreadPoolExecutor.getTask", "java.util.concurrent.ForkJoinPool.awaitWork");
    /**
     * Work queues whose own lock a thread may wait for while it adds or removes a task: a DNS thread cancelling a
     * query's timeout waits a moment for the timer queue's lock (seen in a default build), which is no other
     * component's lock and is held only for the queue operation.
     */
    private static final List<String> QUEUE_CLASSES = List.of(
            "java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue",
            "java.util.concurrent.LinkedBlockingQueue",
            "java.util.concurrent.SynchronousQueue");
    /** How many waits outside the queue are kept whole as evidence; the rest are counted. */
    private static final int KEPT = 5;

    private static final int FRAMES_KEPT = 12;

    private final Predicate<String> serviceThread;
    private final Predicate<String> neverBlocks;
    private final Map<String, long[]> blocked = new LinkedHashMap<>(); // name -> {blockedCount, blockedTimeMillis}
    private final List<String> elsewhere = new ArrayList<>();
    private long waitsElsewhere;
    private long waitsInQueue;
    private long running;

    /**
     * Watches the threads whose names {@code serviceThread} accepts; those {@code neverBlocks} accepts must not block.
     */
    public QueueOnlyWaits(Predicate<String> serviceThread, Predicate<String> neverBlocks) {
        this.serviceThread = serviceThread;
        this.neverBlocks = neverBlocks;
    }

    /** Whether {@code threadName} is one of the watched service threads. */
    public boolean watches(String threadName) {
        return serviceThread.test(threadName);
    }

    /** Adds one dump's view of one thread (ignored unless it is a watched service thread). */
    public void add(ThreadInfo info) {
        if (!watches(info.getThreadName())) {
            return;
        }
        // The JVM's counts only grow: the last look holds the thread's total.
        blocked.put(info.getThreadName(), new long[] {info.getBlockedCount(), info.getBlockedTime()});
        Thread.State state = info.getThreadState();
        if (state == Thread.State.RUNNABLE || state == Thread.State.NEW || state == Thread.State.TERMINATED) {
            running++;
            return;
        }
        if (state != Thread.State.BLOCKED && inQueue(info.getStackTrace())) {
            waitsInQueue++;
            return;
        }
        waitsElsewhere++;
        if (elsewhere.size() < KEPT) {
            StringBuilder text = new StringBuilder(info.getThreadName())
                    .append(' ')
                    .append(state)
                    .append(" on ")
                    .append(info.getLockName());
            StackTraceElement[] stack = info.getStackTrace();
            for (int i = 0; i < Math.min(stack.length, FRAMES_KEPT); i++) {
                text.append("\n\tat ").append(stack[i]);
            }
            elsewhere.add(text.toString());
        }
    }

    /** What was seen, for a results file. */
    public Fields summary() {
        // Per thread: the blocks and, with contention monitoring on, the milliseconds spent blocked (-1: off).
        Map<String, List<Long>> perThread = new LinkedHashMap<>();
        blocked.forEach((name, counts) -> perThread.put(name, List.of(counts[0], counts[1])));
        return new Fields()
                .note("threadsWatched", List.copyOf(blocked.keySet()))
                .note("seenRunning", running)
                .note("seenWaitingInQueue", waitsInQueue)
                .put(AuditCounters.ServiceThreadWaits.SEEN_WAITING_ELSEWHERE, waitsElsewhere)
                .put(AuditCounters.ServiceThreadWaits.WAITS_ELSEWHERE, List.copyOf(elsewhere))
                .note("monitorBlocks", monitorBlocks(name -> true))
                .put(AuditCounters.ServiceThreadWaits.MONITOR_BLOCKS_WHERE_NONE_ALLOWED, monitorBlocks(neverBlocks))
                .note("monitorBlocksAndMillisPerThread", perThread);
    }

    /** Whether the threads were seen waiting only in their queues (the block counts are evidence beside it). */
    public boolean held() {
        return waitsElsewhere == 0;
    }

    /** Monitor blocks the JVM counted on the watched threads {@code which} accepts, up to their last look. */
    private long monitorBlocks(Predicate<String> which) {
        return blocked.entrySet().stream()
                .filter(e -> which.test(e.getKey()))
                .mapToLong(e -> e.getValue()[0])
                .sum();
    }

    private static boolean inQueue(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String method = frame.getClassName() + "." + frame.getMethodName();
            if (QUEUE_FRAMES.contains(method) || QUEUE_CLASSES.contains(frame.getClassName())) {
                return true;
            }
        }
        return false;
    }
}
