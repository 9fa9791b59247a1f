package lab.kb905214.stress.spin;

import java.util.Optional;
import lab.kb905214.results.Engine;

/**
 * The SPIN runs of a build and their bounds, read from system properties ({@code lab.spin.buggyBounds},
 * {@code lab.spin.fixedSafetyBounds}, {@code lab.spin.fixedLivenessBounds}, each {@code <sessions>x<transactions>}),
 * and engine-fixed's two wide runs ({@code lab.spin.fixedWideSafetyBounds}, {@code lab.spin.fixedWideLivenessBounds},
 * "none" to leave one out: the default build does).
 *
 * <p>engine-buggy's H2 run leaves the watchers out: H2 needs no protocol event, and without teardowns no H1 cycle
 * can end the trail first. engine-fixed's runs keep the watchers, whose every report is optional, so their
 * behaviours include all of the watcher-less ones.
 *
 * @param buggy bounds of both engine-buggy runs
 * @param fixedSafety bounds of engine-fixed's safety run
 * @param fixedLiveness bounds of engine-fixed's liveness run
 * @param fixedWideSafety bounds of engine-fixed's second safety run, with more sessions (scenario H1-wide), if any
 * @param fixedWideLiveness bounds of engine-fixed's second liveness run (scenario H2-wide), if any
 */
public record SpinPlan(
        SpinBounds buggy,
        SpinBounds fixedSafety,
        SpinBounds fixedLiveness,
        Optional<SpinBounds> fixedWideSafety,
        Optional<SpinBounds> fixedWideLiveness) {

    /** The model file of engine-buggy's coordinator. */
    public static final String BUGGY_MODEL = "buggy-coordinator.pml";
    /** The model file of engine-fixed's coordinator. */
    public static final String FIXED_MODEL = "fixed-coordinator.pml";
    /** The value of a wide run's property that leaves the run out. */
    public static final String NONE = "none";

    /** The plan the system properties give, with the default build's bounds where one is not set. */
    public static SpinPlan fromSystemProperties() {
        return new SpinPlan(
                SpinBounds.parse(System.getProperty("lab.spin.buggyBounds", "1x1")),
                SpinBounds.parse(System.getProperty("lab.spin.fixedSafetyBounds", "2x2")),
                SpinBounds.parse(System.getProperty("lab.spin.fixedLivenessBounds", "2x1")),
                optionalBounds(System.getProperty("lab.spin.fixedWideSafetyBounds", NONE)),
                optionalBounds(System.getProperty("lab.spin.fixedWideLivenessBounds", NONE)));
    }

    /** Bounds, or empty for "none" (or nothing). */
    static Optional<SpinBounds> optionalBounds(String text) {
        return text == null || text.isBlank() || text.strip().equals(NONE)
                ? Optional.empty()
                : Optional.of(SpinBounds.parse(text));
    }

    /** engine-buggy, H1: a safety search with the watchers on; every invalid end state is counted and replayed. */
    public SpinCheck buggyH1() {
        return new SpinCheck(Engine.BUGGY, "H1", BUGGY_MODEL, buggy, true, false, true);
    }

    /** engine-buggy, H2: the liveness property with the watchers off; every violation is counted and replayed. */
    public SpinCheck buggyH2() {
        return new SpinCheck(Engine.BUGGY, "H2", BUGGY_MODEL, buggy, false, true, true);
    }

    /** engine-fixed, H1: a safety search with the watchers on. */
    public SpinCheck fixedH1() {
        return new SpinCheck(Engine.FIXED, "H1", FIXED_MODEL, fixedSafety, true, false, true);
    }

    /** engine-fixed, H2: the liveness property under weak fairness, with the watchers on. */
    public SpinCheck fixedH2() {
        return new SpinCheck(Engine.FIXED, "H2", FIXED_MODEL, fixedLiveness, true, true, true);
    }

    /** engine-fixed, H1-wide: the safety search again at the wide bounds (three sessions), if the plan has them. */
    public Optional<SpinCheck> fixedH1Wide() {
        return fixedWideSafety.map(
                bounds -> new SpinCheck(Engine.FIXED, "H1-wide", FIXED_MODEL, bounds, true, false, true));
    }

    /** engine-fixed, H2-wide: the liveness property again at the wide bounds, if the plan has them. */
    public Optional<SpinCheck> fixedH2Wide() {
        return fixedWideLiveness.map(
                bounds -> new SpinCheck(Engine.FIXED, "H2-wide", FIXED_MODEL, bounds, true, true, true));
    }
}
