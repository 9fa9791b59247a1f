package lab.kb905214.results;

import java.util.List;

/** The top-level fields of every results file (stress's {@code HarnessResult} writes exactly these). */
public final class ResultFields {
    private ResultFields() {}

    /** Which harness ran ({@link Harness#id()}). */
    public static final Field<String> HARNESS = Field.text("harness");
    /** On which engine: an {@link Engine}'s name (buggy, fixed, control, or {@code mutant-M<n>}). */
    public static final Field<String> ENGINE = Field.text("engine");
    /** The scenario: H1, H2, or another name. */
    public static final Field<String> SCENARIO = Field.text("scenario");
    /** How much the run explored, in {@link #UNIT}. */
    public static final Field<Long> EXPLORED = Field.whole("explored");
    /** What {@link #EXPLORED} counts: schedules, leaves, invocations, states, samples, transactions, runs. */
    public static final Field<String> UNIT = Field.text("unit");
    /** How many explored units hung, each with a proof. */
    public static final Field<Long> HANGS = Field.whole("hangs");
    /** Verdicts posted that never reached their waiter (null only with a reason in {@link #NOT_OBSERVED}). */
    public static final Field<Long> LOST_VERDICTS = Field.whole("lostVerdicts");
    /** The index, from 1, of the first unit that hung, or null. */
    public static final Field<Long> FIRST_HANG_AT = Field.whole("firstHangAt");
    /** Wall time of the run. */
    public static final Field<Double> SECONDS = Field.decimal("seconds");
    /** The proof or trace, as text. */
    public static final Field<String> EVIDENCE = Field.text("evidence");
    /** Whether failpoints paused threads (null only with a reason in {@link #NOT_OBSERVED}). */
    public static final Field<Boolean> FAILPOINTS_ARMED = Field.flag("failpointsArmed");
    /** The failpoint steps reached, in first-arrival order. */
    public static final Field<List<String>> FAILPOINTS_HIT = Field.texts("failpointsHit");
    /** The harness's own figures: see the {@code *Counters} classes. */
    public static final Field<Object> COUNTERS = Field.tree("counters");
    /** Where the run came from: see {@link ProvenanceFields}. */
    public static final Field<Object> PROVENANCE = Field.tree("provenance");
    /** For each field above the harness cannot observe, why. */
    public static final Field<Object> NOT_OBSERVED = Field.tree("notObserved");
    /** Whether the run explored every interleaving of its scenario (copied from the counters; absent when unknown). */
    public static final Field<Boolean> EXHAUSTIVE = Field.flag("exhaustive");

    /** Every top-level field, in the order the files write them. */
    public static final List<Field<?>> ALL = List.of(
            HARNESS,
            ENGINE,
            SCENARIO,
            EXPLORED,
            UNIT,
            HANGS,
            LOST_VERDICTS,
            FIRST_HANG_AT,
            SECONDS,
            EVIDENCE,
            FAILPOINTS_ARMED,
            FAILPOINTS_HIT,
            COUNTERS,
            PROVENANCE,
            NOT_OBSERVED,
            EXHAUSTIVE);
}
