package lab.kb905214.reports;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The build's entry point: writes the report, then applies the gate. Exit status 0 = gate passed, 1 = gate failed
 * (reasons on stderr), 2 = the report could not be written. The report is on disk before the status is decided.
 */
public final class LabReportMain {

    private LabReportMain() {}

    /**
     * Runs with the folders, profile and build from system properties ({@code lab.results.dir}, {@code lab.report.dir},
     * {@code lab.gate.profile}, {@code lab.buildId}).
     */
    public static void main(String[] args) {
        System.exit(run(System.out, System.err));
    }

    /** Writes the report and judges; returns the exit status. */
    static int run(PrintStream out, PrintStream err) {
        Path resultsDir = Path.of(System.getProperty(LabReport.RESULTS_DIR_PROPERTY, LabReport.DEFAULT_RESULTS_DIR))
                .toAbsolutePath().normalize();
        Path outDir = Path.of(System.getProperty(LabReport.REPORT_DIR_PROPERTY, LabReport.DEFAULT_REPORT_DIR))
                .toAbsolutePath().normalize();
        LabSummary summary;
        try {
            GateProfile profile = GateProfile.named(System.getProperty(LabReport.PROFILE_PROPERTY));
            String buildId = System.getProperty(LabReport.BUILD_ID_PROPERTY, "");
            summary = LabReport.write(resultsDir, outDir, profile,
                    buildId.isBlank() ? Optional.empty() : Optional.of(buildId.trim()));
        } catch (UncheckedIOException | IllegalArgumentException e) {
            err.println("lab report: " + e.getMessage());
            return 2;
        }
        Verdict verdict = summary.verdict();
        out.println("lab report: " + summary.indexHtml().toAbsolutePath().normalize() + " ("
                + summary.results().runs().size() + " results files, " + summary.results().unreadable().size()
                + " unreadable)");
        if (verdict.passed()) {
            out.println("lab gate (" + verdict.profile().id() + "): PASS: engine-fixed never hung; engine-buggy"
                    + " reproduced in every required harness (" + verdict.cases().size() + " cases)");
            return 0;
        }
        err.println("lab gate (" + verdict.profile().id() + "): FAIL (" + verdict.reasons().size() + " reason(s);"
                + " fixedNeverHung=" + verdict.fixedNeverHung() + ", buggyReproduced=" + verdict.buggyReproduced() + ")");
        for (Finding finding : verdict.reasons()) {
            err.println("  - " + finding);
        }
        err.println("  report: " + summary.indexHtml().toAbsolutePath().normalize());
        return 1;
    }
}
