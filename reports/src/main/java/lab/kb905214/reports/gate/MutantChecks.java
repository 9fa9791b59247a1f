package lab.kb905214.reports.gate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import lab.kb905214.reports.results.BuildCheck;
import lab.kb905214.reports.results.HarnessRun;
import lab.kb905214.reports.results.MutantMatrix;
import lab.kb905214.reports.results.RunKey;
import lab.kb905214.reports.results.UnreadableFile;
import lab.kb905214.results.Counters;
import lab.kb905214.results.Harness;
import lab.kb905214.results.MutantCounters;

/**
 * The gate's rules for the kill matrix: every mutant the build requires must have been run by every harness it
 * requires, no mutant may survive every harness (a survivor is a hole in the harnesses, or an equivalent mutant to
 * drop with a reason), and the control must survive every harness (a harness that kills engine-fixed's own logic
 * reports its own defect, and its kills mean nothing).
 */
public final class MutantChecks {
    /**
     * Every mutant the lab defines, the control first (results-schema's list, which the stress module's tests hold
     * equal to its {@code Mutant} enum). summary.json counts all of them, run or not.
     */
    public static final List<String> DEFINED_MUTANTS = MutantCounters.DEFINED;
    /** The mutants the default gate requires through each of its harnesses: every one. */
    static final List<String> DEFAULT_MUTANTS = DEFINED_MUTANTS;
    /** The mutants -Pstress runs: all of them. */
    public static final List<String> STRESS_MUTANTS = DEFINED_MUTANTS;
    /**
     * How many harnesses must kill each mutant under -Pstress: one harness's kill can be that harness's own artifact,
     * two independent ones cannot both be.
     */
    public static final int STRESS_KILLS = 2;
    /** How many mutants -Pstress lets a harness declare n/a for (it cannot control their threads). */
    static final int STRESS_NOT_APPLICABLE_MUTANTS = 2;
    /** The gate's rule for the matrix under -Pstress, as the report states it. */
    public static final String STRESS_RULE = "under -Pstress every mutant must be killed by at least " + STRESS_KILLS
            + " harnesses, and a harness may declare \"n/a\" (it cannot control the mutant's threads, reason given)"
            + " for at most " + STRESS_NOT_APPLICABLE_MUTANTS + " mutants";
    /** The harnesses the default build runs each mutant through (deterministic, fast). */
    public static final List<String> DEFAULT_HARNESSES = List.of(Harness.SCHEDULE.id(), Harness.LINCHECK.id());
    /** -Pstress runs every harness. */
    public static final List<String> STRESS_HARNESSES = MutantMatrix.HARNESSES;

    private MutantChecks() {}

    /** The mutants {@code profile} requires. */
    public static List<String> requiredMutants(GateProfile profile) {
        return profile == GateProfile.STRESS ? STRESS_MUTANTS : DEFAULT_MUTANTS;
    }

    /** The harnesses {@code profile} requires to run each mutant. */
    public static List<String> requiredHarnesses(GateProfile profile) {
        return profile == GateProfile.STRESS ? STRESS_HARNESSES : DEFAULT_HARNESSES;
    }

    /**
     * Every reason the matrix fails the gate in {@code profile}, each a finding about one mutant; every verdict file
     * must also pass {@code buildCheck} (come from the build being judged) and say where it came from.
     */
    public static List<Finding> check(MutantMatrix matrix, GateProfile profile, BuildCheck buildCheck) {
        List<Finding> findings = new ArrayList<>();
        for (MutantMatrix.Row row : matrix.rows()) {
            row.cells()
                    .forEach((harness, cell) -> fileChecks(cell, buildCheck)
                            .forEach(reason -> findings.add(finding(harness, row.mutant(), reason))));
        }
        for (String mutant : requiredMutants(profile)) {
            var row = matrix.row(mutant);
            for (String harness : requiredHarnesses(profile)) {
                if (row.flatMap(r -> r.cell(harness)).isEmpty()) {
                    findings.add(finding(
                            harness,
                            mutant,
                            "missing: the " + harness + " harness did not run mutant " + mutant + " (no "
                                    + fileName(harness, mutant) + ")"));
                }
            }
        }
        for (String mutant : notRun(matrix)) {
            findings.add(finding(
                    "mutation",
                    mutant,
                    "not run: no harness ran mutant " + mutant + " in this build"
                            + " (not exercised is not survived)"));
        }
        for (MutantMatrix.Row row : matrix.rows()) {
            if (row.isControl()) {
                for (String harness : row.killers()) {
                    findings.add(finding(
                            harness,
                            row.mutant(),
                            "the control " + row.mutant() + " (engine-fixed's logic,"
                                    + " unmutated) was killed: "
                                    + row.cells().get(harness).killedBy().orElse("")
                                    + "; this harness reports a defect of its own, so its kills mean nothing"));
                }
            } else if (!row.cells().isEmpty() && row.killers().isEmpty()) {
                findings.add(finding(
                        "mutation",
                        row.mutant(),
                        "mutant " + row.mutant() + " (" + row.title()
                                + ") survived every harness that ran it (" + String.join(", ", row.judgedBy())
                                + "): a hole in the harnesses, or an equivalent mutant to drop with a reason"));
            }
        }
        if (profile == GateProfile.STRESS) {
            findings.addAll(independentKills(matrix));
        }
        for (UnreadableFile bad : matrix.unreadable()) {
            findings.add(new Finding(
                    new RunKey("mutation", "?", "kill"),
                    MutantMatrix.FOLDER + "/" + bad.fileName(),
                    "unreadable: " + bad.error()));
        }
        return findings;
    }

    /** The -Pstress rule ({@link #STRESS_RULE}): two killing harnesses per mutant, few n/a mutants. */
    private static List<Finding> independentKills(MutantMatrix matrix) {
        List<Finding> findings = new ArrayList<>();
        List<String> withNotApplicable = new ArrayList<>();
        for (MutantMatrix.Row row : matrix.rows()) {
            if (row.isControl()) {
                continue;
            }
            if (row.cells().values().stream()
                    .anyMatch(cell -> cell.notApplicable().isPresent())) {
                withNotApplicable.add(row.mutant());
            }
            List<String> killers = row.killers();
            if (!killers.isEmpty() && killers.size() < STRESS_KILLS) {
                findings.add(finding(
                        "mutation",
                        row.mutant(),
                        "mutant " + row.mutant() + " (" + row.title()
                                + ") killed by " + killers.size() + " harness (" + String.join(", ", killers) + ") of "
                                + row.judgedBy().size() + " that judged it; -Pstress requires " + STRESS_KILLS
                                + " independent kills"));
            }
        }
        if (withNotApplicable.size() > STRESS_NOT_APPLICABLE_MUTANTS) {
            findings.add(finding(
                    "mutation",
                    String.join("+", withNotApplicable),
                    withNotApplicable.size()
                            + " mutants have a harness that declared itself n/a ("
                            + String.join(", ", withNotApplicable)
                            + "); -Pstress allows " + STRESS_NOT_APPLICABLE_MUTANTS));
        }
        return findings;
    }

    /** The defined mutants that no harness ran: no verdict file names them. */
    public static List<String> notRun(MutantMatrix matrix) {
        return DEFINED_MUTANTS.stream()
                .filter(m -> matrix.row(m).map(r -> r.cells().isEmpty()).orElse(true))
                .toList();
    }

    /** The checks every results file passes, as far as a mutant run file has them: provenance, build, explored. */
    private static List<String> fileChecks(MutantMatrix.Cell cell, BuildCheck buildCheck) {
        List<String> reasons = new ArrayList<>(RunChecks.provenanceOf(cell.run()));
        reasons.addAll(buildCheck.check(cell.run()));
        if (cell.notApplicable().isEmpty() && cell.run().explored().orElse(0) < 1) {
            reasons.add("explored nothing (explored = " + cell.run().explored().orElse(0) + " "
                    + cell.run().unit() + "): a verdict on a mutant no unit ran proves nothing");
        }
        reasons.addAll(neitherKillNorSurvival(cell));
        return reasons;
    }

    /** What the harness recorded that makes its verdict on the mutant neither a kill nor a survival. */
    private static List<String> neitherKillNorSurvival(MutantMatrix.Cell cell) {
        List<String> reasons = new ArrayList<>();
        HarnessRun run = cell.run();
        // Schedules that never reached their failpoints make a survival unproven; a kill is its own observation.
        if (run.is(Harness.SCHEDULE) && cell.notApplicable().isEmpty() && !cell.killed()) {
            var notExercised = run.counter(Counters.NOT_EXERCISED);
            if (notExercised.isEmpty()) {
                reasons.add("counters.notExercised is missing: cannot tell whether the schedules reached their"
                        + " failpoints");
            } else if (notExercised.getAsLong() > 0) {
                reasons.add("not exercised: " + notExercised.getAsLong() + " of "
                        + run.explored().orElse(0)
                        + " schedules never reached their failpoints, so they judged nothing (not a survival)");
            }
        }
        // The explorer's survival is every leaf of its trees: a search that stopped short judged only some of them.
        if (run.is(Harness.EXPLORE) && cell.notApplicable().isEmpty() && !cell.killed()) {
            JsonNode exhaustive = run.counterNode(Counters.EXHAUSTIVE);
            if (!exhaustive.isBoolean() || !exhaustive.asBoolean()) {
                reasons.add("not exhausted (counters.exhaustive = " + exhaustive + "): the explorer ran only part of"
                        + " its trees, so the mutant's survival is not proven");
            }
        }
        run.harnessError()
                .ifPresent(error -> reasons.add(
                        "harness error: " + error + " (the harness could not run the mutant: not a survival)"));
        var limit = run.counterNode(MutantCounters.TIME_LIMIT);
        if (!limit.isMissingNode() && !limit.isNull()) {
            reasons.add("time limit without a hang: " + limit.asText() + " (the run was cut short by the build's"
                    + " limit, which is neither a hang kill nor a survival)");
        }
        return reasons;
    }

    // Keyed as the mutant's file is named; a finding about several mutants at once names them all ("M7+M8").
    private static Finding finding(String harness, String mutant, String reason) {
        return new Finding(new RunKey(harness, "mutant-" + mutant, "kill"), fileName(harness, mutant), reason);
    }

    private static String fileName(String harness, String mutant) {
        return MutantMatrix.FOLDER + "/" + harness + "-mutant-" + mutant + "-kill.json";
    }
}
