package lab.kb905214.stress.spin;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import lab.kb905214.engine.failpoint.Step;
import lab.kb905214.stress.explore.Explorer;
import lab.kb905214.stress.explore.Leaf;
import lab.kb905214.stress.explore.ReplayOrder;
import lab.kb905214.stress.explore.SessionsInterleaving;
import lab.kb905214.stress.rig.EngineUnderTest;

/**
 * One SPIN trail replayed on the real engine, the way {@code lab replay --order} replays an order. The engine runs a
 * released thread to its next failpoint, while the model interleaves every statement; so the labels are released in
 * the trail's serial order ({@link SerialOrder}), in which the segments between them can run one after another and
 * still be the trail's execution. The client makes its move ({@code client.leave}, {@code client.reset}) where the
 * model's watcher looks at its session; a replay of several sessions then holds the watcher at {@code teardown.begin},
 * and the explorer, which replays a trail of one session, makes the move where the model's teardown begins (it does not
 * hold the watcher in between). The results file holds the row as it is, in {@code counters.trailReplays}.
 *
 * @param trail the trail's number (1 for the first trail pan wrote)
 * @param printed the trail's labels in the order SPIN printed them, comma-separated
 * @param order the same labels in their serial order: the order the engine is given
 * @param spinKind how SPIN's trail ends
 * @param engineOrder the order the engine released, comma-separated
 * @param engineEnding how the engine's run ended (a {@link Leaf.Ending} name)
 * @param exact whether the engine released exactly the trail's order, no fewer steps and no more, the client's move in
 *     its place: only then are the two endings about the same interleaving
 * @param agree exact, and the engine ended the way SPIN's trail does
 * @param why what the engine did with the order, when not exact
 */
public record TrailReplay(
        int trail,
        String printed,
        String order,
        SpinTrail.Kind spinKind,
        String engineOrder,
        String engineEnding,
        boolean exact,
        boolean agree,
        String why) {

    /** Replays {@code trail} (the {@code number}-th of a 1x1 run) on a fresh engine of {@code engine}. */
    public static TrailReplay replay(int number, SpinTrail trail, EngineUnderTest engine)
            throws IOException, InterruptedException {
        ReplayOrder order = ReplayOrder.parse(ids(forTheExplorer(trail.releases())));
        Leaf leaf = Explorer.replay(engine, order);
        return row(
                number,
                trail,
                String.join(",", ids(withoutSend(trail.steps()))),
                List.of(order.text().split(",", -1)),
                List.of(leaf.orderText().split(",", -1)),
                leaf.ending(),
                leaf.evidence());
    }

    /**
     * Replays {@code trail} (the {@code number}-th of a run of several sessions, one transaction each) on a fresh engine
     * of {@code engine}, each label its session's ({@link SessionsInterleaving}).
     */
    public static TrailReplay replaySessions(int number, SpinTrail trail, EngineUnderTest engine)
            throws IOException, InterruptedException {
        SessionsInterleaving.Run run = SessionsInterleaving.run(engine, trail.releases());
        return row(
                number,
                trail,
                String.join(",", trail.steps()),
                trail.releases(),
                run.released(),
                run.ending(),
                run.evidence());
    }

    private static TrailReplay row(
            int number,
            SpinTrail trail,
            String printed,
            List<String> wanted,
            List<String> ran,
            Leaf.Ending ending,
            String evidence) {
        boolean exact = ran.equals(wanted) && ending != Leaf.Ending.NOT_EXERCISED;
        String why = "";
        if (!exact) {
            int common = 0;
            while (common < Math.min(ran.size(), wanted.size())
                    && ran.get(common).equals(wanted.get(common))) {
                common++;
            }
            if (ending == Leaf.Ending.NOT_EXERCISED) {
                why = "the engine cannot follow the order: " + evidence;
            } else if (common == wanted.size()) {
                why = "the engine went on past the trail's end with "
                        + String.join(",", ran.subList(common, ran.size()));
            } else {
                why = "the engine ended " + ending + " after " + common + " of the trail's " + wanted.size()
                        + " steps (" + String.join(",", wanted.subList(common, wanted.size()))
                        + " never became enabled)";
            }
        }
        boolean agree =
                exact && expectedEnding(trail.kind()).map(e -> e == ending).orElse(false);
        return new TrailReplay(
                number,
                printed,
                String.join(",", wanted),
                trail.kind(),
                String.join(",", ran),
                ending.name(),
                exact,
                agree,
                why);
    }

    /** The explorer's ending that stands for SPIN's kind of trail end, if any. */
    public static Optional<Leaf.Ending> expectedEnding(SpinTrail.Kind kind) {
        return switch (kind) {
            case LOCK_CYCLE -> Optional.of(Leaf.Ending.LOCK_CYCLE);
            case WAITER_NEVER_WOKEN -> Optional.of(Leaf.Ending.WAITER_NEVER_WAKES);
            case OTHER -> Optional.empty();
        };
    }

    // A trail of one session as the explorer runs it: its client sends before any step, so the dot goes; and the
    // explorer's watcher runs from its look into the teardown unheld, so the client's move takes teardown.begin's
    // place.
    private static List<String> forTheExplorer(List<String> labels) {
        List<String> order = new ArrayList<>();
        Deque<String> moves = new ArrayDeque<>();
        for (String label : withoutSend(labels)) {
            if (label.startsWith("client.leave ") || label.startsWith("client.reset ")) {
                moves.add(label);
            } else if (label.startsWith(Step.TEARDOWN_BEGIN.id() + " ") && !moves.isEmpty()) {
                order.add(moves.remove());
            } else {
                order.add(label);
            }
        }
        order.addAll(moves); // a move whose teardown the trail never began: the explorer shows where it went
        return order;
    }

    // A trail's labels without the client's dot.
    private static List<String> withoutSend(List<String> labels) {
        return labels.stream()
                .filter(label -> !label.startsWith("client.send "))
                .toList();
    }

    /** The labels without their thread suffix (" check 0", " session 0"). */
    static List<String> ids(List<String> labels) {
        return labels.stream().map(label -> label.split(" ", -1)[0]).toList();
    }
}
