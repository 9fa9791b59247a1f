package lab.kb905214.results;

/** The counters of {@code load-<engine>-<scenario>.json}, besides the shared ones in {@link Counters}. */
public final class LoadCounters {
    private LoadCounters() {}

    /** Transactions answered with a 2xx reply. */
    public static final Field<Long> REPLIES_2XX = Field.whole("replies2xx");
    /** 250 replies the server sent. */
    public static final Field<Long> ACCEPTED_250 = Field.whole("accepted250");
    /** 250 replies a client saw whose message is not stored exactly once (must be none). */
    public static final Field<Long> ACCEPTED_250_MISSING = Field.whole("accepted250Missing");
    /** Waits that reached the verdict-wait bound (each a 451 4.4.3). */
    public static final Field<Long> TIMED_OUT_AT_BOUND = Field.whole("timedOutAtBound");
    /** Seconds into the run at which the server stopped answering anyone, or null. */
    public static final Field<Double> STOPPED_RESPONDING_AT = Field.decimal("stoppedRespondingAt");
    /** Transactions that never got an answer (engine-fixed: must be none). */
    public static final Field<Long> UNANSWERED = Field.whole("unanswered");
    /** Engine threads still alive after the run (engine-fixed: must be none). */
    public static final Field<Long> THREADS_AT_END = Field.whole("threadsAtEnd");
    /** Connections left in CLOSE_WAIT after the run, or -1 when not measured (engine-fixed: must be none). */
    public static final Field<Long> CLOSE_WAIT = Field.whole("closeWait");
    /** Sessions proven stuck. */
    public static final Field<Long> STUCK_SESSIONS = Field.whole("stuckSessions");
    /** Per second: transactions, probe latency, whether a probe went unanswered: rows of {@link Point}. */
    public static final Field<Object> SERIES = Field.tree("series");
    /** The detection bound from the pooled runs: see {@link DetectionBound}. */
    public static final Field<Object> DETECTION_BOUND = Field.tree("detectionBound");
    /** The chance that one run of the budget misses a hang, from the rate's lower bound. */
    public static final Field<Double> MISS_CHANCE_AT_BUDGET = Field.decimal("missChanceAtBudget");

    /** The fields of the load run's {@link Counters#PLAN}. */
    public static final class Plan {
        private Plan() {}

        /** Where the engine's DNS queries went: "embedded" or the address of a real server. */
        public static final Field<String> DNS_SERVER = Field.text("dnsServer");
        /** Faults the lab injected into DNS answers (none for a real server). */
        public static final Field<Object> DNS_FAULTS_INJECTED = Field.tree("dnsFaultsInjected");
        /** The engine's verdict-wait bound in milliseconds, or null when it waits unbounded. */
        public static final Field<Long> VERDICT_WAIT_BOUND_MILLIS = Field.whole("verdictWaitBoundMillis");
    }

    /** The fields of one row of {@link #SERIES}. */
    public static final class Point {
        private Point() {}

        /** Whole seconds into the run. */
        public static final Field<Long> T = Field.whole("t");
        /** Transactions answered in that second. */
        public static final Field<Long> TRANSACTIONS = Field.whole("transactions");
        /** The probe's latency in that second. */
        public static final Field<Long> PROBE_MILLIS = Field.whole("probeMillis");
        /** Whether that second's probe went unanswered. */
        public static final Field<Boolean> PROBE_UNANSWERED = Field.flag("probeUnanswered");
    }

    /** The fields of {@link #DETECTION_BOUND}. */
    public static final class DetectionBound {
        private DetectionBound() {}

        /** Hangs over the pooled runs. */
        public static final Field<Long> HANGS = Field.whole("hangs");
        /** Seconds of traffic over the pooled runs. */
        public static final Field<Double> SECONDS = Field.decimal("seconds");
        /** The hang rate's lower one-sided 95% bound. */
        public static final Field<Double> PER_SECOND_LOWER_95 = Field.decimal("perSecondLower95");
        /** The hang rate's upper one-sided 95% bound. */
        public static final Field<Double> PER_SECOND_UPPER_95 = Field.decimal("perSecondUpper95");
        /** One run's budget. */
        public static final Field<Long> BUDGET_SECONDS = Field.whole("budgetSeconds");
    }
}
