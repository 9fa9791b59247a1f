package lab.kb905214.stress.explore;

import static org.assertj.core.api.Assertions.assertThat;

import lab.kb905214.stress.results.Provenance;
import lab.kb905214.stress.results.ResultsDirectory;
import lab.kb905214.stress.rig.EngineKind;
import org.junit.jupiter.api.Test;

/**
 * Every feasible interleaving of one transaction's race windows on each engine, over real sockets. Records the
 * tree; the gate judges it (engine-fixed: every leaf completes; engine-buggy: hanging leaves, each replayable).
 */
class ExplorerTest {
    /** A bound on the search, far above the tree's size, so a runaway search ends and says it was cut short. */
    private static final int MAX_LEAVES = 2_000;

    @Test
    void engineFixedEveryLeafCompletes() throws Exception {
        Explorer.Tree tree = explore(EngineKind.FIXED);

        assertThat(tree.exhausted()).isTrue();
        assertThat(tree.hangs()).as("hanging leaves of engine-fixed").isEmpty();
    }

    @Test
    void engineBuggyHasHangingLeaves() throws Exception {
        Explorer.Tree tree = explore(EngineKind.BUGGY);

        assertThat(tree.exhausted()).isTrue();
        assertThat(tree.count(Leaf.Ending.LOCK_CYCLE)).as("H1 leaves").isPositive();
        assertThat(tree.count(Leaf.Ending.WAITER_NEVER_WAKES)).as("H2 leaves").isPositive();
    }

    private static Explorer.Tree explore(EngineKind kind) throws Exception {
        Provenance provenance = Provenance.now();
        Explorer.Tree tree = Explorer.explore(
                kind,
                MAX_LEAVES,
                leaf -> System.out.printf(
                        "explore %s: %s -> %s (%d ms)%n",
                        kind.engine(), leaf.orderText(), leaf.ending(), leaf.millis()));
        ResultsDirectory.fromSystemProperty().write(ExplorationResults.of(kind.engine(), tree, provenance));
        return tree;
    }
}
