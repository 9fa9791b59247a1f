package lab.kb905214.reports.results;

import lab.kb905214.results.Engine;
import lab.kb905214.results.Harness;

/**
 * What a results file is about: one harness on one engine in one scenario.
 *
 * <p>The parts are kept as the file says them, so that the gate can name a file whose harness or engine no longer
 * exists (and fail it for that); a run the code itself names is written with the typed constructor.
 *
 * @param harness a {@link Harness}'s name, or "mutation" for the gate's findings about the mutants as a whole
 * @param engine an {@link Engine}'s name, or whatever a malformed file says
 * @param scenario H1, H2, ...
 */
public record RunKey(String harness, String engine, String scenario) {

    /** The key of {@code harness}'s run on {@code engine} in {@code scenario}. */
    public RunKey(Harness harness, Engine engine, String scenario) {
        this(harness.id(), engine.id(), scenario);
    }

    /** Whether the run is on {@code engine}. */
    public boolean is(Engine engine) {
        return engine.id().equals(this.engine);
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
