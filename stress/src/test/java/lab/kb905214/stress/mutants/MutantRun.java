package lab.kb905214.stress.mutants;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lab.kb905214.results.Fields;
import lab.kb905214.results.Harness;
import lab.kb905214.results.MutantCounters;
import lab.kb905214.results.ResultFields;
import lab.kb905214.stress.results.HarnessResult;
import lab.kb905214.stress.results.Provenance;
import lab.kb905214.stress.results.ResultsDirectory;

/**
 * What one harness saw of one mutant: killed (a hang, a lost verdict, a double delivery, a wrong outcome or an
 * exception) or survived. Written as {@code lab-results/mutants/<harness>-mutant-<M>-kill.json}, in the results
 * shape, apart from the engines' own results so no engine table mistakes a mutant for an engine.
 *
 * @param harness the harness that judged the mutant
 * @param mutant the mutant
 * @param killedBy what the harness saw that no correct coordinator does, or null when the mutant survived
 * @param killedByAHang whether that was a hang with its proof (a lock cycle, a session stuck, a server without
 *     progress): the run's {@code hangs} is then 1, and 0 for a kill by a wrong outcome, a lost or doubled verdict
 * @param secondsToKill from the harness's start on this mutant to the end of the killing unit, or null
 * @param explored units run (up to and including the killing one)
 * @param unit the harness's unit
 * @param seconds wall time spent on this mutant
 * @param evidence the killing unit's description, trace or dump excerpt
 * @param failpointsArmed whether the mutant's failpoints recorded an armed schedule, as they report it, or null
 * @param failpointsHit the steps the failpoints recorded as reached while armed
 * @param lostVerdicts the mutant coordinators' own count of verdicts posted that never reached their waiter, or null
 * @param notObserved for each of the two above left null, why the harness cannot observe it
 */
public record MutantRun(
        Harness harness,
        Mutant mutant,
        String killedBy,
        boolean killedByAHang,
        Double secondsToKill,
        long explored,
        String unit,
        double seconds,
        String evidence,
        Boolean failpointsArmed,
        List<String> failpointsHit,
        Long lostVerdicts,
        Map<String, String> notObserved) {

    /** A run in which the failpoints and the lost verdicts were observed. */
    public MutantRun(
            Harness harness,
            Mutant mutant,
            String killedBy,
            boolean killedByAHang,
            Double secondsToKill,
            long explored,
            String unit,
            double seconds,
            String evidence,
            boolean failpointsArmed,
            List<String> failpointsHit,
            long lostVerdicts) {
        this(
                harness,
                mutant,
                killedBy,
                killedByAHang,
                secondsToKill,
                explored,
                unit,
                seconds,
                evidence,
                (Boolean) failpointsArmed,
                failpointsHit,
                (Long) lostVerdicts,
                Map.of());
    }

    /** The sub-folder of the results folder where mutant runs are written. */
    public static final String FOLDER = "mutants";

    /** A run whose kill is a hang, or none at all. */
    public MutantRun {
        if (killedByAHang && killedBy == null) {
            throw new IllegalArgumentException("a hang that killed nothing: " + mutant);
        }
    }

    /** Whether the harness killed the mutant. */
    public boolean killed() {
        return killedBy != null;
    }

    /** What the harness concluded, for the test's log: "killed after 1.2 s: why", or "survived". */
    public String verdict() {
        return killed() ? "killed after " + secondsToKill + " s: " + killedBy : "survived";
    }

    /** Fails the test when this run killed the control: the harness then reports a defect of its own. */
    public void requireControlSurvived() {
        if (mutant.isControl()) {
            assertThat(killedBy).as("the control must survive\n%s", evidence).isNull();
        }
    }

    /** Writes this run into {@code lab-results/mutants/} and returns the file. */
    public Path write(Provenance provenance) {
        return write(provenance, null, new Fields());
    }

    /**
     * Writes this run, and returns the file, with what else the harness observed that makes it neither kill nor
     * survival (e.g. {@code notExercised}, {@code harnessError}, {@code timeLimit}), as counters the gate judges.
     */
    public Path write(Provenance provenance, Fields observed) {
        return write(provenance, null, observed);
    }

    /**
     * Records that {@code harness} cannot judge {@code mutant} at all, and why (e.g. the mutant runs threads the
     * harness does not control, so its findings would be its own artifacts): shown as "n/a", never as a survival.
     */
    public static Path writeNotApplicable(Harness harness, Mutant mutant, String reason, Provenance provenance) {
        String notRun = "the harness did not run this mutant: " + reason;
        return new MutantRun(
                        harness,
                        mutant,
                        null,
                        false,
                        null,
                        0,
                        "invocations",
                        0,
                        reason,
                        null,
                        List.of(),
                        null,
                        Map.of(ResultFields.FAILPOINTS_ARMED.name(), notRun, ResultFields.LOST_VERDICTS.name(), notRun))
                .write(provenance, reason, new Fields());
    }

    private Path write(Provenance provenance, String notApplicable, Fields observed) {
        Fields counters = new Fields()
                .put(MutantCounters.MUTANT, mutant.name())
                .put(MutantCounters.TITLE, mutant.title())
                .put(MutantCounters.CHANGE, mutant.change())
                .note("control", mutant.isControl())
                .note("killed", killed())
                .put(MutantCounters.KILLED_BY, killedBy)
                .put(MutantCounters.SECONDS_TO_KILL, secondsToKill);
        if (notApplicable != null) {
            counters.put(MutantCounters.NOT_APPLICABLE, notApplicable);
        }
        counters.putAll(observed);
        ResultsDirectory dir =
                ResultsDirectory.at(ResultsDirectory.fromSystemProperty().path().resolve(FOLDER));
        return dir.write(new HarnessResult(
                harness,
                mutant.engine(),
                "kill",
                explored,
                unit,
                killedByAHang ? 1 : 0,
                lostVerdicts,
                killedByAHang ? explored : null,
                seconds,
                evidence == null ? "" : evidence,
                failpointsArmed,
                failpointsHit,
                counters,
                provenance,
                notObserved));
    }
}
