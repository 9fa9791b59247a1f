package lab.kb905214.stress.explore;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
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

    /** Which client the tree is explored with. */
    public enum Space {
        /** The client leaves right after its final dot, before any step is released. */
        SINGLE("single"),
        /**
         * The client's move is a branch too: between any two releases while its check is in flight it may leave or
         * pipeline RSET, and where no step can go on it may also never move (it waits for its reply).
         */
        CLIENT_MOVES("client-moves"),
        /**
         * Two transactions on one session, the STALE case: the client pipelines RSET behind its first final dot, and
         * once that transaction is answered sends its next at any point. The first check's completion may come late,
         * into the second check's window; the RSET's teardown cannot, since the watcher that runs it is the thread
         * that passes the client's next commands to the session.
         */
        STALE("stale");

        private final String scenario;

        Space(String scenario) {
            this.scenario = scenario;
        }

        /** The tree's scenario in its results file ({@code explore-<engine>-<scenario>.json}). */
        public String scenario() {
            return scenario;
        }
    }

    /**
     * What the search found.
     *
     * @param space the client the tree was explored with
     * @param leaves every leaf, in the order run
     * @param exhausted whether the search ran out of alternatives (every leaf exercised)
     * @param millis how long the search took
     * @param reruns runs repeated because they were not exercised, with why each was
     */
    public record Tree(Space space, List<Leaf> leaves, boolean exhausted, long millis, List<String> reruns) {
        /** The leaves that hung. */
        public List<Leaf> hangs() {
            return leaves.stream().filter(Leaf::hung).toList();
        }

        /** The leaves that ended {@code ending}. */
        public long count(Leaf.Ending ending) {
            return leaves.stream().filter(l -> l.ending() == ending).count();
        }
    }

    /**
     * Runs every leaf of the tree of {@code space} on fresh engines of {@code kind}; {@code eachLeaf} hears of each as
     * it ends.
     */
    public static Tree explore(EngineUnderTest kind, Space space, int maxLeaves, Consumer<Leaf> eachLeaf)
            throws IOException, InterruptedException {
        return explore(kind, space, maxLeaves, eachLeaf, leaf -> false);
    }

    /**
     * Runs the leaves of the tree of {@code space} on fresh engines of {@code kind} until one for which {@code
     * endsSearch} holds (that leaf is the tree's last, and the tree is not exhausted); {@code eachLeaf} hears of each
     * as it ends.
     */
    public static Tree explore(
            EngineUnderTest kind, Space space, int maxLeaves, Consumer<Leaf> eachLeaf, Predicate<Leaf> endsSearch)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        List<Leaf> leaves = new ArrayList<>();
        List<String> reruns = new ArrayList<>();
        Deque<ReplayOrder> prefixes = new ArrayDeque<>();
        prefixes.push(new ReplayOrder(List.of(), root(space)));
        while (!prefixes.isEmpty() && leaves.size() < maxLeaves) {
            ReplayOrder prefix = prefixes.pop();
            Leaf leaf = Interleaving.run(kind, prefix, space);
            for (int rerun = 0; rerun < RERUNS && leaf.ending() == Leaf.Ending.NOT_EXERCISED; rerun++) {
                reruns.add(leaf.orderText() + ": " + leaf.evidence());
                leaf = Interleaving.run(kind, prefix, space);
            }
            leaves.add(leaf);
            eachLeaf.accept(leaf);
            if (leaf.ending() == Leaf.Ending.NOT_EXERCISED || endsSearch.test(leaf)) {
                return new Tree(space, leaves, false, (System.nanoTime() - started) / 1_000_000, reruns);
            }
            pushSiblings(leaf, prefix, prefixes);
        }
        return new Tree(space, leaves, prefixes.isEmpty(), (System.nanoTime() - started) / 1_000_000, reruns);
    }

    // The client a search starts with: exploring its moves, one that has not moved (yet); in the STALE space, one that
    // pipelines RSET behind its first dot; else the explorer's, which leaves first.
    private static ClientMove root(Space space) {
        return switch (space) {
            case SINGLE -> ClientMove.LEAVES_FIRST;
            case CLIENT_MOVES -> ClientMove.STAYS;
            case STALE -> new ClientMove(ClientMove.Kind.RESET, 0);
        };
    }

    // Past its prefix a run always took the first enabled step and, where the client could move or send its next
    // transaction, let it wait: every other choice there is an unexplored sibling. A choice at a depth inside the
    // prefix was a sibling of an earlier run's, and was pushed by that run.
    private static void pushSiblings(Leaf leaf, ReplayOrder prefix, Deque<ReplayOrder> prefixes) {
        ClientMove client = leaf.client();
        for (int depth = leaf.order().size(); depth >= prefix.steps().size(); depth--) {
            List<Step> before = leaf.order().subList(0, depth);
            if (depth < leaf.order().size()) {
                // A move or a next transaction made before this depth stays in the sibling; one made after it is not.
                ClientMove kept =
                        client.kind() != ClientMove.Kind.STAY && client.atDepth() <= depth ? client : ClientMove.STAYS;
                int nextKept = leaf.nextAt() <= depth ? leaf.nextAt() : -1;
                List<Step> enabled = leaf.enabled().get(depth);
                for (int i = enabled.size() - 1; i >= 1; i--) {
                    List<Step> sibling = new ArrayList<>(before);
                    sibling.add(enabled.get(i));
                    prefixes.push(new ReplayOrder(sibling, kept, nextKept));
                }
            }
            // The client could move here and did not (only a run whose client had not moved records such depths).
            if (leaf.clientCouldMoveAt().contains(depth)) {
                for (ClientMove.Kind kind : List.of(ClientMove.Kind.RESET, ClientMove.Kind.LEAVE)) {
                    prefixes.push(new ReplayOrder(before, new ClientMove(kind, depth)));
                }
            }
            // The client could have sent its next transaction here, and waited instead.
            if (leaf.nextCouldAt().contains(depth)) {
                prefixes.push(new ReplayOrder(before, client, depth));
            }
        }
    }

    /**
     * Runs the one interleaving {@code order} names (then the first enabled step wherever it stops short), with a
     * second transaction if the order sends one.
     */
    public static Leaf replay(EngineUnderTest kind, ReplayOrder order) throws IOException, InterruptedException {
        return Interleaving.run(kind, order, order.sendsNext() ? Space.STALE : Space.SINGLE);
    }
}
