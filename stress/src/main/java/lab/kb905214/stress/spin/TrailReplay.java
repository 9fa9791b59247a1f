package lab.kb905214.stress.spin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import lab.kb905214.engine.failpoint.Step;
import lab.kb905214.stress.explore.Explorer;
import lab.kb905214.stress.explore.Leaf;
import lab.kb905214.stress.rig.EngineUnderTest;

/**
 * One SPIN trail replayed on the real engine, the way {@code lab replay --order} replays an order: its steps, without
 * their " check N" / " session N" suffixes, are released in the trail's order, then the first step enabled wherever
 * the order stops short. The results file holds it as it is, a row of {@code counters.trailReplays}.
 *
 * @param trail the trail's number (1 for the first trail pan wrote)
 * @param order the trail's steps, comma-separated
 * @param spinKind how SPIN's trail ends
 * @param engineOrder the steps the engine released, comma-separated
 * @param engineEnding how the engine's run ended (a {@link Leaf.Ending} name)
 * @param exact whether the engine released exactly the trail's steps, no fewer and no more: only then is the trail's
 *     order a leaf of the explorer's tree, and the two endings are about the same interleaving
 * @param agree exact, and the engine ended the way SPIN's trail does
 * @param why what the engine did with the order, when not exact
 */
public record TrailReplay(
        int trail,
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
        List<Step> order = order(trail);
        Leaf leaf = Explorer.replay(engine, order);
        List<Step> ran = leaf.order();
        boolean exact = ran.equals(order) && leaf.ending() != Leaf.Ending.NOT_EXERCISED;
        String why = "";
        if (!exact) {
            int common = 0;
            while (common < Math.min(ran.size(), order.size()) && ran.get(common) == order.get(common)) {
                common++;
            }
            if (leaf.ending() == Leaf.Ending.NOT_EXERCISED) {
                why = "the engine cannot follow the order: " + leaf.evidence();
            } else if (common == order.size()) {
                why = "the engine went on past the trail's end with " + ids(ran.subList(common, ran.size())) + "";
            } else {
                why = "the engine ended " + leaf.ending() + " after " + common + " of the trail's " + order.size()
                        + " steps (" + ids(order.subList(common, order.size())) + " never became enabled)";
            }
        }
        boolean agree = exact
                && expectedEnding(trail.kind()).map(e -> e == leaf.ending()).orElse(false);
        return new TrailReplay(
                number, ids(order), trail.kind(), ids(ran), leaf.ending().name(), exact, agree, why);
    }

    /** The explorer's ending that stands for SPIN's kind of trail end, if any. */
    public static Optional<Leaf.Ending> expectedEnding(SpinTrail.Kind kind) {
        return switch (kind) {
            case LOCK_CYCLE -> Optional.of(Leaf.Ending.LOCK_CYCLE);
            case WAITER_NEVER_WOKEN -> Optional.of(Leaf.Ending.WAITER_NEVER_WAKES);
            case OTHER -> Optional.empty();
        };
    }

    /** The trail's steps as Steps, their thread suffix (" check 0", " session 0") stripped. */
    static List<Step> order(SpinTrail trail) {
        List<Step> steps = new ArrayList<>();
        for (String step : trail.steps()) {
            String id = step.split(" ", -1)[0];
            steps.add(Arrays.stream(Step.values())
                    .filter(s -> s.id().equals(id))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("trail step '" + step + "' is not a Step")));
        }
        return steps;
    }

    private static String ids(List<Step> steps) {
        return String.join(",", steps.stream().map(Step::id).toList());
    }
}
