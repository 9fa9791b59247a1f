package lab.kb905214.reports.gate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import lab.kb905214.reports.results.HarnessRun;
import lab.kb905214.results.Counters;
import lab.kb905214.results.ExploreCounters;
import lab.kb905214.results.ExploreCounters.Endings;

/**
 * What the gate adds for the schedule explorer's tree ({@code explore-<engine>-single.json}): a tree is a proof only
 * when the search ran out of alternatives with every leaf exercised, and on engine-fixed every leaf must complete
 * with the right replies (a hang is judged like every other fixed run's).
 */
final class ExplorationChecks {

    private ExplorationChecks() {}

    /** Every reason the tree in {@code run} is not the proof it claims to be (empty when it is). */
    static List<String> check(HarnessRun run) {
        List<String> reasons = new ArrayList<>();
        if (!run.counterNode(Counters.EXHAUSTIVE).asBoolean(false)) {
            reasons.add("the tree was not exhausted (the search was cut short or a leaf was not exercised): a partial"
                    + " tree proves nothing about the leaves it did not run");
        }
        JsonNode endings = run.counterNode(ExploreCounters.ENDINGS);
        long notExercised = Endings.NOT_EXERCISED.in(endings).asLong(-1);
        if (notExercised != 0) {
            reasons.add("endings.not-exercised = " + notExercised + ": every leaf must reach its steps");
        }
        long total = 0;
        for (JsonNode count : endings) {
            total += count.asLong();
        }
        if (total != run.explored().orElse(-1)) {
            reasons.add("the endings add up to " + total + " leaves, the file says "
                    + run.explored().orElse(-1));
        }
        long hangs = Endings.LOCK_CYCLE.in(endings).asLong()
                + Endings.WAITER_NEVER_WAKES.in(endings).asLong();
        if (hangs != run.hangs().orElse(-1)) {
            reasons.add("the endings count " + hangs + " hanging leaves, the file says "
                    + run.hangs().orElse(-1));
        }
        // The claim's assumption that no thread holds a monitor at a race window, checked at every step reached.
        JsonNode assumptions = run.counterNode(Counters.ASSUMPTIONS);
        JsonNode monitorsFree = ExploreCounters.Assumptions.NO_MONITOR_AT_ANY_FAILPOINT.in(assumptions);
        if (run.isFixed() && !monitorsFree.asBoolean(false)) {
            reasons.add("engine-fixed: a thread held a monitor at a failpoint (or the check was not recorded): "
                    + ExploreCounters.Assumptions.MONITORS_HELD_AT_FAILPOINTS.in(assumptions));
        }
        if (run.isFixed() && Endings.WRONG_RESULT.in(endings).asLong(-1) != 0) {
            reasons.add("engine-fixed: " + Endings.WRONG_RESULT.in(endings).asLong() + " leaves completed with a wrong"
                    + " reply or stored count");
        }
        // The STALE tree's question for a session past its look (the mutant oracle kills M13 on it): engine-fixed's
        // teardown completes the outcome before teardown.done, so no leaf of its trees may count one. Only a leaf with
        // a next transaction can, so the count is required in the STALE tree's file (older single-tree files lack it).
        JsonNode waitedNode = run.counterNode(ExploreCounters.WAITED_PAST_THE_TEARDOWN);
        long waited = waitedNode.asLong(-1);
        boolean required = waitedNode.isNumber() || run.scenario().equals("stale");
        if (run.isFixed() && required && waited != 0) {
            reasons.add("engine-fixed: counters.waitedPastTheTeardown = "
                    + (waited < 0 ? "missing" : waited)
                    + ": a session past its look must have its answer once the RSET's teardown has returned");
        }
        return reasons;
    }
}
