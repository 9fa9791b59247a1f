package lab.kb905214.reports.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import lab.kb905214.reports.html.HtmlText;

/**
 * The report's "Performance" section: reads {@code bench.json} (written by {@code mvn -B -Pbench verify} in bench/)
 * and renders the ratios to jSPF and to bare SubEtha, the latency distributions, the time to first hang, memory,
 * and the machine and settings they were measured with, as a plain HTML fragment using the report's CSS classes.
 */
public final class PerformanceSection {
    /** The file name the benchmarks write and the report folder gets a copy under. */
    public static final String FILE_NAME = "bench.json";

    private PerformanceSection() {}

    /** The section for {@code benchJson}; a section saying so when there is none or it cannot be read. */
    public static String render(Optional<Path> benchJson) {
        if (benchJson.isEmpty() || !Files.isRegularFile(benchJson.get())) {
            return notMeasured("No benchmark results"
                    + benchJson
                            .map(p -> " at <code>" + esc(p.toString()) + "</code>")
                            .orElse("") + ": run <code>mvn -B -Pbench verify</code> to measure.");
        }
        JsonNode bench;
        try {
            bench = new ObjectMapper().readTree(benchJson.get().toFile());
        } catch (IOException e) {
            return notMeasured("<code>" + esc(benchJson.get().toString()) + "</code> could not be read: "
                    + esc(String.valueOf(e.getMessage())));
        }
        if (bench == null || !bench.isObject()) {
            return notMeasured("<code>" + esc(benchJson.get().toString()) + "</code> is not a JSON object.");
        }
        return new PerformanceHtml(bench).render();
    }

    /** Copies {@code benchJson} into {@code reportDir} as {@value #FILE_NAME}; returns the copy. */
    public static Path copyInto(Path benchJson, Path reportDir) {
        try {
            Files.createDirectories(reportDir);
            return Files.copy(benchJson, reportDir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + benchJson + " into " + reportDir, e);
        }
    }

    private static String notMeasured(String why) {
        return "<section id=\"performance\">\n<h2>Performance</h2>\n<p class=\"note\">" + why + "</p>\n</section>\n";
    }

    /** Escapes text for HTML element content and attribute values, as the rest of the report does. */
    static String esc(String text) {
        return HtmlText.escape(text);
    }

    /** A share from 0 to 1 as a whole percentage, or a dash when the file has none. */
    static String percent(JsonNode share) {
        if (share == null || !share.isNumber()) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.0f%%", share.asDouble() * 100);
    }

    /** A number with a fixed count of decimals, "–" for a missing one. */
    static String num(JsonNode value, int digits) {
        if (value == null || !value.isNumber()) {
            return "–";
        }
        return String.format(Locale.ROOT, "%,." + digits + "f", value.asDouble());
    }
}
