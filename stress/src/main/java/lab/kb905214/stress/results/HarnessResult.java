package lab.kb905214.stress.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One harness run on one engine, as written to {@code stress/target/lab-results/<harness>-<engine>-<scenario>.json}.
 * Every number is what the run observed; the report and the gate read only these files.
 *
 * @param harness schedule | lincheck | jcstress | load
 * @param engine buggy | fixed
 * @param scenario H1 | H2 | another scenario name
 * @param explored how much was explored, in {@code unit}
 * @param unit schedules | invocations | samples | transactions
 * @param hangs how many explored units hung (a deadlock, or a waiter that never woke)
 * @param lostVerdicts verdicts that existed but never reached their waiter (bounded waits); the gate counts them as hangs;
 *     null only when {@code notObserved} says why the harness cannot count them
 * @param firstHangAt the index (from 1) of the first unit that hung, or null
 * @param seconds wall time of the run
 * @param evidence the cycle text, trace or path to a hang report
 * @param failpointsArmed whether failpoints paused threads (false: the hang came from the code alone); null only when
 *     {@code notObserved} says why the harness cannot read them
 * @param failpointsHit the failpoint steps reached, in first-arrival order
 * @param counters independent counters beside {@code explored} (DNS queries answered, messages stored, ...)
 * @param provenance run id, commit, JDK, cores, start time
 * @param notObserved for each field above the harness cannot observe, why (written instead of a made-up value)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record HarnessResult(
        String harness,
        String engine,
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
        Map<String, Object> counters,
        Provenance provenance,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> notObserved) {

    /** Checks that every field left null is one the harness says it cannot observe, and why. */
    public HarnessResult {
        notObserved = Map.copyOf(notObserved);
        requireObservedOrExplained("lostVerdicts", lostVerdicts, notObserved);
        requireObservedOrExplained("failpointsArmed", failpointsArmed, notObserved);
    }

    /** A result in which every field was observed. */
    public HarnessResult(String harness, String engine, String scenario, long explored, String unit, long hangs,
            long lostVerdicts, Long firstHangAt, double seconds, String evidence, boolean failpointsArmed,
            List<String> failpointsHit, Map<String, Object> counters, Provenance provenance) {
        this(harness, engine, scenario, explored, unit, hangs, (Long) lostVerdicts, firstHangAt, seconds, evidence,
                (Boolean) failpointsArmed, failpointsHit, counters, provenance, Map.of());
    }

    private static void requireObservedOrExplained(String field, Object value, Map<String, String> notObserved) {
        String reason = notObserved.get(field);
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
        return counters != null && counters.get("exhaustive") instanceof Boolean b ? b : null;
    }
}
