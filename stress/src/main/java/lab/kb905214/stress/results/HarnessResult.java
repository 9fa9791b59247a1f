package lab.kb905214.stress.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import lab.kb905214.results.Counters;
import lab.kb905214.results.Engine;
import lab.kb905214.results.Field;
import lab.kb905214.results.Fields;
import lab.kb905214.results.Harness;
import lab.kb905214.results.ResultFields;

/**
 * One harness run on one engine, as written to {@code stress/target/lab-results/<harness>-<engine>-<scenario>.json}.
 * Every number is what the run observed; the report and the gate read only these files, through the same field
 * names ({@link ResultFields}; the counters' in results-schema's {@code *Counters} classes).
 *
 * @param harness which harness ran
 * @param engine the engine the harness ran on
 * @param scenario H1 | H2 | another scenario name
 * @param explored how much was explored, in {@code unit}
 * @param unit schedules | invocations | samples | transactions
 * @param hangs how many explored units hung (a deadlock, or a waiter that never woke)
 * @param lostVerdicts verdicts that existed but never reached their waiter (bounded waits), hangs to the gate;
 *     null only when {@code notObserved} says why the harness cannot count them
 * @param firstHangAt the index (from 1) of the first unit that hung, or null
 * @param seconds wall time of the run
 * @param evidence the cycle text, trace or path to a hang report
 * @param failpointsArmed whether failpoints paused threads (false: the hang came from the code alone); null only when
 *     {@code notObserved} says why the harness cannot read them
 * @param failpointsHit the failpoint steps reached, in first-arrival order
 * @param counters the harness's own figures beside {@code explored}, put through their results-schema fields
 * @param provenance run id, commit, JDK, cores, start time
 * @param notObserved for each field above the harness cannot observe, why (written instead of a made-up value)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record HarnessResult(
        Harness harness,
        Engine engine,
        String scenario,
        long explored,
        String unit,
        long hangs,
        Long lostVerdicts,
        Long firstHangAt,
        double seconds,
        String evidence,
        Boolean failpointsArmed,
        List<String> failpointsHit,
        Fields counters,
        Provenance provenance,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> notObserved) {

    /** Checks that every field left null is one the harness says it cannot observe, and why. */
    public HarnessResult {
        notObserved = Map.copyOf(notObserved);
        requireObservedOrExplained(ResultFields.LOST_VERDICTS, lostVerdicts, notObserved);
        requireObservedOrExplained(ResultFields.FAILPOINTS_ARMED, failpointsArmed, notObserved);
    }

    /** A result in which every field was observed. */
    public HarnessResult(
            Harness harness,
            Engine engine,
            String scenario,
            long explored,
            String unit,
            long hangs,
            long lostVerdicts,
            Long firstHangAt,
            double seconds,
            String evidence,
            boolean failpointsArmed,
            List<String> failpointsHit,
            Fields counters,
            Provenance provenance) {
        this(
                harness,
                engine,
                scenario,
                explored,
                unit,
                hangs,
                (Long) lostVerdicts,
                firstHangAt,
                seconds,
                evidence,
                (Boolean) failpointsArmed,
                failpointsHit,
                counters,
                provenance,
                Map.of());
    }

    private static void requireObservedOrExplained(Field<?> field, Object value, Map<String, String> notObserved) {
        String reason = notObserved.get(field.name());
        if (value == null && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException(field + " is null, and notObserved does not say why");
        }
        if (value != null && reason != null) {
            throw new IllegalArgumentException(field + " is both observed (" + value + ") and not observed: " + reason);
        }
    }

    /**
     * Whether the run explored every interleaving of its scenario (Lincheck's model checker ran out of them before
     * the budget), written at the top level of the file; absent for harnesses that cannot know.
     */
    @JsonProperty("exhaustive")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Boolean exhaustive() {
        return (counters != null && counters.get(Counters.EXHAUSTIVE) instanceof Boolean b) ? b : null;
    }
}
