package lab.kb905214.stress.explore;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lab.kb905214.engine.failpoint.Step;
import lab.kb905214.stress.results.HarnessResult;
import lab.kb905214.stress.results.Provenance;

/** Turns an explored tree into the results file every harness writes: {@code explore-<engine>-single.json}. */
public final class ExplorationResults {
    private ExplorationResults() {}

    /** The results of exploring {@code tree} on engine {@code engine}. */
    public static HarnessResult of(String engine, Explorer.Tree tree, Provenance provenance) {
        List<Leaf> leaves = tree.leaves();
        Long firstHangAt = null;
        for (int i = 0; i < leaves.size(); i++) {
            if (leaves.get(i).hung()) {
                firstHangAt = (long) i + 1;
                break;
            }
        }
        Map<String, Object> counters = new LinkedHashMap<>();
        // Exhaustive only when the search ran out of alternatives, with every leaf exercised and none infeasible.
        boolean exhaustive = tree.exhausted() && tree.count(Leaf.Ending.NOT_EXERCISED) == 0;
        counters.put("exhaustive", exhaustive);
        Map<String, Long> endings = new LinkedHashMap<>();
        for (Leaf.Ending ending : Leaf.Ending.values()) {
            endings.put(ending.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), tree.count(ending));
        }
        counters.put("endings", endings);
        counters.put("reruns", tree.reruns());
        counters.put("maxDepth", leaves.stream().mapToInt(l -> l.order().size()).max().orElse(0));
        counters.put("leafMillisMax", leaves.stream().mapToLong(Leaf::millis).max().orElse(0));
        // The claim's first assumption, checked in every leaf: no thread holds a monitor at any failpoint (on
        // engine-buggy they do; that is H1). Recorded as seen, per step, over the whole tree.
        Map<String, Set<String>> monitors = new LinkedHashMap<>();
        for (Leaf leaf : leaves) {
            leaf.monitorsAtSteps().forEach((step, held) -> monitors.computeIfAbsent(step.id(),
                    id -> new java.util.TreeSet<>()).addAll(held));
        }
        Map<String, Object> assumptions = new LinkedHashMap<>();
        assumptions.put("monitorsHeldAtFailpoints", monitors);
        assumptions.put("noMonitorAtAnyFailpoint", monitors.values().stream().allMatch(Set::isEmpty));
        counters.put("assumptions", assumptions);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Leaf leaf : leaves) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("order", leaf.orderText());
            row.put("ending", leaf.ending().name());
            row.put("stored", leaf.stored());
            rows.add(row);
        }
        counters.put("leaves", rows);
        StringBuilder evidence = new StringBuilder();
        leaves.stream().filter(l -> l.ending() == Leaf.Ending.NOT_EXERCISED).forEach(l -> evidence
                .append("not exercised: ").append(l.orderText()).append(": ").append(l.evidence()).append("\n"));
        tree.hangs().stream().findFirst().ifPresent(first -> evidence.append("first hanging leaf: ./lab replay --engine ")
                .append(engine).append(" --order ").append(first.orderText()).append("\n").append(first.ending())
                .append(": ").append(first.evidence()));
        Set<Step> hit = EnumSet.noneOf(Step.class);
        leaves.forEach(l -> hit.addAll(l.order()));
        // Armed as observed: the schedule recorded a thread at a failpoint in some leaf.
        boolean armed = leaves.stream().anyMatch(l -> !l.monitorsAtSteps().isEmpty());
        long lostVerdicts = leaves.stream().mapToLong(Leaf::lostVerdicts).sum();
        return new HarnessResult("explore", engine, "single", leaves.size(), "leaves", tree.hangs().size(), lostVerdicts,
                firstHangAt, tree.millis() / 1e3, evidence.toString(), armed, hit.stream().map(Step::id).toList(),
                counters, provenance);
    }
}
