package lab.kb905214.stress.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import lab.kb905214.engine.failpoint.Step;
import lab.kb905214.stress.results.Provenance;
import lab.kb905214.stress.results.ResultsDirectory;
import lab.kb905214.stress.rig.EngineKind;
import org.junit.jupiter.api.Test;

/**
 * Every feasible interleaving of one transaction's race windows on each engine, over real sockets. Records the
 * tree; the gate judges it (engine-fixed: every leaf completes; engine-buggy: hanging leaves, each replayable). The
 * tree with the client's moves (it leaves or pipelines RSET at any point, or never moves) is about six times larger,
 * and runs when {@code lab.explore.clientMoves} is true ({@code -Pstress}); the STALE tree (two transactions on one
 * session, the first check's completion coming late) when {@code lab.explore.stale} is ({@code -Pstress}).
 */
class ExplorerTest {
    /** A bound on the search, far above the tree's size, so a runaway search ends and says it was cut short. */
    private static final int MAX_LEAVES = 5_000;

    @Test
    void engineFixedEveryLeafCompletes() throws Exception {
        Explorer.Tree tree = explore(EngineKind.FIXED, Explorer.Space.SINGLE);

        assertThat(tree.exhausted()).isTrue();
        assertThat(tree.hangs()).as("hanging leaves of engine-fixed").isEmpty();
    }

    @Test
    void engineBuggyHasHangingLeaves() throws Exception {
        Explorer.Tree tree = explore(EngineKind.BUGGY, Explorer.Space.SINGLE);

        assertThat(tree.exhausted()).isTrue();
        assertThat(tree.count(Leaf.Ending.LOCK_CYCLE)).as("H1 leaves").isPositive();
        assertThat(tree.count(Leaf.Ending.WAITER_NEVER_WAKES)).as("H2 leaves").isPositive();
    }

    @Test
    void engineFixedEveryLeafCompletesWhateverTheClientDoes() throws Exception {
        assumeTrue(Boolean.getBoolean("lab.explore.clientMoves"), "lab.explore.clientMoves is false");
        Explorer.Tree tree = explore(EngineKind.FIXED, Explorer.Space.CLIENT_MOVES);

        assertThat(tree.exhausted()).isTrue();
        assertThat(tree.hangs()).as("hanging leaves of engine-fixed").isEmpty();
    }

    @Test
    void engineBuggyHangsWhateverTheClientDoes() throws Exception {
        assumeTrue(Boolean.getBoolean("lab.explore.clientMoves"), "lab.explore.clientMoves is false");
        Explorer.Tree tree = explore(EngineKind.BUGGY, Explorer.Space.CLIENT_MOVES);

        assertThat(tree.exhausted()).isTrue();
        // H2 needs no move at all; H1 needs the teardown a move starts
        assertThat(tree.leaves().stream().filter(l -> l.hung() && l.client().kind() == ClientMove.Kind.STAY))
                .as("hanging leaves with a client that waits for its reply")
                .isNotEmpty();
        assertThat(tree.count(Leaf.Ending.LOCK_CYCLE)).as("H1 leaves").isPositive();
    }

    @Test
    void engineFixedEveryLeafCompletesWithALateFirstCompletion() throws Exception {
        assumeTrue(Boolean.getBoolean("lab.explore.stale"), "lab.explore.stale is false");
        Explorer.Tree tree = explore(EngineKind.FIXED, Explorer.Space.STALE);

        assertThat(tree.exhausted()).isTrue();
        assertThat(tree.hangs()).as("hanging leaves of engine-fixed").isEmpty();
        // the STALE case itself: the first check's completion still parked when the second check began
        assertThat(tree.leaves().stream().filter(ExplorerTest::firstCompletionLate))
                .as("leaves whose first completion came after the next transaction was sent")
                .isNotEmpty();
    }

    @Test
    void engineBuggyHangsInEitherTransaction() throws Exception {
        assumeTrue(Boolean.getBoolean("lab.explore.stale"), "lab.explore.stale is false");
        Explorer.Tree tree = explore(EngineKind.BUGGY, Explorer.Space.STALE);

        assertThat(tree.exhausted()).isTrue();
        assertThat(tree.count(Leaf.Ending.LOCK_CYCLE)).as("H1 leaves").isPositive();
        // H2 in the second transaction: the session got past its first check and then waited forever
        assertThat(tree.leaves().stream().filter(l -> l.ending() == Leaf.Ending.WAITER_NEVER_WAKES && l.nextAt() >= 0))
                .as("waiters never woken in the second transaction")
                .isNotEmpty();
    }

    // The first check's completion.done released after the client sent its next transaction.
    private static boolean firstCompletionLate(Leaf leaf) {
        return leaf.nextAt() >= 0 && leaf.order().indexOf(Step.COMPLETION_DONE) >= leaf.nextAt();
    }

    private static Explorer.Tree explore(EngineKind kind, Explorer.Space space) throws Exception {
        Provenance provenance = Provenance.now();
        Explorer.Tree tree = Explorer.explore(
                kind,
                space,
                MAX_LEAVES,
                leaf -> System.out.printf(
                        "explore %s %s: %s -> %s (%d ms)%n",
                        space.scenario(), kind.engine(), leaf.orderText(), leaf.ending(), leaf.millis()));
        ResultsDirectory.fromSystemProperty().write(ExplorationResults.of(kind.engine(), tree, provenance));
        return tree;
    }
}
