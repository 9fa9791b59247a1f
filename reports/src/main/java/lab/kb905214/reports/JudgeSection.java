package lab.kb905214.reports;

import static lab.kb905214.reports.HtmlText.escape;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The judge's calibration, read from {@code judge-<engine>-calibration.json}: per condition (clients, abort rate,
 * DNS faults, CPU starvation, saturation), engine-fixed's false hangs with the upper 95% bound on the false-alarm
 * rate, and engine-buggy's detections with the lower 95% bound: the report's table, summary.json's "judge"
 * section, and the checks the gate adds to the generic ones.
 */
final class JudgeSection {
    static final String HARNESS = "judge";

    private JudgeSection() {}

    /** The section's HTML; says so plainly when the calibration did not run. */
    static String render(LabResults results) {
        StringBuilder html = new StringBuilder("<section id=\"judge\">\n<h2>The judge, calibrated</h2>\n")
                .append("<p>A hang is claimed only with a proof: a lock cycle from the JVM's deadlock detection, a")
                .append(" session seen in one unbroken wait (the JVM's wait counts unchanged) for longer than the longest")
                .append(" a check can take plus a margin, or no answer to anyone for that long. Slow answers and 421")
                .append(" refusals are latency and saturation. Here the judge is run against both engines under the")
                .append(" conditions below: every proven hang of engine-fixed would be a false alarm (or a defect of the")
                .append(" fix; either fails the gate); engine-buggy's detections show the judge is not blind. Bounds are")
                .append(" one-sided 95% (Clopper&ndash;Pearson).</p>\n");
        Optional<HarnessRun> fixed = calibration(results, "fixed");
        Optional<HarnessRun> buggy = calibration(results, "buggy");
        if (fixed.isEmpty() && buggy.isEmpty()) {
            return html.append("<p class=\"note\">The calibration did not run in this build.</p>\n</section>\n").toString();
        }
        html.append("<table class=\"results\" id=\"judge-calibration\">\n<thead><tr><th>Condition</th>")
                .append("<th>engine-fixed: false hangs k / n</th><th>false-alarm rate, upper 95%</th>")
                .append("<th>engine-buggy: hangs k / n (kinds)</th><th>detection, lower 95%</th>")
                .append("<th>longest silence (fixed)</th><th>probe p99 / max (fixed)</th>")
                .append("<th>421s / not served (fixed)</th></tr></thead>\n<tbody>\n");
        for (String cell : cellNames(fixed, buggy)) {
            Optional<JsonNode> f = fixed.flatMap(run -> row(run, cell));
            Optional<JsonNode> b = buggy.flatMap(run -> row(run, cell));
            html.append("<tr data-cell=\"").append(escape(cell)).append("\"><td><code>").append(escape(cell))
                    .append("</code></td>");
            html.append(f.map(r -> td(r.path("hangs").asLong() + " / " + r.path("n").asLong(), r.path("hangs").asLong() > 0)
                    + td(percent(r.path("falseAlarmUpper95").asDouble()), false)).orElse("<td>not run</td><td></td>"));
            html.append(b.map(r -> td(r.path("hangs").asLong() + " / " + r.path("n").asLong() + " (" + kinds(r) + ")", false)
                    + td(percent(r.path("detectionLower95").asDouble()), false)).orElse("<td>not run</td><td></td>"));
            html.append(f.map(r -> td(r.path("longestSilenceMillis").asLong() + " ms", false)
                    + td(r.path("probeP99MillisMax").asLong() + " ms / " + r.path("probeMaxMillis").asLong()
                    + " ms", false) + td(r.path("refused").asLong() + " / " + r.path("notServed").asLong(), false))
                    .orElse("<td></td><td></td><td></td>"));
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n<p class=\"legend\">Cell names: <code>c</code> clients, <code>a</code> abort")
                .append(" rate, <code>dns</code> DNS jitter up to 50 ms with 5% of UDP answers dropped, <code>busy</code>")
                .append(" one spinning thread per core, <code>limit128</code> a connection limit below the clients.")
                .append(" Longest silence: the longest time nobody, clients or probes, got any answer; the judge calls a")
                .append(" server stopped only past its window (the longest check plus a margin, 25 s), which must stay far")
                .append(" above it. Probe latency is a fresh transaction from connect to the reply to its final dot.")
                .append(" \"Not served\":")
                .append(" connections that timed out before their final dot (the accept backlog), where no check was in")
                .append(" flight.</p>\n</section>\n");
        return html.toString();
    }

    /** summary.json's "judge" section: per cell and engine, n, hangs, the bound, and the detection rate. */
    static ObjectNode summary(LabResults results) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (String engine : List.of("fixed", "buggy")) {
            ArrayNode cells = node.putArray(engine);
            calibration(results, engine).ifPresent(run -> run.counters().path("cells").forEach(row -> {
                ObjectNode cell = cells.addObject();
                cell.put("cell", row.path("cell").asText());
                cell.put("n", row.path("n").asLong());
                cell.put("hangs", row.path("hangs").asLong());
                if (engine.equals("fixed")) {
                    cell.put("falseAlarmUpper95", row.path("falseAlarmUpper95").asDouble());
                } else {
                    cell.put("detection", row.path("detection").asDouble());
                    cell.put("detectionLower95", row.path("detectionLower95").asDouble());
                }
            }));
        }
        return node;
    }

    /**
     * What the gate adds for a calibration file: the counts hold together, and on engine-buggy a cell with no
     * aborting client shows no lock cycle (H1 needs the teardown path: a cycle there means the judge or the model is
     * wrong). engine-fixed's hangs are judged like every other fixed run's.
     */
    static List<String> check(HarnessRun run) {
        List<String> reasons = new ArrayList<>();
        JsonNode cells = run.counters().path("cells");
        if (!cells.isArray() || cells.isEmpty()) {
            reasons.add("counters.cells is missing or empty: the calibration recorded no condition");
            return reasons;
        }
        long runs = 0;
        long hangs = 0;
        for (JsonNode row : cells) {
            runs += row.path("n").asLong();
            hangs += row.path("hangs").asLong();
            long kinds = row.path("lockCycles").asLong() + row.path("stuckSessions").asLong()
                    + row.path("stoppedServers").asLong();
            if (kinds != row.path("hangs").asLong()) {
                reasons.add("cell " + row.path("cell").asText() + ": " + row.path("hangs").asLong()
                        + " hangs but " + kinds + " proofs by kind: every hang must carry one proof");
            }
            if (run.isFixed() && row.path("assumptionsNotHeld").asLong(-1) != 0) {
                // Under overload too, the fix's threads must keep one lock order and wait only in their queues.
                reasons.add("cell " + row.path("cell").asText() + ": the assumption audit (lock order, service"
                        + " threads' waits) did not hold in " + (row.has("assumptionsNotHeld")
                                ? row.path("assumptionsNotHeld").asLong() + " run(s)" : "any recorded run (missing)"));
            }
            if (run.isBuggy() && row.path("abortRate").asDouble() == 0 && row.path("lockCycles").asLong() > 0) {
                reasons.add("cell " + row.path("cell").asText() + ": a lock cycle without aborting clients; H1 needs"
                        + " the teardown path, so the judge or the race model is wrong");
            }
        }
        if (runs != run.explored().orElse(-1) || hangs != run.hangs().orElse(-1)) {
            reasons.add("the cells add up to " + runs + " runs and " + hangs + " hangs, the file says "
                    + run.explored().orElse(-1) + " and " + run.hangs().orElse(-1));
        }
        return reasons;
    }

    private static Optional<HarnessRun> calibration(LabResults results, String engine) {
        return results.find(new RunKey(HARNESS, engine, "calibration"));
    }

    private static Optional<JsonNode> row(HarnessRun run, String cell) {
        for (JsonNode row : run.counters().path("cells")) {
            if (row.path("cell").asText().equals(cell)) {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }

    private static List<String> cellNames(Optional<HarnessRun> fixed, Optional<HarnessRun> buggy) {
        List<String> names = new ArrayList<>();
        for (Optional<HarnessRun> run : List.of(fixed, buggy)) {
            run.ifPresent(r -> r.counters().path("cells").forEach(row -> {
                if (!names.contains(row.path("cell").asText())) {
                    names.add(row.path("cell").asText());
                }
            }));
        }
        return names;
    }

    private static String kinds(JsonNode row) {
        return row.path("lockCycles").asLong() + " cycle, " + row.path("stuckSessions").asLong() + " stuck, "
                + row.path("stoppedServers").asLong() + " stopped";
    }

    private static String td(String text, boolean bad) {
        return (bad ? "<td class=\"bad\"><b>" : "<td>") + escape(text) + (bad ? "</b></td>" : "</td>");
    }

    private static String percent(double p) {
        return String.format(Locale.ROOT, "%.1f%%", p * 100);
    }
}
