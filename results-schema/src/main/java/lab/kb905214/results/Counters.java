package lab.kb905214.results;

import java.util.List;

/** Counters that several harnesses write with one meaning; each harness's own are in its {@code *Counters} class. */
public final class Counters {
    private Counters() {}

    /** What kept the harness from running at all (absent or null when it ran). */
    public static final Field<String> HARNESS_ERROR = Field.text("harnessError");
    /** The budget the run was given: an object (schedule, load) or a sentence (JCStress). */
    public static final Field<Object> PLAN = Field.tree("plan");
    /** The invocations or seconds the run was allowed. */
    public static final Field<Long> BUDGET = Field.whole("budget");
    /** Whether the run explored every interleaving of its scenario, as the tool itself reported. */
    public static final Field<Boolean> EXHAUSTIVE = Field.flag("exhaustive");
    /** Why {@link #EXHAUSTIVE} is what it is, in the tool's words. */
    public static final Field<String> EXHAUSTIVE_WHY = Field.text("exhaustiveWhy");
    /** How the run failed ("none" when it passed). */
    public static final Field<String> FAILURE = Field.text("failure");
    /** The assumption audit of the claim: see {@link AuditCounters} (load) and {@link ExploreCounters.Assumptions}. */
    public static final Field<Object> ASSUMPTIONS = Field.tree("assumptions");
    /** One entry per run (or scenario) the file pools. */
    public static final Field<Object> RUNS = Field.tree("runs");
    /** Hangs found over the samples that could show one: see {@link DetectionRate}. */
    public static final Field<Object> DETECTION_RATE = Field.tree("detectionRate");
    /** The methods the threads of a lock cycle were blocked in (schedule, load). */
    public static final Field<List<String>> CYCLE_METHODS = Field.texts("cycleMethods");
    /** The classes of the locks in a lock cycle (schedule, load). */
    public static final Field<List<String>> LOCK_CLASSES = Field.texts("lockClasses");
    /** Messages the Maildir holds at the end (schedule, load). */
    public static final Field<Long> MESSAGES_STORED = Field.whole("messagesStored");
    /** Schedules whose order was never reached, so they showed nothing (schedule, mutants). */
    public static final Field<Long> NOT_EXERCISED = Field.whole("notExercised");
    /** Each failpoint reached while the thread held a monitor, as "step: monitors" (schedule). */
    public static final Field<Object> MONITORS_HELD_AT_FAILPOINTS = Field.tree("monitorsHeldAtFailpoints");
    /** Fresh probe transactions that got no answer (schedule; load writes it under its saturation). */
    public static final Field<Long> PROBES_UNANSWERED = Field.whole("probesUnanswered");

    /** The fields of {@link #DETECTION_RATE}. */
    public static final class DetectionRate {
        private DetectionRate() {}

        /** Samples that showed a hang. */
        public static final Field<Long> FOUND = Field.whole("found");
        /** Samples that could have. */
        public static final Field<Long> SAMPLES = Field.whole("samples");
    }
}
