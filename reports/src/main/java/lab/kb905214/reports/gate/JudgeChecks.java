package lab.kb905214.reports.gate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import lab.kb905214.reports.results.HarnessRun;

/**
 * What the gate adds to the generic checks for the judge's calibration files ({@code judge-<engine>-calibration.json}).
 */
public final class JudgeChecks {
    /** The harness name of the calibration files. */
    public static final String HARNESS = "judge";

    private JudgeChecks() {}

    /**
     * What the gate adds for a calibration file: the counts hold together, and on engine-buggy a cell with no
     * aborting client shows no lock cycle (H1 needs the teardown path: a cycle there means the judge or the model is
     * wrong). engine-fixed's hangs are judged like every other fixed run's.
     */
    static List<String> check(HarnessRun run) {
        List<String> reasons = new ArrayList<>();
        JsonNode cells = run.counters().path("cells");
        if (!cells.isArray() || cells.isEmpty()) {
            reasons.add("counters.cells is missing or empty: the calibration recorded no condition");
            return reasons;
        }
        long runs = 0;
        long hangs = 0;
        for (JsonNode row : cells) {
            runs += row.path("n").asLong();
            hangs += row.path("hangs").asLong();
            long kinds = row.path("lockCycles").asLong() + row.path("stuckSessions").asLong()
                    + row.path("stoppedServers").asLong();
            if (kinds != row.path("hangs").asLong()) {
                reasons.add("cell " + row.path("cell").asText() + ": " + row.path("hangs").asLong()
                        + " hangs but " + kinds + " proofs by kind: every hang must carry one proof");
            }
            if (run.isFixed() && row.path("assumptionsNotHeld").asLong(-1) != 0) {
                // Under overload too, the fix's threads must keep one lock order and wait only in their queues.
                reasons.add("cell " + row.path("cell").asText() + ": the assumption audit (lock order, service"
                        + " threads' waits) did not hold in " + (row.has("assumptionsNotHeld")
                                ? row.path("assumptionsNotHeld").asLong() + " run(s)" : "any recorded run (missing)"));
            }
            if (run.isBuggy() && row.path("abortRate").asDouble() == 0 && row.path("lockCycles").asLong() > 0) {
                reasons.add("cell " + row.path("cell").asText() + ": a lock cycle without aborting clients; H1 needs"
                        + " the teardown path, so the judge or the race model is wrong");
            }
        }
        if (runs != run.explored().orElse(-1) || hangs != run.hangs().orElse(-1)) {
            reasons.add("the cells add up to " + runs + " runs and " + hangs + " hangs, the file says "
                    + run.explored().orElse(-1) + " and " + run.hangs().orElse(-1));
        }
        return reasons;
    }

}
