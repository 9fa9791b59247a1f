package lab.kb905214.stress.spin;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import lab.kb905214.stress.explore.Explorer;
import lab.kb905214.stress.explore.Leaf;
import lab.kb905214.stress.explore.ReplayOrder;
import lab.kb905214.stress.rig.EngineUnderTest;

/**
 * One SPIN trail replayed on the real engine, the way {@code lab replay --order} replays an order. The engine runs a
 * released thread to its next failpoint, while the model interleaves every statement; so the labels are released in
 * the trail's serial order ({@link SerialOrder}), in which the segments between them can run one after another and
 * still be the trail's execution. The client makes its move ({@code client.leave}, {@code client.reset}) where the
 * model's watcher starts its teardown. The results file holds the row as it is, in {@code counters.trailReplays}.
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
        ReplayOrder order = ReplayOrder.parse(ids(trail.releases()));
        Leaf leaf = Explorer.replay(engine, order);
        List<String> wanted = List.of(order.text().split(",", -1));
        List<String> ran = List.of(leaf.orderText().split(",", -1));
        boolean exact = ran.equals(wanted) && leaf.ending() != Leaf.Ending.NOT_EXERCISED;
        String why = "";
        if (!exact) {
            int common = 0;
            while (common < Math.min(ran.size(), wanted.size())
                    && ran.get(common).equals(wanted.get(common))) {
                common++;
            }
            if (leaf.ending() == Leaf.Ending.NOT_EXERCISED) {
                why = "the engine cannot follow the order: " + leaf.evidence();
            } else if (common == wanted.size()) {
                why = "the engine went on past the trail's end with "
                        + String.join(",", ran.subList(common, ran.size()));
            } else {
                why = "the engine ended " + leaf.ending() + " after " + common + " of the trail's " + wanted.size()
                        + " steps (" + String.join(",", wanted.subList(common, wanted.size()))
                        + " never became enabled)";
            }
        }
        boolean agree = exact
                && expectedEnding(trail.kind()).map(e -> e == leaf.ending()).orElse(false);
        return new TrailReplay(
                number,
                String.join(",", ids(trail.steps())),
                order.text(),
                trail.kind(),
                leaf.orderText(),
                leaf.ending().name(),
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

    /** The labels without their thread suffix (" check 0", " session 0"). */
    static List<String> ids(List<String> labels) {
        return labels.stream().map(label -> label.split(" ", -1)[0]).toList();
    }
}
