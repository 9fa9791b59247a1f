package lab.kb905214.stress.assumptions;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import lab.kb905214.engine.thread.ThreadRole;
import lab.kb905214.results.AuditCounters;
import lab.kb905214.results.Fields;

/**
 * Checks, on a running engine, the assumptions under which the coordinator's proofs (the explorer's tree, SPIN,
 * Lincheck) say anything about the whole server: the engine's threads take their locks in one global order
 * ({@link LockNesting}), and the completion and DNS threads wait only for their next task ({@link QueueOnlyWaits}).
 * Each {@link #look()} reads one dump of every thread with the locks it holds.
 *
 * <p>Not thread-safe: one observer looks.
 */
public final class AssumptionAudit {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Set<Long> before;
    private final LockNesting nesting = new LockNesting();
    // The service threads must wait only in their work queues; the completion thread must never block at all.
    private final QueueOnlyWaits serviceWaits = new QueueOnlyWaits(
            name -> ThreadRole.of(name).map(ThreadRole::isService).orElse(false), ThreadRole.COMPLETION::names);
    private long looks;

    private AssumptionAudit(Set<Long> before) {
        this.before = before;
    }

    /**
     * An audit of the engine threads started from now on (an engine abandoned earlier in the same JVM, hung, is not
     * this run's), with the JVM's contention monitoring on so block times are measured.
     */
    public static AssumptionAudit forThreadsStartedFromNow() {
        if (THREADS.isThreadContentionMonitoringSupported()) {
            THREADS.setThreadContentionMonitoringEnabled(true);
        }
        Set<Long> before = new HashSet<>();
        for (long id : THREADS.getAllThreadIds()) {
            before.add(id);
        }
        return new AssumptionAudit(before);
    }

    /** Reads one dump of every thread and adds the engine's threads to both checks. */
    public void look() {
        looks++;
        for (ThreadInfo info : THREADS.dumpAllThreads(true, true)) {
            if (info == null
                    || before.contains(info.getThreadId())
                    || !ThreadRole.isEngine(info.getThreadName())) { // the harness's own clients and probes are not
                continue;
            }
            nesting.add(info);
            serviceWaits.add(info);
        }
    }

    /**
     * Whether both assumptions held in what was seen: no cycle in the lock order, no service thread waiting elsewhere.
     */
    public boolean held() {
        return nesting.cycle().isEmpty() && serviceWaits.held();
    }

    /** What was seen, for a results file: {@code lockOrder} and {@code serviceThreadWaits}, and how often it looked. */
    public Fields summary() {
        Fields order = new Fields()
                .note("threadsSeen", nesting.threadsSeen())
                .put(
                        AuditCounters.LockOrder.EDGES,
                        nesting.edges().keySet().stream().sorted().toList())
                .put(AuditCounters.LockOrder.CYCLE, nesting.cycle().orElse(List.of()));
        return new Fields()
                .put(AuditCounters.LOOKS, looks)
                .put(AuditCounters.HELD, held())
                .put(AuditCounters.LOCK_ORDER, order)
                .put(AuditCounters.SERVICE_THREAD_WAITS, serviceWaits.summary());
    }
}
