package lab.kb905214.lab;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import lab.kb905214.reports.LabReport;
import lab.kb905214.reports.LabSummary;
import lab.kb905214.reports.gate.GateDecision;
import lab.kb905214.reports.gate.GateProfile;
import lab.kb905214.reports.shard.ShardMergeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lab report}: rebuilds the lab report from the results files already on disk. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Rebuild the lab report from the results on disk.",
            "",
            "Rebuilds the lab report (index.html, summary.json, junit.xml) from the results files the harnesses "
                    + "wrote (mvn -B verify), without running anything, and prints where it is and what the gate says. To "
                    + "see the runs of lab reproduce in a report: --results-dir lab-cli/target/lab-results --out DIR.",
            "",
            "--merge DIR... merges the results folders of a sharded run (mvn -B verify -Pstress -Dlab.shard=K/N on "
                    + "N machines, one folder per shard) into one report and one gate; it refuses (exit 2) duplicate or "
                    + "missing shards, mixed commits and mixed profiles, and exits 1 when the gate fails.",
            ""
        },
        sortOptions = false)
final class ReportCommand implements Callable<Integer> {
    /** How many of the gate's reasons are printed; the report has all of them. */
    static final int REASONS_SHOWN = 5;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--results-dir",
            paramLabel = "DIR",
            converter = Arguments.UserPath.class,
            description = "the results files to read (default: stress/target/lab-results)")
    Path resultsDir;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            converter = Arguments.UserPath.class,
            description = "where to write the report (default: reports/target/lab-report)")
    Path outDir;

    @Option(
            names = "--merge",
            paramLabel = "DIR",
            arity = "1..*",
            converter = Arguments.UserPath.class,
            description = "merge these shards' results folders (one per shard) into one report and one gate")
    List<Path> mergeDirs;

    @Option(
            names = "--profile",
            paramLabel = "PROFILE",
            description = "the gate's profile: default (mvn -B verify) or stress (-Pstress) (default: default;"
                    + " with --merge, the shards' own)")
    String profile;

    @Option(names = "--open", description = "open the report in a browser (xdg-open), or say why it cannot")
    boolean open;

    @Override
    public Integer call() throws IOException {
        GateProfile gateProfile;
        try {
            gateProfile = GateProfile.named(profile);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--profile: " + e.getMessage());
        }
        if (mergeDirs != null && resultsDir != null) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--merge and --results-dir: give one (--merge reads" + " every shard's folder itself)");
        }
        Path results = resultsDir == null ? LabPaths.harnessResults() : resultsDir;
        Path out = outDir == null ? LabPaths.reportDir() : outDir;
        PrintWriter stdout = spec.commandLine().getOut();
        LabSummary summary;
        try {
            if (mergeDirs != null) {
                summary = LabReport.writeMerged(
                        mergeDirs, out, Optional.ofNullable(profile).map(p -> gateProfile));
            } else {
                summary = LabReport.write(results, out, gateProfile);
            }
        } catch (UncheckedIOException e) {
            throw new IOException(e.getMessage(), e);
        } catch (ShardMergeException e) {
            PrintWriter stderr = spec.commandLine().getErr();
            stderr.println("lab report: cannot merge the shards' results ("
                    + e.problems().size() + " problem(s)):");
            e.problems().forEach(problem -> stderr.println("  - " + problem));
            stderr.flush();
            return ExitCodes.USAGE;
        }
        int read = summary.results().runs().size();
        stdout.println(summary.indexHtml().toAbsolutePath().normalize());
        stdout.printf(
                "  from %d results file%s in %s%s%n",
                read,
                read == 1 ? "" : "s",
                mergeDirs == null ? LabPaths.show(results) : mergeDirs.size() + " shards' folders",
                summary.results().unreadable().isEmpty()
                        ? ""
                        : " (" + summary.results().unreadable().size() + " unreadable, listed in the report)");
        if (read == 0) {
            stdout.println("  no results yet: mvn -B verify runs the harnesses and writes them");
        }
        GateDecision verdict = summary.verdict();
        stdout.println("  gate (" + verdict.profile().id() + "): " + verdict.gate());
        verdict.reasons().stream().limit(REASONS_SHOWN).forEach(reason -> stdout.println("    - " + reason));
        if (verdict.reasons().size() > REASONS_SHOWN) {
            stdout.println("    ... and " + (verdict.reasons().size() - REASONS_SHOWN) + " more in summary.json");
        }
        if (open) {
            stdout.println(openInBrowser(summary.indexHtml()));
        }
        stdout.flush();
        // A merge is the gate of a sharded run (the CI's last step): its failure is the command's.
        return mergeDirs != null && !verdict.passed() ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private static String openInBrowser(Path page) {
        try {
            Process process = new ProcessBuilder(
                            "xdg-open", page.toAbsolutePath().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            // xdg-open hands the page to a browser and returns; one that stays is a browser it became: leave it.
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                return "  opening it with xdg-open";
            }
            return process.exitValue() == 0
                    ? "  opened with xdg-open"
                    : "  cannot open a browser here (xdg-open exited " + process.exitValue()
                            + "): open the path above yourself";
        } catch (IOException e) {
            return "  cannot open a browser here (xdg-open is not installed): open the path above yourself";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "  interrupted while opening the report";
        }
    }
}
