package lab.kb905214.reports.gate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Collectors;
import lab.kb905214.reports.results.HarnessRun;
import lab.kb905214.reports.results.LabResults;
import lab.kb905214.reports.results.RunKey;
import lab.kb905214.results.Counters;
import lab.kb905214.results.ExploreCounters;
import lab.kb905214.results.Field;
import lab.kb905214.results.Harness;
import lab.kb905214.results.SpinCounters;
import lab.kb905214.results.SpinCounters.FailpointLeaves;
import lab.kb905214.results.SpinCounters.SessionCoupling;
import lab.kb905214.results.SpinCounters.TrailReplay;

/**
 * What the gate adds for SPIN's runs of the Promela models ({@code spin-<engine>-<scenario>.json}): the numbers must
 * be pan's own, engine-fixed's search must have completed with no error, and engine-buggy's trails must end the way
 * the scenario says: H1 in a lock cycle, H2 with a waiter parked for good. The ties to the real engine: every trail of
 * a run of one transaction per session replayed on it, each run exactly and ending alike, and a safety run's leaves
 * of the explorer's tree, as SPIN counts them, the explorer's own.
 */
final class SpinChecks {

    private SpinChecks() {}

    /** Every reason the SPIN run in {@code run} is not the evidence it claims to be (empty when it is). */
    static List<String> check(HarnessRun run) {
        List<String> reasons = new ArrayList<>();
        if (!"states".equals(run.unit())) {
            reasons.add("unit must be 'states' (pan's states stored), found '" + run.unit() + "'");
        }
        OptionalLong stored = run.counter(SpinCounters.STATES_STORED);
        if (stored.isEmpty() || stored.getAsLong() != run.explored().orElse(-1)) {
            reasons.add("explored = " + run.explored().orElse(-1) + " is not pan's states stored (counters.statesStored"
                    + " = " + (stored.isPresent() ? stored.getAsLong() : "missing") + ")");
        }
        OptionalLong errors = run.counter(SpinCounters.ERRORS);
        if (errors.isEmpty() || errors.getAsLong() != run.hangs().orElse(-1)) {
            reasons.add("hangs = " + run.hangs().orElse(-1) + " is not pan's error count (counters.errors = "
                    + (errors.isPresent() ? errors.getAsLong() : "missing") + ")");
        }
        JsonNode exhaustive = run.counterNode(Counters.EXHAUSTIVE);
        if (!exhaustive.isBoolean()) {
            reasons.add("counters.exhaustive (true/false) is missing: cannot tell whether pan's search completed");
        } else if (run.isFixed() && !exhaustive.asBoolean()) {
            reasons.add("SPIN's search of engine-fixed's model did not complete ("
                    + run.counterStrings(SpinCounters.TRUNCATED_BY)
                    + "): a partial search proves nothing about the states it did not reach");
        }
        long lockCycles = run.counter(SpinCounters.LOCK_CYCLES).orElse(-1);
        long neverWoken = run.counter(SpinCounters.WAITERS_NEVER_WOKEN).orElse(-1);
        long other = run.counter(SpinCounters.OTHER_ERRORS).orElse(-1);
        long replayed = run.counter(SpinCounters.TRAILS_REPLAYED).orElse(-1);
        if (lockCycles < 0 || neverWoken < 0 || other < 0 || replayed < 0) {
            reasons.add("counters.lockCycles, waitersNeverWoken, otherErrors or trailsReplayed is missing");
        } else if (lockCycles + neverWoken + other != replayed
                || replayed > run.hangs().orElse(0)) {
            reasons.add(
                    "trail kinds (" + lockCycles + " lock cycles + " + neverWoken + " waiters never woken + " + other
                            + " other) do not add up to the " + replayed + " trails replayed, or exceed the "
                            + run.hangs().orElse(0) + " errors");
        }
        reasons.addAll(trailReplays(run, replayed));
        reasons.addAll(sessionCoupling(run));
        if ("H1".equals(run.scenario())) {
            reasons.addAll(leaves(run));
        }
        if (run.isFixed() && errors.orElse(0) > 0) {
            reasons.add("SPIN found " + errors.getAsLong() + " error(s) in engine-fixed's model: " + firstLine(run));
        }
        if (run.isBuggy() && run.hangs().orElse(0) > 0) {
            if ("H1".equals(run.scenario()) && lockCycles < 1) {
                reasons.add("no trail of engine-buggy's model ends in a lock cycle: SPIN did not show H1");
            }
            if ("H2".equals(run.scenario()) && neverWoken < 1) {
                reasons.add(
                        "no trail of engine-buggy's model ends with a waiter parked for good: SPIN did not show H2");
            }
        }
        return reasons;
    }

    /**
     * Every trail of a run of one transaction per session (1x1, 2x1, ...) must have been replayed on the real engine,
     * run there exactly (the trail's order, each client's moves in their places; else the run says nothing about SPIN's
     * ending) and ended there as SPIN's trail does. Runs of two transactions per session say why they were not
     * replayed.
     */
    static List<String> trailReplays(HarnessRun run, long trailsReplayed) {
        List<String> reasons = new ArrayList<>();
        JsonNode rows = run.counterNode(SpinCounters.TRAIL_REPLAYS);
        if (!rows.isArray()) {
            return List.of("counters.trailReplays is missing: SPIN's trails were not replayed on the engine");
        }
        JsonNode notReplayable = run.counterNode(SpinCounters.NOT_REPLAYABLE);
        boolean oneTransactionEach =
                run.counter(SpinCounters.TRANSACTIONS_PER_SESSION).orElse(-1) == 1;
        if (notReplayable.isTextual()) {
            if (oneTransactionEach) {
                reasons.add(
                        "a run of one transaction per session must have its trails replayed on the engine, but it says: "
                                + notReplayable.asText());
            }
        } else if (rows.size() != trailsReplayed) {
            reasons.add(rows.size() + " trail(s) replayed on the engine of the " + trailsReplayed + " SPIN wrote"
                    + (oneTransactionEach ? "" : ", and no notReplayable reason"));
        }
        long agreeing = 0;
        for (JsonNode row : rows) {
            // agreement recomputed from what was recorded, not taken from the flag
            String order = TrailReplay.ORDER.in(row).asText("?");
            String engineEnding = TrailReplay.ENGINE_ENDING.in(row).asText();
            String spinKind = TrailReplay.SPIN_KIND.in(row).asText();
            String trail = TrailReplay.TRAIL.in(row).asText("?");
            boolean exact =
                    order.equals(TrailReplay.ENGINE_ORDER.in(row).asText("!")) && !"NOT_EXERCISED".equals(engineEnding);
            boolean sameEnding = engineEnding(spinKind).equals(engineEnding);
            if (exact != TrailReplay.EXACT.in(row).asBoolean(!exact)
                    || (exact && sameEnding) != TrailReplay.AGREE.in(row).asBoolean()) {
                reasons.add("trail " + trail + ": its exact/agree flags do not match its orders and endings");
            }
            if (exact && !sameEnding) {
                reasons.add("trail " + trail + " (" + order + "): the engine ran exactly this order and ended "
                        + engineEnding + ", SPIN's trail ends " + spinKind);
            }
            if (!exact && oneTransactionEach) {
                reasons.add("trail " + trail + " (" + order + "): the engine did not run it exactly ("
                        + TrailReplay.ENGINE_ORDER.in(row).asText("no order") + ", " + engineEnding
                        + "), so it says nothing about SPIN's ending");
            }
            agreeing += exact && sameEnding ? 1 : 0;
        }
        JsonNode trailsAgreeing = run.counterNode(SpinCounters.TRAILS_AGREEING);
        if (trailsAgreeing.asLong(-1) != agreeing) {
            reasons.add("counters.trailsAgreeing = " + trailsAgreeing.asText("missing") + ", but " + agreeing
                    + " replayed trail(s) agree");
        }
        return reasons;
    }

    /**
     * engine-fixed's searches stand for any number of sessions only while its model's sessions share nothing but the
     * completion thread (the README's "Why two sessions stand for three"): every run must say what they share, and
     * engine-fixed's model must share no global but a ghost, and reach no other session's state.
     */
    static List<String> sessionCoupling(HarnessRun run) {
        JsonNode coupling = run.counterNode(SpinCounters.SESSION_COUPLING);
        if (!coupling.isObject()) {
            return List.of("counters.sessionCoupling is missing: what the model's sessions share was not read");
        }
        List<String> shared = HarnessRun.strings(coupling, SessionCoupling.SHARED_GLOBALS);
        List<String> foreign = HarnessRun.strings(coupling, SessionCoupling.FOREIGN_ACCESSES);
        if (run.isFixed() && (!shared.isEmpty() || !foreign.isEmpty())) {
            return List.of("engine-fixed's model couples its sessions (shared globals " + shared
                    + ", accesses that may reach another session " + foreign + "): its searches stand only for the"
                    + " sessions they had");
        }
        return List.of();
    }

    /** The explorer's ending that stands for a SPIN trail's kind (none for OTHER). */
    private static String engineEnding(String spinKind) {
        return switch (spinKind) {
            case "LOCK_CYCLE" -> "LOCK_CYCLE";
            case "WAITER_NEVER_WOKEN" -> "WAITER_NEVER_WAKES";
            default -> "(none)";
        };
    }

    /** The explorer's trees (results scenario) and the counters holding SPIN's enumeration of each. */
    private static final List<Map.Entry<String, Field<Object>>> TREES = List.of(
            Map.entry("single", SpinCounters.FAILPOINT_LEAVES),
            Map.entry("client-moves", SpinCounters.FAILPOINT_LEAVES_CLIENT_MOVES),
            Map.entry("stale", SpinCounters.FAILPOINT_LEAVES_STALE));

    /** A safety run's enumerations of the explorer's leaves, one per tree, must be complete and add up. */
    static List<String> leaves(HarnessRun run) {
        List<String> reasons = new ArrayList<>();
        TREES.forEach(tree -> reasons.addAll(leaves(run, tree.getValue())));
        return reasons;
    }

    private static List<String> leaves(HarnessRun run, Field<Object> field) {
        JsonNode leaves = run.counterNode(field);
        if (!leaves.isObject()) {
            return List.of("counters." + field.name() + " is missing: SPIN did not count the explorer's leaves");
        }
        List<String> reasons = new ArrayList<>();
        if (!FailpointLeaves.SEARCH_COMPLETED.in(leaves).asBoolean(false)) {
            reasons.add("SPIN's enumeration of the explorer's leaves did not complete: its count proves nothing");
        }
        JsonNode orders = FailpointLeaves.ORDERS.in(leaves);
        if (FailpointLeaves.LEAVES.in(leaves).asLong(-1) != orders.size()) {
            reasons.add("failpointLeaves.leaves = "
                    + FailpointLeaves.LEAVES.in(leaves).asText("missing") + ", but " + orders.size()
                    + " orders are listed");
        }
        JsonNode several = FailpointLeaves.ORDERS_WITH_SEVERAL_ENDINGS.in(leaves);
        if (!several.isEmpty()) {
            reasons.add("orders that SPIN ends in more than one way: " + several);
        }
        return reasons;
    }

    /**
     * SPIN's leaves of the failpoint-granularity model and the explorer's leaves of the real engine, for the same
     * engine and tree, must be one set: the same orders, each with the same ending (only a safety run counts them).
     * The single tree is in every build; the trees with the client's moves and with two transactions (STALE) are
     * compared wherever the explorer ran them ({@link ExpectedRuns} requires them under {@code -Pstress}).
     */
    static List<String> sameLeavesAsTheExplorer(HarnessRun run, LabResults results) {
        if (!run.is(Harness.SPIN) || !"H1".equals(run.scenario())) {
            return List.of();
        }
        List<String> reasons = new ArrayList<>();
        for (Map.Entry<String, Field<Object>> entry : TREES) {
            // The SPIN file's own engine, as it wrote it.
            RunKey treeKey = new RunKey(Harness.EXPLORE.id(), run.engine(), entry.getKey());
            Optional<HarnessRun> tree = results.find(treeKey);
            JsonNode spinLeaves = run.counterNode(entry.getValue());
            if (!spinLeaves.isObject()) {
                continue; // leaves() says so
            }
            if (tree.isPresent()) {
                reasons.addAll(sameLeaves(spinLeaves, tree.get(), treeKey));
            } else if (entry.getKey().equals("single")) {
                reasons.add("no " + treeKey.fileName() + " to compare SPIN's leaves with");
            }
        }
        return reasons;
    }

    private static List<String> sameLeaves(JsonNode spinLeaves, HarnessRun tree, RunKey treeKey) {
        JsonNode spinOrders = FailpointLeaves.ORDERS.in(spinLeaves);
        Map<String, String> spin = endingsByOrder(spinOrders, SpinCounters.Order.ORDER, SpinCounters.Order.ENDING);
        Map<String, String> explorer = endingsByOrder(
                tree.counterNode(ExploreCounters.LEAVES), ExploreCounters.Leaf.ORDER, ExploreCounters.Leaf.ENDING);
        List<String> reasons = new ArrayList<>();
        Map<String, Long> spinCounts = countByEnding(spin);
        Map<String, Long> explorerCounts = countByEnding(explorer);
        if (spin.size() != explorer.size() || !spinCounts.equals(explorerCounts)) {
            reasons.add("SPIN counts " + spin.size() + " leaves " + spinCounts + ", the explorer " + explorer.size()
                    + " " + explorerCounts + " (" + treeKey.fileName() + ")");
        }
        List<String> differences = new ArrayList<>();
        spin.forEach((order, ending) -> {
            if (!ending.equals(explorer.get(order))) {
                differences.add(order + ": SPIN " + ending + ", explorer " + explorer.getOrDefault(order, "no leaf"));
            }
        });
        explorer.forEach((order, ending) -> {
            if (!spin.containsKey(order)) {
                differences.add(order + ": explorer " + ending + ", SPIN no leaf");
            }
        });
        if (!differences.isEmpty()) {
            reasons.add(differences.size() + " leaf/leaves differ between SPIN and the explorer (" + treeKey.fileName()
                    + "), e.g. " + differences.subList(0, Math.min(3, differences.size())));
        }
        return reasons;
    }

    private static Map<String, String> endingsByOrder(JsonNode rows, Field<String> order, Field<String> ending) {
        Map<String, String> byOrder = new TreeMap<>();
        for (JsonNode row : rows) {
            byOrder.merge(order.in(row).asText(), ending.in(row).asText(), (a, b) -> a + "|" + b);
        }
        return byOrder;
    }

    private static Map<String, Long> countByEnding(Map<String, String> byOrder) {
        return new TreeMap<>(byOrder.values().stream().collect(Collectors.groupingBy(e -> e, Collectors.counting())));
    }

    private static String firstLine(HarnessRun run) {
        return run.evidence().lines().skip(2).findFirst().orElse("(no trail)");
    }
}
