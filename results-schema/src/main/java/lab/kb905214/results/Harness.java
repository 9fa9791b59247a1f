package lab.kb905214.results;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** The harnesses that write results files, by the name the files carry: {@code <harness>-<engine>-<scenario>.json}. */
public enum Harness {
    /** Deterministic schedules: failpoints replay one interleaving of the race windows on the real engine. */
    SCHEDULE("schedule"),
    /** The explorer: every feasible order of the race windows' steps, each run on the real engine. */
    EXPLORE("explore"),
    /** Lincheck's model checker (and its real-threads runs) on the coordinator alone. */
    LINCHECK("lincheck"),
    /** JCStress forks sampling the coordinator's outcomes. */
    JCSTRESS("jcstress"),
    /** Real SMTP clients against the engine under load. */
    LOAD("load"),
    /** SPIN on the Promela models of both coordinators. */
    SPIN("spin"),
    /** The judge's calibration grid: load runs under conditions, judged for hangs. */
    JUDGE("judge");

    private final String id;

    Harness(String id) {
        this.id = id;
    }

    /** The name in the file and in its file name. */
    @JsonValue
    public String id() {
        return id;
    }

    /** The harness a file names, or empty for a name no harness writes. */
    public static Optional<Harness> of(String id) {
        for (Harness harness : values()) {
            if (harness.id.equals(id)) {
                return Optional.of(harness);
            }
        }
        return Optional.empty();
    }
}
