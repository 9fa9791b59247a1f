package lab.kb905214.stress.mutants;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import lab.kb905214.engine.failpoint.Step;
import lab.kb905214.results.Counters;
import lab.kb905214.results.Fields;
import lab.kb905214.results.Harness;
import lab.kb905214.stress.explore.Explorer;
import lab.kb905214.stress.explore.Leaf;
import lab.kb905214.stress.results.Provenance;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The explorer's trees against every selected mutant, each until the first leaf that ends as no leaf of engine-fixed's
 * does: a hang, a wrong reply or stored count, a teardown that threw, a verdict posted and never delivered. A kill is a replayable order; a
 * survival is every feasible interleaving of the tree run to its end, so it is enumerated, not sampled. The single
 * transaction's tree runs for every mutant, the STALE tree for those {@code lab.mutants.explorerStale} lists.
 * Records what it saw of each mutant; the gate judges. Asserts only that the control survived.
 */
class MutantExplorerTest {
    /** A bound on each search, far above any tree's size, so a runaway search ends and says so. */
    private static final int MAX_LEAVES = 5_000;

    @Test
    void treesAgainstEveryMutant() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("lab.mutants.explorer"), "lab.mutants.explorer is false");
        List<Mutant> withStale = staleSelection(System.getProperty("lab.mutants.explorerStale", "none"));
        Provenance provenance = Provenance.now();
        for (Mutant mutant : Mutant.selected()) {
            List<Explorer.Space> spaces = withStale.contains(mutant)
                    ? List.of(Explorer.Space.SINGLE, Explorer.Space.STALE)
                    : List.of(Explorer.Space.SINGLE);
            Fields observed = new Fields();
            MutantRun seen = run(mutant, spaces, observed);
            seen.write(provenance, observed);
            System.out.printf(
                    "explore %s (%s): %d leaf(s), %s%n", mutant, mutant.title(), seen.explored(), seen.verdict());
            seen.requireControlSurvived();
        }
    }

    /** The mutants whose STALE tree runs too, from {@code lab.mutants.explorerStale}: "none", "all" or a list. */
    static List<Mutant> staleSelection(String setting) {
        String value = setting.strip();
        return value.isEmpty() || value.equalsIgnoreCase("none") ? List.of() : Mutant.named(value);
    }

    /**
     * Runs {@code spaces}' trees in turn until the first wrong leaf; what makes the run neither kill nor survival (a
     * tree not run to its end) goes into {@code observed}.
     */
    private static MutantRun run(Mutant mutant, List<Explorer.Space> spaces, Fields observed) throws Exception {
        long started = System.nanoTime();
        List<Leaf> leaves = new ArrayList<>();
        List<String> trees = new ArrayList<>();
        boolean exhausted = true;
        for (Explorer.Space space : spaces) {
            Explorer.Tree tree = Explorer.explore(
                    new MutantEngine(mutant),
                    space,
                    MAX_LEAVES,
                    leaf -> {},
                    leaf -> wrong(leaf).isPresent());
            leaves.addAll(tree.leaves());
            trees.add(space.scenario() + " " + tree.leaves().size() + (tree.exhausted() ? " (every leaf)" : ""));
            exhausted &= tree.exhausted();
            Leaf last = tree.leaves().get(tree.leaves().size() - 1);
            Optional<String> wrong = wrong(last);
            if (wrong.isPresent()) {
                double seconds = (System.nanoTime() - started) / 1e9;
                observed.put(Counters.EXHAUSTIVE, false).note("trees", String.join(", ", trees));
                return new MutantRun(
                        Harness.EXPLORE,
                        mutant,
                        space.scenario() + " tree, leaf " + tree.leaves().size() + ": " + wrong.get() + " ("
                                + last.orderText() + ")",
                        last.hung(),
                        seconds,
                        leaves.size(),
                        "leaves",
                        seconds,
                        last.evidence(),
                        armed(leaves),
                        stepsReached(leaves),
                        lostVerdicts(leaves));
            }
            if (!tree.exhausted()) {
                // Not a kill, so the search stopped short: a leaf reached no verdict, or the bound was hit.
                String why = last.ending() == Leaf.Ending.NOT_EXERCISED
                        ? "leaf " + last.orderText() + " was not exercised: " + last.evidence()
                        : "the search stopped at " + MAX_LEAVES + " leaves";
                observed.put(
                        Counters.HARNESS_ERROR, "the " + space.scenario() + " tree was not run to its end: " + why);
                break;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        observed.put(Counters.EXHAUSTIVE, exhausted)
                .put(Counters.NOT_EXERCISED, notExercised(leaves))
                .note("trees", String.join(", ", trees));
        return new MutantRun(
                Harness.EXPLORE,
                mutant,
                null,
                false,
                null,
                leaves.size(),
                "leaves",
                seconds,
                (exhausted ? "every leaf ended as engine-fixed's do: " : "no wrong leaf, but a search stopped short: ")
                        + String.join(", ", trees),
                armed(leaves),
                stepsReached(leaves),
                lostVerdicts(leaves));
    }

    /**
     * How {@code leaf} ended otherwise than every leaf of engine-fixed's trees does, if it did: a hang with its proof, a
     * wrong reply or stored count, a teardown that threw, or a verdict the coordinator itself counted as posted and never
     * delivered; in the STALE tree also a session that still waited once the RSET's teardown had returned.
     */
    static Optional<String> wrong(Leaf leaf) {
        if (leaf.ending() == Leaf.Ending.NOT_EXERCISED) {
            return Optional.empty(); // the order was not reached: the leaf judged nothing
        }
        List<String> seen = new ArrayList<>();
        switch (leaf.ending()) {
            case LOCK_CYCLE ->
                seen.add("deadlock ("
                        + leaf.cycle()
                                .map(c -> String.join(", ", c.blockedMethods()))
                                .orElse("")
                        + ")");
            case WAITER_NEVER_WAKES -> seen.add("session waiting forever");
            case WRONG_RESULT -> seen.add("wrong result: " + leaf.evidence());
            case COMPLETED, NOT_EXERCISED -> {
                // judged by its teardowns and lost verdicts below
            }
        }
        if (leaf.teardownsFailed() > 0) {
            seen.add("the watcher's teardown threw (" + leaf.teardownsFailed() + ", counted by the engine)");
        }
        if (leaf.lostVerdicts() > 0) {
            seen.add(leaf.lostVerdicts() + " verdict(s) posted and never delivered (counted by the coordinator)");
        }
        // Asked only of a leaf with a next transaction (the STALE tree); engine-fixed's own tree must count none.
        leaf.waitedPastTheTeardown().ifPresent(seen::add);
        return seen.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", seen));
    }

    // Armed as observed: the explorer's schedule held at least one step in every leaf (a leaf not exercised may hold
    // none).
    private static boolean armed(List<Leaf> leaves) {
        return leaves.stream().allMatch(leaf -> !leaf.order().isEmpty());
    }

    private static List<String> stepsReached(List<Leaf> leaves) {
        Set<String> reached = new TreeSet<>();
        leaves.forEach(leaf -> leaf.order().stream().map(Step::id).forEach(reached::add));
        return List.copyOf(reached);
    }

    private static long lostVerdicts(List<Leaf> leaves) {
        return leaves.stream().mapToLong(Leaf::lostVerdicts).sum();
    }

    private static long notExercised(List<Leaf> leaves) {
        return leaves.stream()
                .filter(leaf -> leaf.ending() == Leaf.Ending.NOT_EXERCISED)
                .count();
    }
}
