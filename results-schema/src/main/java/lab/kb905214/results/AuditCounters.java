package lab.kb905214.results;

import java.util.List;

/**
 * The fields of a load run's {@link Counters#ASSUMPTIONS}: the audit of the claim's assumptions from the thread dumps
 * taken during the run (one lock order; service threads wait only on their own queues).
 */
public final class AuditCounters {
    private AuditCounters() {}

    /** Thread dumps read. */
    public static final Field<Long> LOOKS = Field.whole("looks");
    /** Whether every assumption held in every dump. */
    public static final Field<Boolean> HELD = Field.flag("held");
    /** The lock-acquisition order seen: see {@link LockOrder}. */
    public static final Field<Object> LOCK_ORDER = Field.tree("lockOrder");
    /** What the service threads waited on: see {@link ServiceThreadWaits}. */
    public static final Field<Object> SERVICE_THREAD_WAITS = Field.tree("serviceThreadWaits");

    /** The fields of {@link #LOCK_ORDER}. */
    public static final class LockOrder {
        private LockOrder() {}

        /** Every nesting seen, "outer -> inner". */
        public static final Field<List<String>> EDGES = Field.texts("edges");
        /** A cycle in those nestings, or empty. */
        public static final Field<List<String>> CYCLE = Field.texts("cycle");
    }

    /** The fields of {@link #SERVICE_THREAD_WAITS}. */
    public static final class ServiceThreadWaits {
        private ServiceThreadWaits() {}

        /** Dumps in which a service thread waited somewhere other than its own work queue. */
        public static final Field<Long> SEEN_WAITING_ELSEWHERE = Field.whole("seenWaitingElsewhere");
        /** The stacks of those waits. */
        public static final Field<List<String>> WAITS_ELSEWHERE = Field.texts("waitsElsewhere");
        /** Monitor blocks of threads that may never block on one. */
        public static final Field<Long> MONITOR_BLOCKS_WHERE_NONE_ALLOWED =
                Field.whole("monitorBlocksWhereNoneAllowed");
    }
}
