package lab.kb905214.reports.perf;

import static lab.kb905214.reports.perf.PerformanceSection.esc;
import static lab.kb905214.reports.perf.PerformanceSection.num;
import static lab.kb905214.reports.perf.PerformanceSection.percent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes the Performance section of one parsed bench.json; a missing part shows as missing, never as an error. */
final class PerformanceHtml {
    private final JsonNode bench;
    private final StringBuilder html = new StringBuilder();

    PerformanceHtml(JsonNode bench) {
        this.bench = bench;
    }

    String render() {
        html.append(
                "<section id=\"performance\">\n<h2>Performance <small>(bench/, <code>mvn -B -Pbench verify</code>)</small></h2>\n");
        machine();
        missedTargets();
        beforeAndAfter();
        spf();
        endToEnd();
        smtp();
        firstHang();
        memory();
        html.append("<p class=\"note\">Every figure comes from one run, with the machine and settings above; the whole "
                        + "run, with JMH's own JSON, is in <a href=\"")
                .append(PerformanceSection.FILE_NAME)
                .append("\">")
                .append(PerformanceSection.FILE_NAME)
                .append("</a>.</p>\n</section>\n");
        return html.toString();
    }

    private void machine() {
        JsonNode m = bench.path("machine");
        JsonNode s = bench.path("settings");
        html.append("<p class=\"sub\" id=\"perf-machine\">Measured ")
                .append(esc(bench.path("generatedAt").asText("")))
                .append(" on ")
                .append(esc(m.path("cores").asText("?")))
                .append(" cores, JDK ")
                .append(esc(m.path("jdk").asText("?")))
                .append(", ")
                .append(esc(m.path("os").asText("?")))
                .append("; settings <code>")
                .append(esc(s.path("name").asText("?")))
                .append("</code>: JMH ")
                .append(esc(s.path("jmhForks").asText("?")))
                .append(" fork, ")
                .append(esc(s.path("jmhWarmupIterations").asText("?")))
                .append(" warm-up + ")
                .append(esc(s.path("jmhIterations").asText("?")))
                .append(" measured iterations of ")
                .append(esc(s.path("jmhIterationMillis").asText("?")))
                .append(" ms; total ")
                .append(num(bench.path("totalSeconds"), 0))
                .append(" s.</p>\n");
    }

    private void missedTargets() {
        JsonNode missed = bench.path("slowerThanTarget");
        if (!missed.isArray() || missed.isEmpty()) {
            html.append("<p id=\"perf-targets\">Every target of the benchmarks was met in this run.</p>\n");
            return;
        }
        html.append(
                "<p id=\"perf-targets\"><b>Slower than the target in this run:</b></p>\n<ul class=\"perf-missed\">\n");
        missed.forEach(m -> html.append("<li>").append(esc(m.asText())).append("</li>\n"));
        html.append("</ul>\n");
    }

    // Issue 17's figures as recorded when it was filed, beside this run's; a figure this run lacks shows as "–".
    private void beforeAndAfter() {
        JsonNode before = bench.path("before");
        if (!before.isObject()) {
            return;
        }
        JsonNode spfRows = bench.path("spf").path("results");
        JsonNode memory = bench.path("memory");
        html.append("<h3>Before and after issue ")
                .append(esc(before.path("issue").asText("?")))
                .append("</h3>\n<table id=\"perf-before-after\">\n<tr><th>figure</th><th>target</th><th>before</th>"
                        + "<th>this run</th></tr>\n");
        double spfTarget = bench.path("spf").path("targetRatioAt1Thread").asDouble(2.0);
        row(
                "SPF evaluations/s, this project ÷ jSPF, 1 thread",
                "≥ " + fixed(spfTarget, 1) + "×",
                before.path("spfRatioAt1Thread"),
                element(spfRows, "threads", 1).path("ratioToJspf"),
                spfTarget,
                true,
                "×");
        row(
                "SPF evaluations/s, this project ÷ jSPF, 2 threads",
                "≥ " + fixed(spfTarget, 1) + "×",
                before.path("spfRatioAt2Threads"),
                element(spfRows, "threads", 2).path("ratioToJspf"),
                spfTarget,
                true,
                "×");
        double e2eTarget =
                bench.path("senderIdEndToEnd").path("targetP99RatioAt16").asDouble(3.0);
        row(
                "Sender ID check p99 at 16 in flight ÷ one query's p99",
                "≤ " + fixed(e2eTarget, 0) + "×",
                before.path("e2eP99RatioAt16"),
                judgedE2eRatio(bench.path("senderIdEndToEnd")),
                e2eTarget,
                false,
                "×");
        double smtpTarget = bench.path("smtp").path("targetThroughputRatio").asDouble(0.85);
        row(
                "SMTP messages/s, engine-fixed with the DNS cache ÷ bare SubEtha",
                "≥ " + fixed(smtpTarget, 2) + "×",
                before.path("smtpThroughputRatio"),
                bench.path("smtp").path("throughputRatio"),
                smtpTarget,
                true,
                "×");
        double memoryTarget = memory.path("targetIdleConnectionKib").asDouble(Double.NaN);
        row(
                "heap per idle connection (KiB)",
                Double.isNaN(memoryTarget) ? "–" : "≤ " + fixed(memoryTarget, 0),
                before.path("idleConnectionKib"),
                memory.path("idleConnection").path("kibEach"),
                memoryTarget,
                false,
                "");
        html.append("</table>\n<p class=\"note\">Before: ")
                .append(esc(before.path("source").asText()))
                .append(". SMTP before: ")
                .append(esc(before.path("smtpThroughputRatioWhat").asText("")))
                .append(".</p>\n");
    }

    private void row(
            String figure, String target, JsonNode before, JsonNode now, double bound, boolean atLeast, String unit) {
        String cls = !now.isNumber() || Double.isNaN(bound)
                ? "num"
                : (atLeast ? now.asDouble() >= bound : now.asDouble() <= bound) ? "num good" : "num miss";
        html.append("<tr><td>")
                .append(esc(figure))
                .append("</td><td class=\"num\">")
                .append(esc(target))
                .append("</td><td class=\"num\">")
                .append(num(before, 2))
                .append(before.isNumber() ? unit : "")
                .append("</td><td class=\"")
                .append(cls)
                .append("\">")
                .append(num(now, 2))
                .append(now.isNumber() ? unit : "")
                .append("</td></tr>\n");
    }

    private static JsonNode element(JsonNode array, String field, int value) {
        for (JsonNode e : array) {
            if (e.path(field).asInt() == value) {
                return e;
            }
        }
        return MissingNode.getInstance();
    }

    private static String fixed(double value, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", value);
    }

    private boolean failed(String title, JsonNode section) {
        if (section.isMissingNode()) {
            html.append("<h3>").append(title).append("</h3>\n<p class=\"note\">Not in this bench.json.</p>\n");
            return true;
        }
        if (section.has("error")) {
            String first = section.path("error").asText().lines().findFirst().orElse("");
            html.append("<h3>")
                    .append(title)
                    .append("</h3>\n<p class=\"note\">This benchmark failed: <code>")
                    .append(esc(first))
                    .append("</code></p>\n");
            return true;
        }
        return false;
    }

    private void spf() {
        JsonNode spf = bench.path("spf");
        if (failed("SPF evaluation vs Apache James jSPF 1.0.5", spf)) {
            return;
        }
        double target = spf.path("targetRatioAt1Thread").asDouble(2.0);
        html.append("<h3>SPF evaluation vs Apache James jSPF 1.0.5 <small>(JMH, CPU-bound)</small></h3>\n")
                .append("<p class=\"caption\">")
                .append(esc(spf.path("what").asText()))
                .append(". Right answers: this " + "project ")
                .append(esc(spf.path("labRight").asText()))
                .append("/")
                .append(esc(spf.path("suiteCases").asText()))
                .append(", jSPF ")
                .append(esc(spf.path("jspfRight").asText()))
                .append("/")
                .append(esc(spf.path("suiteCases").asText()))
                .append("; benchmarked: ")
                .append(esc(spf.path("benchmarkedCases").asText()))
                .append(" cases.</p>\n")
                .append("<table id=\"perf-spf\">\n<tr><th>threads</th><th>this project (evaluations/s)</th>"
                        + "<th>jSPF (evaluations/s)</th><th>ratio to jSPF</th></tr>\n");
        for (JsonNode row : spf.path("results")) {
            double ratio = row.path("ratioToJspf").asDouble();
            boolean judged = row.path("threads").asInt() == 1;
            String cls = !judged ? "num" : ratio >= target ? "num good" : "num miss";
            html.append("<tr><td class=\"num\">")
                    .append(row.path("threads").asInt())
                    .append("</td><td class=\"num\">")
                    .append(num(row.path("labEvaluationsPerSecond"), 0))
                    .append(" <span class=\"unit\">± ")
                    .append(num(row.path("labError"), 0))
                    .append("</span></td><td class=\"num\">")
                    .append(num(row.path("jspfEvaluationsPerSecond"), 0))
                    .append(" <span class=\"unit\">± ")
                    .append(num(row.path("jspfError"), 0))
                    .append("</span></td><td class=\"")
                    .append(cls)
                    .append("\">")
                    .append(num(row.path("ratioToJspf"), 2))
                    .append("×</td></tr>\n");
        }
        html.append("</table>\n<p class=\"note\">Target: at least ")
                .append(num(spf.path("targetRatioAt1Thread"), 1))
                .append("× jSPF at 1 thread. ± is JMH's 99.9% confidence interval.</p>\n");
    }

    private void endToEnd() {
        JsonNode e2e = bench.path("senderIdEndToEnd");
        if (failed("Sender ID end to end over UDP", e2e)) {
            return;
        }
        JsonNode raw = e2e.path("rawQuery");
        double target = e2e.path("targetP99RatioAt16").asDouble(3.0);
        html.append("<h3>Sender ID end to end over the embedded DNS server (UDP)</h3>\n<p class=\"caption\">")
                .append(esc(e2e.path("what").asText()))
                .append(".</p>\n")
                .append("<table id=\"perf-e2e\">\n<tr><th>in flight</th><th>checks/s</th><th>p50 (ms)</th>"
                        + "<th>p99 (ms)</th><th>p99 / single-query p99</th><th>queries per check</th></tr>\n")
                .append("<tr><td>single raw dnsjava query</td><td class=\"num\">")
                .append(num(raw.path("queriesPerSecond"), 0))
                .append(" <span class=\"unit\">queries/s</span></td>")
                .append("<td class=\"num\">")
                .append(num(raw.path("p50Ms"), 3))
                .append("</td><td class=\"num\">")
                .append(num(raw.path("p99Ms"), 3))
                .append("</td><td class=\"num\">1</td><td class=\"num\">1</td></tr>\n");
        for (JsonNode level : e2e.path("levels")) {
            double ratio = level.path("p99OverRawQueryP99").asDouble();
            // Judged here only in a bench.json from before the rounds; with rounds, their median is (below).
            boolean judged = level.path("inFlight").asInt() == 16 && !judgedOnRounds(e2e);
            String cls = !judged ? "num" : ratio <= target ? "num good" : "num miss";
            html.append("<tr><td class=\"num\">")
                    .append(level.path("inFlight").asInt())
                    .append("</td><td class=\"num\">")
                    .append(num(level.path("checksPerSecond"), 0))
                    .append("</td><td class=\"num\">")
                    .append(num(level.path("latency").path("p50Ms"), 3))
                    .append("</td><td class=\"num\">")
                    .append(num(level.path("latency").path("p99Ms"), 3))
                    .append("</td><td class=\"")
                    .append(cls)
                    .append("\">")
                    .append(num(level.path("p99OverRawQueryP99"), 2))
                    .append("×</td><td class=\"num\">")
                    .append(num(level.path("queriesPerCheck"), 2))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n<p class=\"note\">Target: at 16 in flight, a check's p99 at most ")
                .append(num(e2e.path("targetP99RatioAt16"), 0))
                .append("× the single-query p99.");
        JsonNode rounds = e2e.path("roundsAt16");
        if (rounds.isArray() && !rounds.isEmpty()) {
            List<String> each = new ArrayList<>();
            rounds.forEach(r -> each.add(num(r.path("ratio"), 2) + "× (" + num(r.path("checkP99Ms"), 2) + " / "
                    + num(r.path("rawQueryP99Ms"), 2) + " ms)"));
            double median = judgedE2eRatio(e2e).asDouble();
            html.append(" Judged: the median over ")
                    .append(rounds.size())
                    .append(
                            " rounds, each a raw-query window and then a 16-in-flight window, <span id=\"perf-e2e-judged\" class=\"")
                    .append(median <= target ? "good" : "miss")
                    .append("\">")
                    .append(num(judgedE2eRatio(e2e), 2))
                    .append("×</span>; the rounds: ")
                    .append(esc(String.join(", ", each)))
                    .append(".");
        }
        html.append("</p>\n");
    }

    private static boolean judgedOnRounds(JsonNode e2e) {
        return e2e.has("p99RatioAt16");
    }

    // The judged ratio: the median over interleaved rounds, or (a bench.json from before the rounds) the 16 level's.
    private static JsonNode judgedE2eRatio(JsonNode e2e) {
        return judgedOnRounds(e2e)
                ? e2e.path("p99RatioAt16")
                : element(e2e.path("levels"), "inFlight", 16).path("p99OverRawQueryP99");
    }

    private void smtp() {
        JsonNode smtp = bench.path("smtp");
        if (failed("SMTP throughput vs bare SubEtha", smtp)) {
            return;
        }
        double ratio = smtp.path("throughputRatio").asDouble();
        double target = smtp.path("targetThroughputRatio").asDouble(0.85);
        html.append("<h3>SMTP throughput: engine-fixed with Sender ID vs bare SubEtha</h3>\n<p class=\"caption\">")
                .append(esc(smtp.path("what").asText()))
                .append(".</p>\n")
                .append("<table id=\"perf-smtp\">\n<tr><th>server</th><th>messages/s</th><th>p50 (ms)</th>"
                        + "<th>p99 (ms)</th><th>250 replies</th><th>other replies / client errors</th></tr>\n");
        smtpRow("bare SubEtha (no filter)", smtp.path("bareSubEtha"));
        smtpRow("engine-fixed, Sender ID on", smtp.path("engineFixedWithSenderId"));
        html.append("<tr><td><b>ratio</b></td><td class=\"")
                .append(ratio >= target ? "num good" : "num miss")
                .append("\">")
                .append(num(smtp.path("throughputRatio"), 2))
                .append("×</td><td></td><td class=\"num\">")
                .append(num(smtp.path("p99Ratio"), 2))
                .append("×</td><td></td><td></td></tr>\n</table>\n")
                .append("<p class=\"note\">Target: at least ")
                .append(num(smtp.path("targetThroughputRatio"), 2))
                .append("× the unfiltered throughput.</p>\n");
        costLadder(smtp.path("costLadder"));
    }

    // Each step adds one part of the engine to the one before it, so the drop from step to step is that part's cost.
    private void costLadder(JsonNode ladder) {
        if (!ladder.isArray() || ladder.isEmpty()) {
            return;
        }
        html.append("<h4>What each part of a transaction costs <small>(same clients, one part added per step)</small>"
                + "</h4>\n<table id=\"perf-smtp-ladder\">\n<tr><th>step</th><th>messages/s</th><th>÷ bare</th>"
                + "<th>µs per message (both cores)</th><th>CPU µs per message</th><th>of it in the kernel</th>"
                + "<th>p99 (ms)</th></tr>\n");
        for (JsonNode step : ladder) {
            html.append("<tr><td>")
                    .append(esc(step.path("step").asText()))
                    .append("</td><td class=\"num\">")
                    .append(num(step.path("messagesPerSecond"), 0))
                    .append("</td><td class=\"num\">")
                    .append(num(step.path("ratioToBare"), 2))
                    .append("×</td><td class=\"num\">")
                    .append(num(step.path("microsecondsPerMessage"), 0))
                    .append("</td><td class=\"num\">")
                    .append(num(step.path("cpuMicrosecondsPerMessage"), 0))
                    .append("</td><td class=\"num\">")
                    .append(percent(step.path("kernelCpuShare")))
                    .append("</td><td class=\"num\">")
                    .append(num(step.path("p99Ms"), 2))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private void smtpRow(String name, JsonNode run) {
        html.append("<tr><td>")
                .append(esc(name))
                .append("</td><td class=\"num\">")
                .append(num(run.path("messagesPerSecond"), 0))
                .append("</td><td class=\"num\">")
                .append(num(run.path("latency").path("p50Ms"), 3))
                .append("</td><td class=\"num\">")
                .append(num(run.path("latency").path("p99Ms"), 3))
                .append("</td><td class=\"num\">")
                .append(num(run.path("messages250"), 0))
                .append("</td><td class=\"num\">")
                .append(num(run.path("otherReplies"), 0))
                .append(" / ")
                .append(num(run.path("clientErrors"), 0))
                .append("</td></tr>\n");
    }

    private void firstHang() {
        JsonNode hang = bench.path("timeToFirstHang");
        if (failed("Time to first hang (engine-buggy)", hang)) {
            return;
        }
        html.append("<h3>Time to first hang on engine-buggy, per harness</h3>\n<p class=\"caption\">")
                .append(esc(hang.path("what").asText()))
                .append(".</p>\n")
                .append("<table id=\"perf-hang\">\n<tr><th>harness</th><th>scenario</th><th>runs (hung)</th>"
                        + "<th>median (s)</th><th>min – max (s)</th><th>explored to the hang (median)</th>"
                        + "<th>how</th></tr>\n");
        for (JsonNode h : hang.path("buggy")) {
            html.append("<tr><td>")
                    .append(esc(h.path("harness").asText()))
                    .append("</td><td>")
                    .append(esc(h.path("scenario").asText("")))
                    .append("</td>");
            if (h.has("unavailable")) {
                html.append("<td colspan=\"5\" class=\"note\">")
                        .append(esc(h.path("unavailable").asText()))
                        .append("</td></tr>\n");
            } else if (h.path("harness").asText().equals("jcstress")) {
                html.append("<td class=\"num\">pooled</td><td class=\"num\">")
                        .append(num(h.path("meanSecondsPerStale"), 1))
                        .append(" <span class=\"unit\">mean per STALE"
                                + "</span></td><td class=\"num\">–</td><td class=\"num\">")
                        .append(num(h.path("meanSamplesPerStale"), 0))
                        .append(" <span class=\"unit\">samples</span>" + "</td><td class=\"note\">")
                        .append(esc(h.path("how").asText()))
                        .append("</td></tr>\n");
            } else {
                JsonNode s = h.path("secondsToFirstHang");
                html.append("<td class=\"num\">")
                        .append(esc(h.path("runs").asText()))
                        .append(" (")
                        .append(esc(h.path("hungRuns").asText()))
                        .append(")</td><td class=\"num\">")
                        .append(num(s.path("median"), 2))
                        .append("</td><td class=\"num\">")
                        .append(num(s.path("min"), 2))
                        .append(" – ")
                        .append(num(s.path("max"), 2))
                        .append("</td><td class=\"num\">")
                        .append(num(h.path("exploredToFirstHang").path("median"), 0))
                        .append("</td><td class=\"note\">")
                        .append(esc(h.path("how").asText()))
                        .append("</td></tr>\n");
            }
        }
        html.append("</table>\n");
        JsonNode rates = hang.path("fixedExplorationRates");
        if (rates.isArray() && !rates.isEmpty()) {
            html.append(
                            "<h4>Exploration rate on engine-fixed <small>(from the harnesses' results files)</small></h4>\n")
                    .append("<table id=\"perf-rates\">\n<tr><th>harness</th><th>scenario</th><th>explored</th>"
                            + "<th>seconds</th><th>rate</th><th>hangs</th></tr>\n");
            for (JsonNode r : rates) {
                html.append("<tr><td>")
                        .append(esc(r.path("harness").asText()))
                        .append("</td><td>")
                        .append(esc(r.path("scenario").asText()))
                        .append("</td><td class=\"num\">")
                        .append(num(r.path("explored"), 0))
                        .append(" <span class=\"unit\">")
                        .append(esc(r.path("unit").asText()))
                        .append("</span></td><td class=\"num\">")
                        .append(num(r.path("seconds"), 1))
                        .append("</td><td class=\"num\">")
                        .append(num(r.path("perSecond"), 1))
                        .append(" <span class=\"unit\">")
                        .append(esc(r.path("unit").asText()))
                        .append("/s</span></td><td class=\"num\">")
                        .append(num(r.path("hangs"), 0))
                        .append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
    }

    private void memory() {
        JsonNode memory = bench.path("memory");
        if (failed("Memory", memory)) {
            return;
        }
        html.append("<h3>Memory <small>(estimate)</small></h3>\n<p class=\"caption\">")
                .append(esc(memory.path("what").asText()))
                .append(".</p>\n")
                .append("<table id=\"perf-memory\">\n<tr><th>what</th><th>count</th><th>heap each (KiB)</th>"
                        + "<th>threads added</th></tr>\n");
        memoryRow("idle connection", memory.path("idleConnection"));
        memoryRow("in-flight check", memory.path("inFlightCheck"));
        html.append("</table>\n");
    }

    private void memoryRow(String name, JsonNode m) {
        html.append("<tr><td>")
                .append(esc(name))
                .append(" <small>")
                .append(esc(m.path("what").asText("")))
                .append("</small></td><td class=\"num\">")
                .append(num(m.path("count"), 0))
                .append("</td><td class=\"num\">")
                .append(num(m.path("kibEach"), 1))
                .append("</td><td class=\"num\">")
                .append(num(m.path("threadsAdded"), 0))
                .append("</td></tr>\n");
    }
}
