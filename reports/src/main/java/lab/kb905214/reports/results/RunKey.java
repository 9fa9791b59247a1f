package lab.kb905214.reports.results;

import lab.kb905214.results.Harness;

/**
 * What a results file is about: one harness on one engine in one scenario.
 *
 * @param harness a {@link Harness}'s name, or "mutation" for the gate's findings about the mutants as a whole
 * @param engine buggy or fixed
 * @param scenario H1, H2, ...
 */
public record RunKey(String harness, String engine, String scenario) {

    /** The key of {@code harness}'s run on {@code engine} in {@code scenario}. */
    public RunKey(Harness harness, String engine, String scenario) {
        this(harness.id(), engine, scenario);
    }

    /** The file name a harness writes for this key, e.g. {@code schedule-buggy-H1.json}. */
    public String fileName() {
        return harness + "-" + engine + "-" + scenario + ".json";
    }

    /** "harness / engine / scenario", the way failure messages name a run. */
    @Override
    public String toString() {
        return harness + " / " + engine + " / " + scenario;
    }
}
