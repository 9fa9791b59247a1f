package lab.kb905214.reports.gate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import lab.kb905214.reports.results.BuildCheck;
import lab.kb905214.reports.results.HarnessRun;
import lab.kb905214.reports.results.LabResults;
import lab.kb905214.reports.results.RunKey;
import lab.kb905214.reports.results.ThisBuild;
import lab.kb905214.reports.results.UnreadableFile;
import lab.kb905214.results.Counters;
import lab.kb905214.results.Engine;
import lab.kb905214.results.Harness;
import lab.kb905214.results.ResultFields;

/**
 * The two-sided gate: fails when engine-fixed hangs or loses a verdict, when a required harness no longer sees the
 * bug on engine-buggy, when an expected results file is missing or unreadable, when a file comes from another build
 * or commit ({@link ThisBuild}), when a file's evidence does not hold together or contradicts a claim of the README
 * ({@link ReadmeClaims}), when a -Pstress file ran less than its budget ({@link StressBudget}), or when the kill matrix
 * says the harnesses let a mistake through ({@link MutantChecks}). It never looks at a probabilistic harness's miss in
 * a build that does not require it.
 */
public final class Gate {

    private Gate() {}

    /** Judges everything read from a results folder for the given profile, as results of the newest file's build. */
    public static GateDecision judge(LabResults results, GateProfile profile) {
        return judge(results, profile, Optional.empty());
    }

    /**
     * Judges everything read from a results folder for the given profile; every file must come from the build
     * {@code buildId} names (Maven passes its own), or, when empty, from the build of the newest file.
     */
    public static GateDecision judge(LabResults results, GateProfile profile, Optional<String> buildId) {
        Optional<ThisBuild> thisBuild = ThisBuild.of(everyRun(results), buildId);
        return judge(results, profile, thisBuild.isPresent() ? thisBuild.get() : BuildCheck.NONE);
    }

    /** Every file read: the harnesses' results and the mutants' verdicts. */
    public static List<HarnessRun> everyRun(LabResults results) {
        List<HarnessRun> everyRun = new ArrayList<>(results.runs());
        results.mutants().rows().forEach(row -> row.cells().values().forEach(cell -> everyRun.add(cell.run())));
        return everyRun;
    }

    /**
     * Judges {@code results} for {@code profile}, with {@code buildCheck} saying which build each file must come from
     * (one build, or under a merge of shards, each shard folder's own).
     */
    public static GateDecision judge(LabResults results, GateProfile profile, BuildCheck buildCheck) {
        Map<String, CaseBuilder> cases = new LinkedHashMap<>();
        for (RunKey key : ExpectedRuns.files(profile)) {
            cases.computeIfAbsent(key.fileName(), name -> new CaseBuilder(key, name));
        }
        for (RunKey key : ReadmeClaims.requiredFiles(profile)) {
            cases.computeIfAbsent(key.fileName(), name -> new CaseBuilder(key, name));
        }
        for (HarnessRun run : results.runs()) {
            CaseBuilder builder = cases.computeIfAbsent(run.fileName(), name -> new CaseBuilder(run.key(), name));
            builder.key = run.key();
            builder.found = true;
            builder.reasons.addAll(RunChecks.check(run));
            builder.reasons.addAll(ReadmeClaims.check(run));
            if (profile == GateProfile.STRESS && ExpectedRuns.files(profile).contains(run.key())) {
                builder.reasons.addAll(StressBudget.check(run));
            }
            builder.reasons.addAll(buildCheck.check(run));
            reproduction(run, results, profile, builder);
            sameCycleAsTheSchedule(run, results).ifPresent(builder.reasons::add);
            builder.reasons.addAll(SpinChecks.sameLeavesAsTheExplorer(run, results));
        }
        for (UnreadableFile bad : results.unreadable()) {
            CaseBuilder builder = cases.computeIfAbsent(bad.fileName(), name -> new CaseBuilder(keyOf(name), name));
            builder.found = true;
            builder.reasons.add("unreadable: " + bad.error());
        }
        boolean buggyReproduced = true;
        boolean fixedNeverHung = true;
        for (CaseBuilder builder : cases.values()) {
            if (!builder.found) {
                builder.reasons.add("missing: not found in " + results.dir() + " (did the " + builder.key.harness()
                        + " harness run?)");
            }
        }
        for (RunKey key : ExpectedRuns.files(profile)) {
            Optional<HarnessRun> run = results.find(key);
            if (key.is(Engine.BUGGY) && (run.isEmpty() || !ReadmeClaims.reproduces(run.get(), results))) {
                buggyReproduced = false;
            }
            if (key.is(Engine.FIXED) && run.isEmpty()) {
                fixedNeverHung = false; // a required fixed run with no readable file makes no claim at all
            }
        }
        for (HarnessRun run : results.runs()) {
            // A JCStress fork lost without a cycle or STALE fails the gate as an infrastructure failure, not a hang.
            boolean hung = run.hangs().isEmpty()
                    || (run.hangs().getAsLong() > 0 && !JcstressInfrastructure.onlyForksLost(run));
            // A lost verdict counts as a hang; a harness that cannot count them (a model) says so, and its hangs
            // cover it. A harness error is no evidence either way.
            boolean lost = run.lostVerdicts().isEmpty()
                    ? run.notObserved(ResultFields.LOST_VERDICTS).isEmpty()
                    : run.lostVerdicts().getAsLong() > 0;
            if (run.isFixed() && (hung || lost || run.harnessError().isPresent())) {
                fixedNeverHung = false;
            }
        }
        List<GateCase> judged = cases.values().stream()
                .map(CaseBuilder::build)
                .sorted(Comparator.comparing(
                                (GateCase c) -> ExpectedRuns.rank(c.key().harness()))
                        .thenComparing(c -> c.key().harness())
                        .thenComparing(c -> c.key().engine())
                        .thenComparing(c -> c.key().scenario())
                        .thenComparing(GateCase::file))
                .toList();
        List<Finding> reasons = new ArrayList<>();
        for (GateCase c : judged) {
            c.reasons().forEach(reason -> reasons.add(new Finding(c.key(), c.file(), reason)));
        }
        reasons.addAll(MutantChecks.check(results.mutants(), profile, buildCheck));
        return new GateDecision(profile, fixedNeverHung, buggyReproduced, reasons, judged);
    }

    /** A buggy run must hang where the profile requires its harness; elsewhere a miss is only noted. */
    private static void reproduction(HarnessRun run, LabResults results, GateProfile profile, CaseBuilder builder) {
        if (!run.isBuggy() || run.hangs().isEmpty() || ReadmeClaims.reproduces(run, results)) {
            return;
        }
        String missed = run.hangs().getAsLong() == 0
                ? "engine-buggy did not hang in " + run.explored().orElse(0) + " " + run.unit()
                : "engine-buggy hung without a lock cycle in the schedule's H1 methods (counters.cycleMethods = "
                        + run.counterStrings(Counters.CYCLE_METHODS) + "): a stalled probe alone is not H1";
        if (ExpectedRuns.mustReproduce(profile, run.harness(), run.scenario())) {
            builder.reasons.add("did not reproduce: " + missed + "; a harness that cannot see the bug proves nothing"
                    + " about the fix (required in the " + profile.id() + " build)");
        } else {
            builder.notes.add(missed + "; not required to reproduce in the " + profile.id() + " build");
        }
    }

    /**
     * The load harness's deadlock (failpoints off) must be the one the schedule forces: a cycle in other methods would
     * be another bug, and then the schedule would not be showing the hang that load finds.
     */
    private static Optional<String> sameCycleAsTheSchedule(HarnessRun run, LabResults results) {
        if (!run.is(Harness.LOAD) || !run.isBuggy()) {
            return Optional.empty();
        }
        Set<String> load = new TreeSet<>(run.counterStrings(Counters.CYCLE_METHODS));
        Set<String> schedule = results.find(new RunKey(Harness.SCHEDULE, Engine.BUGGY, "H1"))
                .map(r -> (Set<String>) new TreeSet<>(r.counterStrings(Counters.CYCLE_METHODS)))
                .orElse(Set.of());
        if (load.isEmpty() || schedule.isEmpty() || load.equals(schedule)) {
            return Optional.empty(); // nothing to compare: the other checks speak for a run without a cycle
        }
        return Optional.of("deadlock cycle in other methods than the schedule's H1 cycle: load " + load + ", schedule "
                + schedule);
    }

    /**
     * The key a file name stands for ({@code harness-engine-scenario.json}), for files that cannot say it themselves.
     */
    static RunKey keyOf(String fileName) {
        String base = fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
        String[] parts = base.split("-", 3);
        return parts.length == 3 ? new RunKey(parts[0], parts[1], parts[2]) : new RunKey(base, "?", "?");
    }

    /** Collects one case's reasons and notes before it is frozen into a {@link GateCase}. */
    private static final class CaseBuilder {
        RunKey key;
        final String file;
        boolean found;
        final List<String> reasons = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        CaseBuilder(RunKey key, String file) {
            this.key = key;
            this.file = file;
        }

        GateCase build() {
            GateCase.Status status =
                    !found ? GateCase.Status.MISSING : reasons.isEmpty() ? GateCase.Status.PASS : GateCase.Status.FAIL;
            return new GateCase(key, file, status, reasons, notes);
        }
    }
}
