package lab.kb905214.reports.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lab.kb905214.reports.results.RunKey;
import lab.kb905214.results.Engine;
import lab.kb905214.results.Harness;

/**
 * The results files each build expects, and which harnesses must reproduce the bug on engine-buggy.
 *
 * <p>A row lists a harness, its scenarios and the first profile that requires it. A required harness must have
 * a results file for every scenario on both engines, and must show hangs on engine-buggy. JCStress and load are
 * probabilistic: in the default build their budget cannot make a miss negligible, so requiring them there would
 * let the gate fail by chance; they are required under {@code -Pstress} only.
 */
public final class ExpectedRuns {

    /**
     * One row of the table.
     *
     * @param harness the harness
     * @param scenarios the scenarios it must run
     * @param requiredFrom the first profile that requires it
     */
    public record Row(Harness harness, List<String> scenarios, GateProfile requiredFrom) {}

    /** The engines every required scenario runs on. */
    public static final List<Engine> ENGINES = List.of(Engine.BUGGY, Engine.FIXED);

    /** The table; add a row to require a new harness. */
    public static final List<Row> TABLE = List.of(
            new Row(Harness.SCHEDULE, List.of("H1", "H2"), GateProfile.DEFAULT),
            // Every feasible interleaving of one transaction's race windows, on the real engine.
            new Row(Harness.EXPLORE, List.of("single"), GateProfile.DEFAULT),
            // The same with the client's moves as branches (it leaves or pipelines RSET at any point, or never moves).
            new Row(Harness.EXPLORE, List.of("client-moves"), GateProfile.STRESS),
            // Two transactions on one session (STALE): the first check's completion may come into the second's window.
            new Row(Harness.EXPLORE, List.of("stale"), GateProfile.STRESS),
            new Row(Harness.LINCHECK, List.of("H1", "H2"), GateProfile.DEFAULT),
            // SPIN on the Promela models: H1 a safety search, H2 the liveness property (every wait ends).
            new Row(Harness.SPIN, List.of("H1", "H2"), GateProfile.DEFAULT),
            new Row(Harness.JCSTRESS, List.of("H1", "H2"), GateProfile.STRESS),
            // The load harness drives real clients; only H1 stops the whole server, which is what it measures.
            new Row(Harness.LOAD, List.of("H1"), GateProfile.STRESS),
            // The judge's calibration: engine-fixed under overload must show no proven hang, engine-buggy some.
            new Row(Harness.JUDGE, List.of("calibration"), GateProfile.DEFAULT));

    /**
     * Runs every build requires of engine-fixed alone: the load through a real Unbound resolving from NSD must hold.
     * engine-buggy's side of it ({@code load-buggy-unbound}) is a detection by chance, recorded as information.
     */
    public static final List<RunKey> FIXED_ONLY = List.of(new RunKey(Harness.LOAD, Engine.FIXED, "unbound"));

    /**
     * engine-buggy's side of the load through Unbound: information in the default build (5 runs cannot make a miss
     * negligible), required to reproduce under {@code -Pstress}, with a budget sized from the rate it showed.
     */
    public static final List<RunKey> BUGGY_FROM_STRESS = List.of(new RunKey(Harness.LOAD, Engine.BUGGY, "unbound"));

    /**
     * Lincheck on real threads ({@code runConcurrentTest}), required from the default build on: engine-buggy's H1
     * and H2 must hang there too, and engine-fixed's three paths must hold. A crash of Lincheck is written as a
     * harness error, so a missing file is never silently a pass.
     */
    public static final List<RunKey> REAL_THREADS = List.of(
            new RunKey(Harness.LINCHECK, Engine.BUGGY, "H1-threads"),
            new RunKey(Harness.LINCHECK, Engine.BUGGY, "H2-threads"),
            new RunKey(Harness.LINCHECK, Engine.FIXED, "three-paths-threads"));

    /**
     * engine-fixed's SPIN searches again with three sessions (safety and liveness), required under {@code -Pstress}:
     * the default build's bounds have one or two sessions; the stress gate checks the files' own bounds.
     */
    public static final List<RunKey> SPIN_WIDE_FROM_STRESS = List.of(
            new RunKey(Harness.SPIN, Engine.FIXED, "H1-wide"), new RunKey(Harness.SPIN, Engine.FIXED, "H2-wide"));

    private ExpectedRuns() {}

    /** The rows that {@code profile} requires. */
    public static List<Row> required(GateProfile profile) {
        return TABLE.stream()
                .filter(row -> profile.includes(row.requiredFrom()))
                .toList();
    }

    /** The results files {@code profile} expects, as keys (harness, engine, scenario). */
    public static List<RunKey> files(GateProfile profile) {
        List<RunKey> keys = new ArrayList<>();
        for (Row row : required(profile)) {
            for (Engine engine : ENGINES) {
                for (String scenario : row.scenarios()) {
                    keys.add(new RunKey(row.harness(), engine, scenario));
                }
            }
        }
        keys.addAll(FIXED_ONLY); // required from the default build on, so in every profile
        keys.addAll(REAL_THREADS);
        if (profile.includes(GateProfile.STRESS)) {
            keys.addAll(BUGGY_FROM_STRESS);
            keys.addAll(SPIN_WIDE_FROM_STRESS);
        }
        return keys;
    }

    /** The table row of a harness, if it has one. */
    public static Optional<Row> row(String harness) {
        return TABLE.stream().filter(row -> row.harness().id().equals(harness)).findFirst();
    }

    /** Whether {@code profile} requires {@code harness} to reproduce {@code scenario} on engine-buggy. */
    public static boolean mustReproduce(GateProfile profile, String harness, String scenario) {
        return required(profile).stream()
                        .anyMatch(row -> row.harness().id().equals(harness)
                                && row.scenarios().contains(scenario))
                || REAL_THREADS.contains(new RunKey(harness, Engine.BUGGY.id(), scenario))
                || (profile.includes(GateProfile.STRESS)
                        && BUGGY_FROM_STRESS.contains(new RunKey(harness, Engine.BUGGY.id(), scenario)));
    }

    /** The order harnesses are shown in: the table's, then any other harness by name. */
    public static int rank(String harness) {
        for (int i = 0; i < TABLE.size(); i++) {
            if (TABLE.get(i).harness().id().equals(harness)) {
                return i;
            }
        }
        return TABLE.size();
    }
}
