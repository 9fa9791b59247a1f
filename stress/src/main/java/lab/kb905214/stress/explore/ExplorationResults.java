package lab.kb905214.stress.explore;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import lab.kb905214.engine.failpoint.Step;
import lab.kb905214.results.Counters;
import lab.kb905214.results.Engine;
import lab.kb905214.results.ExploreCounters;
import lab.kb905214.results.Field;
import lab.kb905214.results.Fields;
import lab.kb905214.results.Harness;
import lab.kb905214.stress.results.HarnessResult;
import lab.kb905214.stress.results.Provenance;

/**
 * Turns an explored tree into the results file every harness writes: {@code explore-<engine>-single.json}, or
 * {@code explore-<engine>-client-moves.json} for the tree with the client's moves.
 */
public final class ExplorationResults {
    private ExplorationResults() {}

    /** The results of exploring {@code tree} on engine {@code engine}. */
    public static HarnessResult of(Engine engine, Explorer.Tree tree, Provenance provenance) {
        List<Leaf> leaves = tree.leaves();
        Long firstHangAt = null;
        for (int i = 0; i < leaves.size(); i++) {
            if (leaves.get(i).hung()) {
                firstHangAt = (long) i + 1;
                break;
            }
        }
        Fields counters = new Fields();
        // Exhaustive only when the search ran out of alternatives, with every leaf exercised and none infeasible.
        boolean exhaustive = tree.exhausted() && tree.count(Leaf.Ending.NOT_EXERCISED) == 0;
        counters.put(Counters.EXHAUSTIVE, exhaustive);
        Fields endings = new Fields();
        for (Leaf.Ending ending : Leaf.Ending.values()) {
            endings.put(countOf(ending), tree.count(ending));
        }
        counters.put(ExploreCounters.ENDINGS, endings);
        // A session past its look that still had not answered once the RSET's teardown returned (only a leaf with a
        // next transaction can count): the gate requires none on engine-fixed, and the mutant oracle kills on one.
        List<String> waited = leaves.stream()
                .flatMap(l -> l.waitedPastTheTeardown().map(why -> l.orderText() + ": " + why).stream())
                .toList();
        counters.put(ExploreCounters.WAITED_PAST_THE_TEARDOWN, (long) waited.size());
        counters.note("reruns", tree.reruns());
        counters.note(
                "maxDepth",
                leaves.stream().mapToInt(l -> l.order().size()).max().orElse(0));
        counters.note(
                "leafMillisMax", leaves.stream().mapToLong(Leaf::millis).max().orElse(0));
        // The claim's first assumption, checked in every leaf: no thread holds a monitor at any failpoint (on
        // engine-buggy they do; that is H1). Recorded as seen, per step, over the whole tree.
        Map<String, Set<String>> monitors = new LinkedHashMap<>();
        for (Leaf leaf : leaves) {
            leaf.monitorsAtSteps()
                    .forEach((step, held) -> monitors.computeIfAbsent(step.id(), id -> new TreeSet<>())
                            .addAll(held));
        }
        counters.put(
                Counters.ASSUMPTIONS,
                new Fields()
                        .put(ExploreCounters.Assumptions.MONITORS_HELD_AT_FAILPOINTS, monitors)
                        .put(
                                ExploreCounters.Assumptions.NO_MONITOR_AT_ANY_FAILPOINT,
                                monitors.values().stream().allMatch(Set::isEmpty)));
        List<Fields> rows = new ArrayList<>();
        for (Leaf leaf : leaves) {
            rows.add(new Fields()
                    .put(ExploreCounters.Leaf.ORDER, leaf.orderText())
                    .put(ExploreCounters.Leaf.ENDING, leaf.ending().name())
                    .put(ExploreCounters.Leaf.STORED, leaf.stored()));
        }
        counters.put(ExploreCounters.LEAVES, rows);
        StringBuilder evidence = new StringBuilder();
        leaves.stream()
                .filter(l -> l.ending() == Leaf.Ending.NOT_EXERCISED)
                .forEach(l -> evidence.append("not exercised: ")
                        .append(l.orderText())
                        .append(": ")
                        .append(l.evidence())
                        .append("\n"));
        waited.stream()
                .findFirst()
                .ifPresent(first -> evidence.append("first leaf whose session waited past the teardown: ")
                        .append(first)
                        .append("\n"));
        tree.hangs().stream()
                .findFirst()
                .ifPresent(first -> evidence.append("first hanging leaf: ./lab replay --engine ")
                        .append(engine)
                        .append(" --order ")
                        .append(first.orderText())
                        .append("\n")
                        .append(first.ending())
                        .append(": ")
                        .append(first.evidence()));
        Set<Step> hit = EnumSet.noneOf(Step.class);
        leaves.forEach(l -> hit.addAll(l.order()));
        // Armed as observed: the schedule recorded a thread at a failpoint in some leaf.
        boolean armed = leaves.stream().anyMatch(l -> !l.monitorsAtSteps().isEmpty());
        long lostVerdicts = leaves.stream().mapToLong(Leaf::lostVerdicts).sum();
        return new HarnessResult(
                Harness.EXPLORE,
                engine,
                tree.space().scenario(),
                leaves.size(),
                "leaves",
                tree.hangs().size(),
                lostVerdicts,
                firstHangAt,
                tree.millis() / 1e3,
                evidence.toString(),
                armed,
                hit.stream().map(Step::id).toList(),
                counters,
                provenance);
    }

    // A new ending is a compile error here until the schema names its count.
    private static Field<Long> countOf(Leaf.Ending ending) {
        return switch (ending) {
            case COMPLETED -> ExploreCounters.Endings.COMPLETED;
            case LOCK_CYCLE -> ExploreCounters.Endings.LOCK_CYCLE;
            case WAITER_NEVER_WAKES -> ExploreCounters.Endings.WAITER_NEVER_WAKES;
            case WRONG_RESULT -> ExploreCounters.Endings.WRONG_RESULT;
            case NOT_EXERCISED -> ExploreCounters.Endings.NOT_EXERCISED;
        };
    }
}
