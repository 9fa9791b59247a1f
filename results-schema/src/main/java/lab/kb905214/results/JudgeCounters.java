package lab.kb905214.results;

/** The counters of {@code judge-<engine>-calibration.json}: one row per condition of the calibration grid. */
public final class JudgeCounters {
    private JudgeCounters() {}

    /** One row per condition: see {@link Cell}. */
    public static final Field<Object> CELLS = Field.tree("cells");

    /** The fields of one row of {@link #CELLS}. */
    public static final class Cell {
        private Cell() {}

        /** The condition's name ({@code c<clients>-a<abort rate>[-dns][-busy][-limit<n>]}). */
        public static final Field<String> CELL = Field.text("cell");
        /** The share of clients that abort mid-transaction. */
        public static final Field<Double> ABORT_RATE = Field.decimal("abortRate");
        /** Runs. */
        public static final Field<Long> N = Field.whole("n");
        /** Runs asked for: all of them were made unless {@link #UNTIL_FIRST_HANG} stopped the cell at a hang. */
        public static final Field<Long> RUNS_PLANNED = Field.whole("runsPlanned");
        /**
         * Whether the cell stopped at its first proven hang (engine-buggy in the default build): it then writes no
         * detection rate, since a sequential stop biases hangs / runs.
         */
        public static final Field<Boolean> UNTIL_FIRST_HANG = Field.flag("untilFirstHang");
        /** Runs judged hung. */
        public static final Field<Long> HANGS = Field.whole("hangs");
        /** Hangs proven by a lock cycle. */
        public static final Field<Long> LOCK_CYCLES = Field.whole("lockCycles");
        /** Hangs proven by a session stuck past the longest check. */
        public static final Field<Long> STUCK_SESSIONS = Field.whole("stuckSessions");
        /** Hangs proven by a server silent past its window. */
        public static final Field<Long> STOPPED_SERVERS = Field.whole("stoppedServers");
        /** Runs whose assumption audit did not hold (engine-fixed). */
        public static final Field<Long> ASSUMPTIONS_NOT_HELD = Field.whole("assumptionsNotHeld");
        /** engine-fixed: the false-alarm rate's upper one-sided 95% bound. */
        public static final Field<Double> FALSE_ALARM_UPPER_95 = Field.decimal("falseAlarmUpper95");
        /** engine-buggy: the share of runs the judge found hung (null when the cell stopped at its first hang). */
        public static final Field<Double> DETECTION = Field.decimal("detection");
        /** engine-buggy: the detection rate's lower one-sided 95% bound. */
        public static final Field<Double> DETECTION_LOWER_95 = Field.decimal("detectionLower95");
        /** The longest time nobody got any answer, over the cell's runs. */
        public static final Field<Long> LONGEST_SILENCE_MILLIS = Field.whole("longestSilenceMillis");
        /** The worst run's probe p99. */
        public static final Field<Long> PROBE_P99_MILLIS_MAX = Field.whole("probeP99MillisMax");
        /** The slowest probe. */
        public static final Field<Long> PROBE_MAX_MILLIS = Field.whole("probeMaxMillis");
        /** Connections refused at the connection limit (421). */
        public static final Field<Long> REFUSED = Field.whole("refused");
        /** Connections that timed out before their final dot. */
        public static final Field<Long> NOT_SERVED = Field.whole("notServed");
    }
}
