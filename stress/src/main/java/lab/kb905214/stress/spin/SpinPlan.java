package lab.kb905214.stress.spin;

/**
 * The four SPIN runs of a build and their bounds, read from system properties ({@code lab.spin.buggyBounds},
 * {@code lab.spin.fixedSafetyBounds}, {@code lab.spin.fixedLivenessBounds}, each {@code <sessions>x<transactions>}).
 *
 * <p>engine-buggy's H2 run leaves the watchers out: H2 needs no protocol event, and without teardowns no H1 cycle
 * can end the trail first. engine-fixed's runs keep the watchers, whose every report is optional, so their
 * behaviours include all of the watcher-less ones.
 *
 * @param buggy bounds of both engine-buggy runs
 * @param fixedSafety bounds of engine-fixed's safety run
 * @param fixedLiveness bounds of engine-fixed's liveness run
 */
public record SpinPlan(SpinBounds buggy, SpinBounds fixedSafety, SpinBounds fixedLiveness) {

    /** The model file of engine-buggy's coordinator. */
    public static final String BUGGY_MODEL = "buggy-coordinator.pml";
    /** The model file of engine-fixed's coordinator. */
    public static final String FIXED_MODEL = "fixed-coordinator.pml";

    /** The plan the system properties give, with the default build's bounds where one is not set. */
    public static SpinPlan fromSystemProperties() {
        return new SpinPlan(SpinBounds.parse(System.getProperty("lab.spin.buggyBounds", "1x1")),
                SpinBounds.parse(System.getProperty("lab.spin.fixedSafetyBounds", "1x2")),
                SpinBounds.parse(System.getProperty("lab.spin.fixedLivenessBounds", "2x1")));
    }

    /** engine-buggy, H1: a safety search with the watchers on; every invalid end state is counted and replayed. */
    public SpinCheck buggyH1() {
        return new SpinCheck("buggy", "H1", BUGGY_MODEL, buggy, true, false, true);
    }

    /** engine-buggy, H2: the liveness property with the watchers off; every violation is counted and replayed. */
    public SpinCheck buggyH2() {
        return new SpinCheck("buggy", "H2", BUGGY_MODEL, buggy, false, true, true);
    }

    /** engine-fixed, H1: a safety search with the watchers on. */
    public SpinCheck fixedH1() {
        return new SpinCheck("fixed", "H1", FIXED_MODEL, fixedSafety, true, false, true);
    }

    /** engine-fixed, H2: the liveness property under weak fairness, with the watchers on. */
    public SpinCheck fixedH2() {
        return new SpinCheck("fixed", "H2", FIXED_MODEL, fixedLiveness, true, true, true);
    }
}
