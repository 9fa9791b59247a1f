package lab.kb905214.reports.gate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import lab.kb905214.reports.results.HarnessRun;
import lab.kb905214.results.JudgeCounters;
import lab.kb905214.results.JudgeCounters.Cell;

/**
 * What the gate adds to the generic checks for the judge's calibration files ({@code judge-<engine>-calibration.json}).
 */
public final class JudgeChecks {

    private JudgeChecks() {}

    /**
     * What the gate adds for a calibration file: the counts hold together, and on engine-buggy a cell with no
     * aborting client shows no lock cycle (H1 needs the teardown path: a cycle there means the judge or the model is
     * wrong). engine-fixed's hangs are judged like every other fixed run's.
     */
    static List<String> check(HarnessRun run) {
        List<String> reasons = new ArrayList<>();
        JsonNode cells = run.counterNode(JudgeCounters.CELLS);
        if (!cells.isArray() || cells.isEmpty()) {
            reasons.add("counters.cells is missing or empty: the calibration recorded no condition");
            return reasons;
        }
        long runs = 0;
        long hangs = 0;
        for (JsonNode row : cells) {
            runs += Cell.N.in(row).asLong();
            hangs += Cell.HANGS.in(row).asLong();
            long kinds = Cell.LOCK_CYCLES.in(row).asLong()
                    + Cell.STUCK_SESSIONS.in(row).asLong()
                    + Cell.STOPPED_SERVERS.in(row).asLong();
            if (kinds != Cell.HANGS.in(row).asLong()) {
                reasons.add("cell " + Cell.CELL.in(row).asText() + ": "
                        + Cell.HANGS.in(row).asLong() + " hangs but " + kinds
                        + " proofs by kind: every hang must carry one proof");
            }
            if (run.isFixed() && Cell.ASSUMPTIONS_NOT_HELD.in(row).asLong(-1) != 0) {
                // Under overload too, the fix's threads must keep one lock order and wait only in their queues.
                reasons.add("cell " + Cell.CELL.in(row).asText() + ": the assumption audit (lock order, service"
                        + " threads' waits) did not hold in "
                        + (Cell.ASSUMPTIONS_NOT_HELD.isIn(row)
                                ? Cell.ASSUMPTIONS_NOT_HELD.in(row).asLong() + " run(s)"
                                : "any recorded run (missing)"));
            }
            reasons.addAll(runsAsPlanned(row));
            if (run.isBuggy()
                    && Cell.ABORT_RATE.in(row).asDouble() == 0
                    && Cell.LOCK_CYCLES.in(row).asLong() > 0) {
                reasons.add("cell " + Cell.CELL.in(row).asText() + ": a lock cycle without aborting clients; H1 needs"
                        + " the teardown path, so the judge or the race model is wrong");
            }
        }
        if (runs != run.explored().orElse(-1) || hangs != run.hangs().orElse(-1)) {
            reasons.add("the cells add up to " + runs + " runs and " + hangs + " hangs, the file says "
                    + run.explored().orElse(-1) + " and " + run.hangs().orElse(-1));
        }
        return reasons;
    }

    /**
     * A cell made every run it planned, or stopped at its first proven hang (then it made no run after that hang, and
     * wrote no detection rate: a sequential stop biases hangs / runs).
     */
    private static List<String> runsAsPlanned(JsonNode row) {
        String cell = "cell " + Cell.CELL.in(row).asText() + ": ";
        long n = Cell.N.in(row).asLong();
        long hangs = Cell.HANGS.in(row).asLong();
        long planned = Cell.RUNS_PLANNED.in(row).asLong(-1);
        if (!Cell.UNTIL_FIRST_HANG.in(row).asBoolean(false)) {
            return n == planned ? List.of() : List.of(cell + n + " runs made of the " + planned + " planned");
        }
        List<String> reasons = new ArrayList<>();
        if (hangs > 1 || n > planned || (hangs == 0 && n != planned)) {
            reasons.add(cell + n + " runs of " + planned + " planned with " + hangs + " hang(s): a cell stopped at its"
                    + " first hang makes every planned run until one hangs, and none after");
        }
        if (!Cell.DETECTION.in(row).isNull() || !Cell.DETECTION_LOWER_95.in(row).isNull()) {
            reasons.add(cell + "a cell stopped at its first hang writes no detection rate (the stop biases it)");
        }
        return reasons;
    }
}
