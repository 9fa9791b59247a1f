package lab.kb905214.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import lab.kb905214.reports.gate.Gate;
import lab.kb905214.reports.gate.GateDecision;
import lab.kb905214.reports.gate.GateProfile;
import lab.kb905214.reports.html.ReportPage;
import lab.kb905214.reports.perf.PerformanceSection;
import lab.kb905214.reports.results.LabResults;
import lab.kb905214.reports.results.ResultsFolder;
import lab.kb905214.reports.shard.MergedResults;
import lab.kb905214.reports.shard.ShardFolder;
import lab.kb905214.reports.shard.ShardMerge;
import lab.kb905214.reports.shard.ShardMergeException;

/** Reads a results folder, judges it, and writes index.html, summary.json and junit.xml: the API a CLI calls. */
public final class LabReport {
    /** The system property naming the results folder. */
    public static final String RESULTS_DIR_PROPERTY = "lab.results.dir";
    /** The system property naming the report folder. */
    public static final String REPORT_DIR_PROPERTY = "lab.report.dir";
    /** The system property naming the build the gate judges (Maven's {@code lab.buildId}); unset: the newest file's. */
    public static final String BUILD_ID_PROPERTY = "lab.buildId";
    /** The system property naming the gate profile (default or stress). */
    public static final String PROFILE_PROPERTY = "lab.gate.profile";
    /** The results folder relative to the reports module, when no property names one. */
    public static final String DEFAULT_RESULTS_DIR = "../stress/target/lab-results";
    /** The report folder relative to the reports module, when no property names one. */
    public static final String DEFAULT_REPORT_DIR = "target/lab-report";
    /** The system property naming the benchmarks' results (bench.json), when not beside the results folder's tree. */
    public static final String BENCH_JSON_PROPERTY = "lab.bench.json";

    private LabReport() {}

    /** Writes the report for the profile named by {@code lab.gate.profile} (default when unset). */
    public static LabSummary write(Path resultsDir, Path outDir) {
        return write(resultsDir, outDir, GateProfile.named(System.getProperty(PROFILE_PROPERTY)));
    }

    /**
     * Reads {@code resultsDir}, judges it for {@code profile} as the results of the newest file's build (a folder
     * reread after the build), and writes the three report files into {@code outDir}.
     */
    public static LabSummary write(Path resultsDir, Path outDir, GateProfile profile) {
        return write(resultsDir, outDir, profile, Optional.empty());
    }

    /** Like {@link #write(Path, Path, GateProfile)}; every file must come from build {@code buildId} when given. */
    public static LabSummary write(Path resultsDir, Path outDir, GateProfile profile, Optional<String> buildId) {
        LabResults results = ResultsFolder.read(resultsDir);
        return writeFiles(results, Gate.judge(results, profile, buildId), List.of(), resultsDir, outDir);
    }

    /**
     * Merges the results folders of a sharded run ({@code -Dlab.shard=K/N}, one folder per shard), judges them as one
     * run of the shards' profile (each file against its own shard's build), and writes one report into
     * {@code outDir}; {@code profile}, when given, must be the shards' own.
     */
    public static LabSummary writeMerged(List<Path> shardDirs, Path outDir, Optional<GateProfile> profile)
            throws ShardMergeException {
        MergedResults merged = ShardMerge.merge(shardDirs);
        if (profile.isPresent() && profile.get() != merged.profile()) {
            throw new ShardMergeException(
                    List.of("the shards ran the " + merged.profile().id() + " profile, the gate" + " was asked for "
                            + profile.get().id() + ": a gate judges runs by their own profile's budgets"));
        }
        GateDecision verdict = Gate.judge(merged.results(), merged.profile(), merged.buildCheck());
        return writeFiles(
                merged.results(), verdict, merged.shards(), merged.results().dir(), outDir);
    }

    private static LabSummary writeFiles(
            LabResults results, GateDecision verdict, List<ShardFolder> shards, Path resultsDir, Path outDir) {
        Instant now = Instant.now();
        try {
            Files.createDirectories(outDir);
            // The benchmarks measure and write bench/target/bench.json (-Pbench); the report carries a copy.
            Path bench = benchJson(resultsDir);
            if (Files.isRegularFile(bench)) {
                PerformanceSection.copyInto(bench, outDir);
            }
            // Each file is written whole then renamed, so a reader never sees half a report.
            writeAtomically(outDir.resolve("summary.json"), SummaryJson.render(results, verdict, now, shards));
            writeAtomically(outDir.resolve("junit.xml"), JUnitXml.render(results, verdict));
            writeAtomically(outDir.resolve("index.html"), ReportPage.render(results, verdict, outDir, now, shards));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lab report into " + outDir + ": " + e.getMessage(), e);
        }
        return new LabSummary(results, verdict, outDir);
    }

    /** bench.json: {@code lab.bench.json}, else bench/target/ of the tree whose stress/target/ holds the results. */
    static Path benchJson(Path resultsDir) {
        String named = System.getProperty(BENCH_JSON_PROPERTY);
        if (named != null && !named.isBlank()) {
            return Path.of(named);
        }
        return resultsDir
                .toAbsolutePath()
                .normalize()
                .resolve("../../../bench/target/" + PerformanceSection.FILE_NAME)
                .normalize();
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        // Not Files.createTempFile: it makes the file owner-only, and CI servers publish the report as artifacts.
        Path tmp = file.resolveSibling(
                "." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
