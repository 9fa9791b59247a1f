package lab.kb905214.reports.html;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import lab.kb905214.reports.results.HarnessRun;

/**
 * The evidence of a run as a person should read it: the file's {@code evidence} text, or, when that text is the path
 * of a hang report, an excerpt of the report. Long texts are cut, saying where the rest is.
 *
 * @param text the text to show (not escaped)
 * @param source where it came from: the results file, or the hang report's path
 * @param truncated whether the text was cut
 */
record EvidenceText(String text, String source, boolean truncated) {
    static final int MAX_LINES = 250;
    static final int MAX_CHARS = 40_000;

    /** The evidence of {@code run}; relative report paths are tried against the results folder and its parents. */
    static EvidenceText of(HarnessRun run, Path resultsDir) {
        String evidence = run.evidence();
        Optional<Path> report = reportPath(evidence.strip(), resultsDir);
        if (report.isPresent()) {
            try {
                return cut(
                        Files.readString(report.get(), StandardCharsets.UTF_8),
                        report.get().toString());
            } catch (IOException | UncheckedIOException e) {
                return new EvidenceText(
                        evidence + "\n(could not read the hang report: " + e.getMessage() + ")", run.fileName(), false);
            }
        }
        return cut(evidence, run.fileName());
    }

    private static EvidenceText cut(String text, String source) {
        String[] lines = text.split("\n", -1);
        boolean truncated = false;
        String shown = text;
        if (lines.length > MAX_LINES) {
            shown = String.join("\n", Arrays.copyOf(lines, MAX_LINES));
            truncated = true;
        }
        if (shown.length() > MAX_CHARS) {
            shown = shown.substring(0, MAX_CHARS);
            truncated = true;
        }
        return new EvidenceText(shown, source, truncated);
    }

    /** A one-line evidence that names an existing file is a path to a hang report. */
    private static Optional<Path> reportPath(String evidence, Path resultsDir) {
        if (evidence.isEmpty() || evidence.contains("\n") || evidence.length() > 1000) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(evidence);
            List<Path> candidates = new ArrayList<>();
            if (path.isAbsolute()) {
                candidates.add(path);
            } else {
                for (Path base = resultsDir.toAbsolutePath();
                        base != null && candidates.size() < 4;
                        base = base.getParent()) {
                    candidates.add(base.resolve(path));
                }
            }
            return candidates.stream().filter(Files::isRegularFile).findFirst();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
