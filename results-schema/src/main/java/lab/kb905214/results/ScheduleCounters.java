package lab.kb905214.results;

/** The counters of {@code schedule-<engine>-<scenario>.json}, besides the shared ones in {@link Counters}. */
public final class ScheduleCounters {
    private ScheduleCounters() {}

    /** Racy schedules that ended in a lock cycle. */
    public static final Field<Long> DEADLOCK_CYCLES = Field.whole("deadlockCycles");
    /** Racy schedules that ended with a session waiting for good. */
    public static final Field<Long> STUCK_WAITER_RUNS = Field.whole("stuckWaiterRuns");
    /** The benign control schedules run (no race window crossed). */
    public static final Field<Long> BENIGN_RUNS = Field.whole("benignRuns");
    /** Benign control schedules that hung (must be none). */
    public static final Field<Long> BENIGN_HANGS = Field.whole("benignHangs");

    /** The fields of the schedule's {@link Counters#PLAN}. */
    public static final class Plan {
        private Plan() {}

        /** Racy schedules asked for. */
        public static final Field<Long> REPETITIONS = Field.whole("repetitions");
    }
}
