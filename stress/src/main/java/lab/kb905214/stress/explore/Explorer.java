package lab.kb905214.stress.explore;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import lab.kb905214.engine.failpoint.Step;
import lab.kb905214.stress.rig.EngineUnderTest;

/**
 * Every feasible interleaving of a single transaction's race windows, on the real engine: a depth-first search over
 * the threads parked at failpoints. Each run replays a prefix and then goes on with the first enabled step, recording
 * what else was enabled at each depth; every alternative becomes the prefix of a later run. So each leaf of the tree
 * of feasible orders is run exactly once, and the tree is exhausted when no alternative is left. The engine keeps no
 * state between runs (each is a fresh engine), so a prefix always leads where it led before; a run that finds its
 * prefix infeasible says so, and the exploration fails rather than miscount.
 */
public final class Explorer {
    private Explorer() {}

    /**
     * A run may fail to reach a step for reasons outside the race windows (a machine so busy that a thread does not
     * settle in time): it is run again on a fresh engine, this many times at most, and every rerun is counted.
     */
    static final int RERUNS = 2;

    /**
     * What the search found.
     *
     * @param leaves every leaf, in the order run
     * @param exhausted whether the search ran out of alternatives (every leaf exercised)
     * @param millis how long the search took
     * @param reruns runs repeated because they were not exercised, with why each was
     */
    public record Tree(List<Leaf> leaves, boolean exhausted, long millis, List<String> reruns) {
        /** The leaves that hung. */
        public List<Leaf> hangs() {
            return leaves.stream().filter(Leaf::hung).toList();
        }

        /** The leaves that ended {@code ending}. */
        public long count(Leaf.Ending ending) {
            return leaves.stream().filter(l -> l.ending() == ending).count();
        }
    }

    /** Runs every leaf of the tree on fresh engines of {@code kind}; {@code eachLeaf} hears of each as it ends. */
    public static Tree explore(EngineUnderTest kind, int maxLeaves, Consumer<Leaf> eachLeaf)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        List<Leaf> leaves = new ArrayList<>();
        List<String> reruns = new ArrayList<>();
        Deque<List<Step>> prefixes = new ArrayDeque<>();
        prefixes.push(List.of());
        while (!prefixes.isEmpty() && leaves.size() < maxLeaves) {
            List<Step> prefix = prefixes.pop();
            ReplayOrder forced = new ReplayOrder(prefix, ClientMove.LEAVES_FIRST);
            Leaf leaf = Interleaving.run(kind, forced);
            for (int rerun = 0; rerun < RERUNS && leaf.ending() == Leaf.Ending.NOT_EXERCISED; rerun++) {
                reruns.add(leaf.orderText() + ": " + leaf.evidence());
                leaf = Interleaving.run(kind, forced);
            }
            leaves.add(leaf);
            eachLeaf.accept(leaf);
            if (leaf.ending() == Leaf.Ending.NOT_EXERCISED) {
                return new Tree(leaves, false, (System.nanoTime() - started) / 1_000_000, reruns);
            }
            // Past the prefix the run always took the first enabled step: the others are the unexplored siblings.
            for (int depth = leaf.order().size() - 1; depth >= prefix.size(); depth--) {
                List<Step> enabled = leaf.enabled().get(depth);
                for (int i = enabled.size() - 1; i >= 1; i--) {
                    List<Step> sibling = new ArrayList<>(leaf.order().subList(0, depth));
                    sibling.add(enabled.get(i));
                    prefixes.push(sibling);
                }
            }
        }
        return new Tree(leaves, prefixes.isEmpty(), (System.nanoTime() - started) / 1_000_000, reruns);
    }

    /** Runs the one interleaving {@code order} names (then the first enabled step wherever it stops short). */
    public static Leaf replay(EngineUnderTest kind, ReplayOrder order) throws IOException, InterruptedException {
        return Interleaving.run(kind, order);
    }
}
