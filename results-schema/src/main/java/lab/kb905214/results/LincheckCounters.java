package lab.kb905214.results;

/**
 * The counters of {@code lincheck-<engine>-<scenario>.json}, besides {@link Counters#BUDGET},
 * {@link Counters#EXHAUSTIVE}, {@link Counters#EXHAUSTIVE_WHY} and {@link Counters#FAILURE}.
 */
public final class LincheckCounters {
    private LincheckCounters() {}

    /** Lincheck's iterations (scenarios generated per run). */
    public static final Field<Long> ITERATIONS = Field.whole("iterations");
    /** Invocations (interleavings) per iteration. */
    public static final Field<Long> INVOCATIONS_PER_ITERATION = Field.whole("invocationsPerIteration");
    /** Invocations in which the coordinator's failpoints were armed (must be none: they would pause threads). */
    public static final Field<Long> INVOCATIONS_WITH_FAILPOINTS_ARMED = Field.whole("invocationsWithFailpointsArmed");
    /** Scenarios of a series that failed. */
    public static final Field<Long> FAILED_SCENARIOS = Field.whole("failedScenarios");
}
