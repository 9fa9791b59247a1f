package lab.kb905214.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * What the gate adds for SPIN's runs of the Promela models ({@code spin-<engine>-<scenario>.json}): the numbers must
 * be pan's own, engine-fixed's search must have completed with no error, and engine-buggy's trails must end the way
 * the scenario says: H1 in a lock cycle, H2 with a waiter parked for good.
 */
final class SpinChecks {
    static final String HARNESS = "spin";

    private SpinChecks() {}

    /** Every reason the SPIN run in {@code run} is not the evidence it claims to be (empty when it is). */
    static List<String> check(HarnessRun run) {
        List<String> reasons = new ArrayList<>();
        if (!"states".equals(run.unit())) {
            reasons.add("unit must be 'states' (pan's states stored), found '" + run.unit() + "'");
        }
        OptionalLong stored = run.counter("statesStored");
        if (stored.isEmpty() || stored.getAsLong() != run.explored().orElse(-1)) {
            reasons.add("explored = " + run.explored().orElse(-1) + " is not pan's states stored (counters.statesStored"
                    + " = " + (stored.isPresent() ? stored.getAsLong() : "missing") + ")");
        }
        OptionalLong errors = run.counter("errors");
        if (errors.isEmpty() || errors.getAsLong() != run.hangs().orElse(-1)) {
            reasons.add("hangs = " + run.hangs().orElse(-1) + " is not pan's error count (counters.errors = "
                    + (errors.isPresent() ? errors.getAsLong() : "missing") + ")");
        }
        JsonNode exhaustive = run.counters().get("exhaustive");
        if (exhaustive == null || !exhaustive.isBoolean()) {
            reasons.add("counters.exhaustive (true/false) is missing: cannot tell whether pan's search completed");
        } else if (run.isFixed() && !exhaustive.asBoolean()) {
            reasons.add("SPIN's search of engine-fixed's model did not complete (" + run.counterStrings("truncatedBy")
                    + "): a partial search proves nothing about the states it did not reach");
        }
        long lockCycles = run.counter("lockCycles").orElse(-1);
        long neverWoken = run.counter("waitersNeverWoken").orElse(-1);
        long other = run.counter("otherErrors").orElse(-1);
        long replayed = run.counter("trailsReplayed").orElse(-1);
        if (lockCycles < 0 || neverWoken < 0 || other < 0 || replayed < 0) {
            reasons.add("counters.lockCycles, waitersNeverWoken, otherErrors or trailsReplayed is missing");
        } else if (lockCycles + neverWoken + other != replayed || replayed > run.hangs().orElse(0)) {
            reasons.add("trail kinds (" + lockCycles + " lock cycles + " + neverWoken + " waiters never woken + " + other
                    + " other) do not add up to the " + replayed + " trails replayed, or exceed the "
                    + run.hangs().orElse(0) + " errors");
        }
        if (run.isFixed() && errors.orElse(0) > 0) {
            reasons.add("SPIN found " + errors.getAsLong() + " error(s) in engine-fixed's model: " + firstLine(run));
        }
        if (run.isBuggy() && run.hangs().orElse(0) > 0) {
            if ("H1".equals(run.scenario()) && lockCycles < 1) {
                reasons.add("no trail of engine-buggy's model ends in a lock cycle: SPIN did not show H1");
            }
            if ("H2".equals(run.scenario()) && neverWoken < 1) {
                reasons.add("no trail of engine-buggy's model ends with a waiter parked for good: SPIN did not show H2");
            }
        }
        return reasons;
    }

    private static String firstLine(HarnessRun run) {
        return run.evidence().lines().skip(2).findFirst().orElse("(no trail)");
    }
}
