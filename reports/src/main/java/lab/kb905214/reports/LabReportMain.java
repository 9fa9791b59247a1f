package lab.kb905214.reports;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import lab.kb905214.reports.gate.Finding;
import lab.kb905214.reports.gate.GateDecision;
import lab.kb905214.reports.gate.GateProfile;
import lab.kb905214.reports.shard.ShardCheck;
import lab.kb905214.reports.shard.ShardMergeException;

/**
 * The build's entry point: writes the report, then applies the gate. Exit status 0 = gate passed, 1 = gate failed
 * (reasons on stderr), 2 = the report could not be written. The report is on disk before the status is decided.
 *
 * <p>{@code --merge DIR...} reads the results folders of a sharded run instead (one per shard) and writes one report
 * and one gate for all of them (2 also when they do not merge). In a shard's own build ({@code lab.shard} set) there
 * is nothing to gate yet: the shard's folder is checked to be one shard of this build, and the gate is the merge's.
 */
public final class LabReportMain {
    /** The argument that names the shards' folders to merge. */
    static final String MERGE = "--merge";

    private LabReportMain() {}

    /**
     * Runs with the folders, profile and build from system properties ({@code lab.results.dir}, {@code lab.report.dir},
     * {@code lab.gate.profile}, {@code lab.buildId}, {@code lab.shard}), or merges the folders after {@code --merge}.
     */
    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    /** Writes the report and judges; returns the exit status. */
    public static int run(PrintStream out, PrintStream err) {
        return run(List.of(), out, err);
    }

    /** Writes the report and judges, merging the folders after {@code --merge} when given; returns the exit status. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Path outDir = Path.of(System.getProperty(LabReport.REPORT_DIR_PROPERTY, LabReport.DEFAULT_REPORT_DIR))
                .toAbsolutePath()
                .normalize();
        String shard = given(ShardCheck.SHARD_PROPERTY).orElse("");
        LabSummary summary;
        try {
            GateProfile profile = GateProfile.named(System.getProperty(LabReport.PROFILE_PROPERTY));
            Optional<String> buildId = given(LabReport.BUILD_ID_PROPERTY);
            if (!args.isEmpty()) {
                if (!args.get(0).equals(MERGE) || args.size() < 2) {
                    err.println("lab report: usage: LabReportMain [" + MERGE + " DIR...] (got " + args + ")");
                    return 2;
                }
                List<Path> dirs =
                        args.subList(1, args.size()).stream().map(Path::of).toList();
                Optional<GateProfile> asked = given(LabReport.PROFILE_PROPERTY).map(GateProfile::named);
                summary = LabReport.writeMerged(dirs, outDir, asked);
            } else if (!shard.isEmpty()) {
                return ShardCheck.run(resultsDir(), shard, buildId, profile, out, err);
            } else {
                summary = LabReport.write(resultsDir(), outDir, profile, buildId);
            }
        } catch (UncheckedIOException | IllegalArgumentException e) {
            err.println("lab report: " + e.getMessage());
            return 2;
        } catch (ShardMergeException e) {
            err.println("lab report: cannot merge the shards' results ("
                    + e.problems().size() + " problem(s)):");
            e.problems().forEach(problem -> err.println("  - " + problem));
            return 2;
        }
        return verdict(summary, out, err);
    }

    private static int verdict(LabSummary summary, PrintStream out, PrintStream err) {
        GateDecision verdict = summary.verdict();
        out.println("lab report: " + summary.indexHtml().toAbsolutePath().normalize() + " ("
                + summary.results().runs().size() + " results files, "
                + summary.results().unreadable().size()
                + " unreadable)");
        if (verdict.passed()) {
            out.println("lab gate (" + verdict.profile().id() + "): PASS: engine-fixed never hung; engine-buggy"
                    + " reproduced in every required harness ("
                    + verdict.cases().size() + " cases)");
            return 0;
        }
        err.println("lab gate (" + verdict.profile().id() + "): FAIL ("
                + verdict.reasons().size() + " reason(s);" + " fixedNeverHung=" + verdict.fixedNeverHung()
                + ", buggyReproduced=" + verdict.buggyReproduced() + ")");
        for (Finding finding : verdict.reasons()) {
            err.println("  - " + finding);
        }
        err.println("  report: " + summary.indexHtml().toAbsolutePath().normalize());
        return 1;
    }

    private static Path resultsDir() {
        return Path.of(System.getProperty(LabReport.RESULTS_DIR_PROPERTY, LabReport.DEFAULT_RESULTS_DIR))
                .toAbsolutePath()
                .normalize();
    }

    /** A system property Maven set to a value (an unset Maven property arrives blank or as "${name}"). */
    private static Optional<String> given(String property) {
        String value = System.getProperty(property, "");
        return value.isBlank() || value.startsWith("${") ? Optional.empty() : Optional.of(value.trim());
    }
}
