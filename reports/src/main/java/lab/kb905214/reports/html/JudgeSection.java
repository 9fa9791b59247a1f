package lab.kb905214.reports.html;

import static lab.kb905214.reports.html.HtmlText.escape;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import lab.kb905214.reports.gate.JudgeChecks;
import lab.kb905214.reports.results.HarnessRun;
import lab.kb905214.reports.results.LabResults;
import lab.kb905214.reports.results.RunKey;
import lab.kb905214.results.Engine;
import lab.kb905214.results.Harness;
import lab.kb905214.results.JudgeCounters;
import lab.kb905214.results.JudgeCounters.Cell;

/**
 * The judge's calibration, read from {@code judge-<engine>-calibration.json}: per condition (clients, abort rate,
 * DNS faults, CPU starvation, saturation), engine-fixed's false hangs with the upper 95% bound on the false-alarm
 * rate, and engine-buggy's detections with the lower 95% bound: the report's table and summary.json's "judge"
 * section ({@link JudgeChecks} has what the gate adds).
 */
public final class JudgeSection {

    private JudgeSection() {}

    /** The section's HTML; says so plainly when the calibration did not run. */
    static String render(LabResults results) {
        StringBuilder html = new StringBuilder("<section id=\"judge\">\n<h2>The judge, calibrated</h2>\n")
                .append("<p>A hang is claimed only with a proof: a lock cycle from the JVM's deadlock detection, a")
                .append(
                        " session seen in one unbroken wait (the JVM's wait counts unchanged) for longer than the longest")
                .append(" a check can take plus a margin, or no answer to anyone for that long. Slow answers and 421")
                .append(" refusals are latency and saturation. Here the judge is run against both engines under the")
                .append(
                        " conditions below: every proven hang of engine-fixed would be a false alarm (or a defect of the")
                .append(
                        " fix; either fails the gate); engine-buggy's detections show the judge is not blind. Bounds are")
                .append(" one-sided 95% (Clopper&ndash;Pearson).</p>\n");
        Optional<HarnessRun> fixed = calibration(results, Engine.FIXED);
        Optional<HarnessRun> buggy = calibration(results, Engine.BUGGY);
        if (fixed.isEmpty() && buggy.isEmpty()) {
            return html.append("<p class=\"note\">The calibration did not run in this build.</p>\n</section>\n")
                    .toString();
        }
        html.append("<table class=\"results\" id=\"judge-calibration\">\n<thead><tr><th>Condition</th>")
                .append("<th>engine-fixed: false hangs k / n</th><th>false-alarm rate, upper 95%</th>")
                .append("<th>engine-buggy: hangs k / n (kinds)</th><th>detection, lower 95%</th>")
                .append("<th>longest silence (fixed)</th><th>probe p99 / max (fixed)</th>")
                .append("<th>421s / not served (fixed)</th></tr></thead>\n<tbody>\n");
        for (String cell : cellNames(fixed, buggy)) {
            Optional<JsonNode> f = fixed.flatMap(run -> row(run, cell));
            Optional<JsonNode> b = buggy.flatMap(run -> row(run, cell));
            html.append("<tr data-cell=\"")
                    .append(escape(cell))
                    .append("\"><td><code>")
                    .append(escape(cell))
                    .append("</code></td>");
            html.append(f.map(r -> td(hangsOfRuns(r), Cell.HANGS.in(r).asLong() > 0)
                            + td(percent(Cell.FALSE_ALARM_UPPER_95.in(r).asDouble()), false))
                    .orElse("<td>not run</td><td></td>"));
            html.append(b.map(
                            r -> td(hangsOfRuns(r) + " (" + kinds(r) + ")", false) + td(detectionLowerBound(r), false))
                    .orElse("<td>not run</td><td></td>"));
            html.append(f.map(r -> td(Cell.LONGEST_SILENCE_MILLIS.in(r).asLong() + " ms", false)
                            + td(
                                    Cell.PROBE_P99_MILLIS_MAX.in(r).asLong() + " ms / "
                                            + Cell.PROBE_MAX_MILLIS.in(r).asLong() + " ms",
                                    false)
                            + td(
                                    Cell.REFUSED.in(r).asLong() + " / "
                                            + Cell.NOT_SERVED.in(r).asLong(),
                                    false))
                    .orElse("<td></td><td></td><td></td>"));
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n<p class=\"legend\">Cell names: <code>c</code> clients, <code>a</code> abort")
                .append(
                        " rate, <code>dns</code> DNS jitter up to 50 ms with 5% of UDP answers dropped, <code>busy</code>")
                .append(" one spinning thread per core, <code>limit128</code> a connection limit below the clients.")
                .append(
                        " Longest silence: the longest time nobody, clients or probes, got any answer; the judge calls a")
                .append(
                        " server stopped only past its window (the longest check plus a margin, 25 s), which must stay far")
                .append(" above it. Probe latency is a fresh transaction from connect to the reply to its final dot.")
                .append(" \"Not served\":")
                .append(
                        " connections that timed out before their final dot (the accept backlog), where no check was in")
                .append(" flight.</p>\n</section>\n");
        return html.toString();
    }

    /** summary.json's "judge" section: per cell and engine, n, hangs, the bound, and the detection rate. */
    public static ObjectNode summary(LabResults results) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (Engine engine : List.of(Engine.FIXED, Engine.BUGGY)) {
            ArrayNode cells = node.putArray(engine.id());
            calibration(results, engine)
                    .ifPresent(run -> run.counterNode(JudgeCounters.CELLS).forEach(row -> {
                        ObjectNode cell = cells.addObject();
                        cell.put(Cell.CELL.name(), Cell.CELL.in(row).asText());
                        cell.put(Cell.N.name(), Cell.N.in(row).asLong());
                        cell.put(Cell.HANGS.name(), Cell.HANGS.in(row).asLong());
                        if (engine.equals(Engine.FIXED)) {
                            cell.put(
                                    Cell.FALSE_ALARM_UPPER_95.name(),
                                    Cell.FALSE_ALARM_UPPER_95.in(row).asDouble());
                        } else {
                            // null where the cell stopped at its first hang, as the file has it
                            for (var rate : List.of(Cell.DETECTION, Cell.DETECTION_LOWER_95)) {
                                JsonNode value = rate.in(row);
                                cell.set(rate.name(), value.isNumber() ? value.deepCopy() : null);
                            }
                        }
                    }));
        }
        return node;
    }

    private static Optional<HarnessRun> calibration(LabResults results, Engine engine) {
        return results.find(new RunKey(Harness.JUDGE, engine, "calibration"));
    }

    private static Optional<JsonNode> row(HarnessRun run, String cell) {
        for (JsonNode row : run.counterNode(JudgeCounters.CELLS)) {
            if (Cell.CELL.in(row).asText().equals(cell)) {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }

    private static List<String> cellNames(Optional<HarnessRun> fixed, Optional<HarnessRun> buggy) {
        List<String> names = new ArrayList<>();
        for (Optional<HarnessRun> run : List.of(fixed, buggy)) {
            run.ifPresent(r -> r.counterNode(JudgeCounters.CELLS).forEach(row -> {
                if (!names.contains(Cell.CELL.in(row).asText())) {
                    names.add(Cell.CELL.in(row).asText());
                }
            }));
        }
        return names;
    }

    private static String hangsOfRuns(JsonNode row) {
        return Cell.HANGS.in(row).asLong() + " / " + Cell.N.in(row).asLong()
                + (Cell.UNTIL_FIRST_HANG.in(row).asBoolean(false)
                        ? " (up to " + Cell.RUNS_PLANNED.in(row).asLong() + ", until the first hang)"
                        : "");
    }

    // A cell stopped at its first hang has no rate to bound: hangs / runs under such a stop is biased.
    private static String detectionLowerBound(JsonNode row) {
        JsonNode bound = Cell.DETECTION_LOWER_95.in(row);
        return bound.isNumber() ? percent(bound.asDouble()) : "not estimated (stopped at the first hang)";
    }

    private static String kinds(JsonNode row) {
        return Cell.LOCK_CYCLES.in(row).asLong() + " cycle, "
                + Cell.STUCK_SESSIONS.in(row).asLong() + " stuck, "
                + Cell.STOPPED_SERVERS.in(row).asLong() + " stopped";
    }

    private static String td(String text, boolean bad) {
        return (bad ? "<td class=\"bad\"><b>" : "<td>") + escape(text) + (bad ? "</b></td>" : "</td>");
    }

    private static String percent(double p) {
        return String.format(Locale.ROOT, "%.1f%%", p * 100);
    }
}
