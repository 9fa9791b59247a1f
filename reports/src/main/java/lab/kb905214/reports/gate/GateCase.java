package lab.kb905214.reports.gate;

import java.util.List;
import java.util.Locale;
import lab.kb905214.reports.results.RunKey;

/**
 * The gate's judgement of one harness × engine × scenario: one JUnit test case, one row of the report.
 *
 * @param key the run
 * @param file the results file name (expected or found)
 * @param status pass, fail, or missing
 * @param reasons why it fails (empty when it passes)
 * @param notes information that does not fail the gate (e.g. a probabilistic harness not required here)
 */
public record GateCase(RunKey key, String file, Status status, List<String> reasons, List<String> notes) {

    /** How a case came out. */
    public enum Status {
        /** The file exists and every check held. */
        PASS,
        /** The file exists (or is unreadable) and a check failed. */
        FAIL,
        /** An expected file does not exist. */
        MISSING;

        /** The status in lower case, as summary.json writes it. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Freezes the lists, so a judged case cannot change. */
    public GateCase {
        reasons = List.copyOf(reasons);
        notes = List.copyOf(notes);
    }

    /** Whether the gate fails because of this case. */
    public boolean failed() {
        return status != Status.PASS;
    }
}
