package lab.kb905214.reports.gate;

import lab.kb905214.reports.results.RunKey;

/**
 * One reason the gate fails, tied to the run it is about.
 *
 * @param key the run (harness, engine, scenario)
 * @param file the results file it concerns
 * @param reason what is wrong, in words
 */
public record Finding(RunKey key, String file, String reason) {

    /** "harness / engine / scenario (file): reason". */
    @Override
    public String toString() {
        return key + " (" + file + "): " + reason;
    }
}
