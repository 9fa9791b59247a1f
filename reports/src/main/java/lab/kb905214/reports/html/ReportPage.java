package lab.kb905214.reports.html;

import static lab.kb905214.reports.html.HtmlText.escape;
import static lab.kb905214.reports.html.HtmlText.number;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import lab.kb905214.reports.chart.FirstHangChart;
import lab.kb905214.reports.chart.LoadChart;
import lab.kb905214.reports.gate.ExpectedRuns;
import lab.kb905214.reports.gate.Finding;
import lab.kb905214.reports.gate.GateCase;
import lab.kb905214.reports.gate.GateDecision;
import lab.kb905214.reports.gate.GateProfile;
import lab.kb905214.reports.perf.PerformanceSection;
import lab.kb905214.reports.results.HarnessRun;
import lab.kb905214.reports.results.LabResults;
import lab.kb905214.reports.results.UnreadableFile;
import lab.kb905214.reports.shard.ShardFolder;
import lab.kb905214.results.Counters;
import lab.kb905214.results.Field;
import lab.kb905214.results.JcstressCounters;
import lab.kb905214.results.LoadCounters;
import lab.kb905214.results.ProvenanceFields;
import lab.kb905214.results.ResultFields;

/**
 * The lab report as one self-contained HTML page (inline CSS and SVG, nothing fetched): the gate's verdict, what the
 * lab is, one table per harness, the charts, engine-buggy's evidence, and the provenance of every file.
 */
public final class ReportPage {
    /** The command that shows the fix. */
    static final String DIFF_COMMAND = "diff engine-buggy/src/main/java/lab/kb905214/engine/buggy/BuggyCoordinator.java"
            + " \\\n     engine-fixed/src/main/java/lab/kb905214/engine/fixed/FixedCoordinator.java";

    private static final String COLUMNS = "<colgroup><col style=\"width:6%\"><col style=\"width:7%\">"
            + "<col style=\"width:10%\"><col style=\"width:5%\"><col style=\"width:6%\"><col style=\"width:8%\">"
            + "<col style=\"width:6%\"><col style=\"width:8%\"><col style=\"width:7%\"><col style=\"width:24%\">"
            + "<col style=\"width:13%\"></colgroup>\n";

    private final LabResults results;
    private final GateDecision verdict;
    private final Path outDir;
    private final StringBuilder html = new StringBuilder(64 * 1024);

    private ReportPage(LabResults results, GateDecision verdict, Path outDir) {
        this.results = results;
        this.verdict = verdict;
        this.outDir = outDir;
    }

    /** The page for these results and this verdict, to be written into {@code outDir} (links are relative to it). */
    public static String render(LabResults results, GateDecision verdict, Path outDir, Instant generatedAt) {
        return render(results, verdict, outDir, generatedAt, List.of());
    }

    /** The page of results merged from {@code shards}, which it lists with their build ids under the verdict. */
    public static String render(
            LabResults results, GateDecision verdict, Path outDir, Instant generatedAt, List<ShardFolder> shards) {
        ReportPage page = new ReportPage(results, verdict, outDir);
        page.head(generatedAt);
        page.verdictSection();
        page.html.append(ShardSection.render(shards));
        page.about();
        page.html.append(ProofSection.render(results));
        page.tables();
        page.html.append(MutantSection.render(results.mutants(), verdict.profile()));
        page.html.append(JudgeSection.render(results));
        page.unreadable();
        page.charts();
        page.html.append(PerformanceSection.render(Optional.of(outDir.resolve(PerformanceSection.FILE_NAME))));
        page.evidence();
        page.footer();
        return page.html.toString();
    }

    private void head(Instant generatedAt) {
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>KB905214 lab report: gate ")
                .append(verdict.gate().toUpperCase(Locale.ROOT))
                .append("</title>\n")
                .append("<style>\n")
                .append(ReportStyle.CSS)
                .append("</style>\n</head>\n<body>\n<main>\n")
                .append("<header>\n<h1>KB905214 lab report</h1>\n<p class=\"sub\">Generated ")
                .append(escape(generatedAt.toString()))
                .append(" from <code>")
                .append(escape(results.dir().toString()))
                .append("</code> · ")
                .append(results.runs().size())
                .append(" results file(s) · gate profile <b>")
                .append(verdict.profile().id())
                .append("</b></p>\n</header>\n");
    }

    private void verdictSection() {
        boolean pass = verdict.passed();
        html.append("<section id=\"verdict\" class=\"verdict ")
                .append(verdict.gate())
                .append("\">\n")
                .append("<h2>Gate: <span id=\"gate-result\">")
                .append(pass ? "PASS" : "FAIL")
                .append("</span> <small>(")
                .append(verdict.profile() == GateProfile.STRESS ? "mvn verify -Pstress" : "mvn verify")
                .append(")</small></h2>\n")
                .append("<ul class=\"claims\">\n")
                .append(claim(
                        "engine-fixed never hung and never lost a verdict",
                        verdict.fixedNeverHung(),
                        "fixed-never-hung"))
                .append(claim(
                        "engine-buggy hung in every harness this build requires",
                        verdict.buggyReproduced(),
                        "buggy-reproduced"))
                .append("</ul>\n<p class=\"required\">Required in this build: ");
        List<String> required = new ArrayList<>();
        for (ExpectedRuns.Row row : ExpectedRuns.required(verdict.profile())) {
            required.add(
                    "<b>" + escape(row.harness().id()) + "</b> (" + escape(String.join(", ", row.scenarios())) + ")");
        }
        html.append(String.join(", ", required)).append(" on both engines.");
        if (verdict.profile() == GateProfile.DEFAULT) {
            html.append(" JCStress and load are probabilistic: here they are shown as information;"
                    + " <code class=\"nowrap\">mvn verify -Pstress</code> requires them.");
        }
        html.append("</p>\n");
        if (verdict.reasons().isEmpty()) {
            html.append("<p class=\"ok\">Every check held.</p>\n");
        } else {
            html.append("<h3>Why the gate fails (")
                    .append(verdict.reasons().size())
                    .append(")</h3>\n<ol id=\"reasons\">\n");
            for (Finding finding : verdict.reasons()) {
                html.append("<li><b>")
                        .append(escape(finding.key().toString()))
                        .append("</b> <code>")
                        .append(escape(finding.file()))
                        .append("</code>: ")
                        .append(escape(finding.reason()))
                        .append("</li>\n");
            }
            html.append("</ol>\n");
        }
        html.append("</section>\n");
    }

    private static String claim(String text, boolean holds, String id) {
        return "<li id=\"" + id + "\" class=\"" + (holds ? "yes" : "no") + "\"><span class=\"mark\">"
                + (holds ? "✔" : "✘") + "</span> " + escape(text) + ": <b>" + (holds ? "yes" : "no") + "</b></li>\n";
    }

    private void about() {
        html.append("<section id=\"about\">\n<h2>What this lab is</h2>\n")
                .append(
                        "<p><b>KB905214</b> is a Microsoft Knowledge Base article about <b>Exchange Server 2003 Service")
                .append(" Pack 2</b>: when <b>Sender ID Filtering</b> is enabled on an SMTP virtual server, the SMTP")
                .append(" service can <b>stop responding</b>. The article gives the cause in one sentence, “a race")
                .append(" condition that is caused by the SMTP protocol”, and Microsoft fixed it with a <b>hotfix</b>.")
                .append(" A related article, KB918283, describes the slow form: threads blocked in filtering wait")
                .append(" indefinitely and connections pile up in CLOSE_WAIT.</p>\n")
                .append("<p>This lab rebuilds such an SMTP service in Java, on real sockets and real DNS, and runs the")
                .append(" Sender ID check as the original did: asynchronously, at the end of DATA. The verdict is")
                .append(
                        " delivered on a <i>completion</i> thread, while a <i>watcher</i> thread runs the <i>teardown</i>")
                .append(" when a client closes or resets its connection during the check. The KB does not say which")
                .append(" race it was: <b>H1 and H2 are this lab's model of it</b>, built from the same class of bug")
                .append(" found in public code (Apache James jSPF JSPF-112, Netty #1344, dnsjava #315/#326).</p>\n")
                .append(
                        "<dl class=\"hypotheses\">\n<dt>H1: lock-order inversion between completion and teardown</dt>\n")
                .append(
                        "<dd>Completion takes the registry lock, then the session lock; teardown takes the session lock,")
                .append(" then the registry lock. When they cross, both wait forever. The completion thread serves the")
                .append(" whole virtual server, so no verdict is ever delivered again: the server stops responding")
                .append(" (KB905214's symptom).</dd>\n<dt>H2: lost wakeup</dt>\n")
                .append("<dd>The session checks for its verdict outside the monitor, then waits without a guard loop;")
                .append(" a verdict posted in between is never seen, and that session waits forever. Under load such")
                .append(" sessions pile up (KB918283's symptom).</dd>\n</dl>\n")
                .append("<p>Two engines share everything but their coordinator: <b>engine-buggy</b> (the coordinator")
                .append(" as shipped, with H1 and H2) and <b>engine-fixed</b> (the hotfix: no lock held while calling")
                .append(" another component, the verdict is a future completed once, cancellation is idempotent, the")
                .append(" wait is bounded). The fix is the difference of two files:</p>\n")
                .append("<pre class=\"command\">")
                .append(escape(DIFF_COMMAND))
                .append("</pre>\n")
                .append("<p>Every harness runs the same scenarios on both engines. The gate is <b>two-sided</b>: it")
                .append(" fails when engine-fixed hangs or loses a verdict, and also when engine-buggy stops hanging,")
                .append(" because a harness that cannot see the bug proves nothing about the fix.</p>\n")
                .append("</section>\n");
    }

    private void tables() {
        html.append("<section id=\"results\">\n<h2>Results</h2>\n<p class=\"legend\"><b>Explored</b>: how much the")
                .append(
                        " harness tried, in its unit. <b>Hangs</b>: units that hung (a deadlock, or a waiter that never")
                .append(" woke). <b>Lost verdicts</b>: a verdict that existed but never reached its waiter (the fixed")
                .append(" engine's bounded wait could hide a lost wakeup, so these count as failures). <b>First hang")
                .append(" at</b>: the number of the first unit that hung. <b>Exhaustive</b>: every interleaving was")
                .append(" explored, as the harness itself reported it (Lincheck: its model checker had none left), and")
                .append(" why or why not. <b>Failpoints</b>: whether threads were paused at the named race windows")
                .append(" (off: any hang came from the code alone).</p>\n");
        Map<String, List<GateCase>> byHarness = new LinkedHashMap<>();
        for (GateCase c : verdict.cases()) {
            byHarness.computeIfAbsent(c.key().harness(), h -> new ArrayList<>()).add(c);
        }
        if (byHarness.isEmpty()) {
            html.append("<p class=\"note\">No results files yet.</p>\n");
        }
        for (Map.Entry<String, List<GateCase>> entry : byHarness.entrySet()) {
            String harness = entry.getKey();
            HarnessInfo info = HarnessInfo.of(harness);
            html.append("<h3 id=\"harness-")
                    .append(HtmlText.id(harness))
                    .append("\">")
                    .append(escape(info.title()))
                    .append(" <small>(")
                    .append(escape(harness))
                    .append(")</small></h3>\n<p>")
                    .append(escape(info.description()))
                    .append("</p>\n")
                    .append("<table class=\"results\" id=\"results-")
                    .append(HtmlText.id(harness))
                    .append("\">\n")
                    // Fixed column widths: the counters get room, so that rows stay short.
                    .append(COLUMNS)
                    .append("<thead><tr><th>Engine</th><th>Scenario</th><th>Explored</th><th>Hangs</th>")
                    .append("<th>Lost verdicts</th><th>First hang at</th><th>Seconds</th><th>Exhaustive</th>")
                    .append("<th>Failpoints</th><th>Counters</th><th>Gate</th></tr></thead>\n<tbody>\n");
            for (GateCase c : entry.getValue()) {
                row(c);
            }
            html.append("</tbody>\n</table>\n");
        }
        html.append("</section>\n");
    }

    private void row(GateCase c) {
        Optional<HarnessRun> found = results.runs().stream()
                .filter(r -> r.fileName().equals(c.file()))
                .findFirst();
        String status = "<td class=\"gate status-" + c.status().id() + "\">"
                + gateCell(
                        c,
                        results.runs().stream()
                                .filter(r -> r.fileName().equals(c.file()))
                                .findFirst()) + "</td>";
        if (found.isEmpty()) {
            boolean unreadable =
                    results.unreadable().stream().anyMatch(u -> u.fileName().equals(c.file()));
            html.append("<tr class=\"")
                    .append(unreadable ? "unreadable" : "missing")
                    .append("\" data-file=\"")
                    .append(escape(c.file()))
                    .append("\"><td>")
                    .append(escape(c.key().engine()))
                    .append("</td><td>")
                    .append(escape(c.key().scenario()))
                    .append("</td><td colspan=\"8\">")
                    .append(unreadable ? "results file unreadable: " : "no results file ")
                    .append("<code>")
                    .append(escape(c.file()))
                    .append("</code>")
                    .append(
                            unreadable
                                    ? " (see below)"
                                    : ": did the " + escape(c.key().harness()) + " harness run?")
                    .append("</td>")
                    .append(status)
                    .append("</tr>\n");
            return;
        }
        HarnessRun run = found.get();
        long hangs = run.hangs().orElse(-1);
        String hangClass =
                hangs < 0 ? "" : run.isFixed() ? (hangs == 0 ? " good" : " bad") : (hangs > 0 ? " hang" : " miss");
        html.append("<tr class=\"run engine-")
                .append(escape(run.engine()))
                .append("\" data-file=\"")
                .append(escape(run.fileName()))
                .append("\">")
                .append("<td><b>")
                .append(escape(run.engine()))
                .append("</b></td>")
                .append("<td>")
                .append(escape(run.scenario()))
                .append("</td>")
                .append("<td class=\"num\">")
                .append(run.explored().isPresent() ? number(run.explored().getAsLong()) : "?")
                .append(" <span class=\"unit\">")
                .append(escape(run.unit()))
                .append("</span></td>")
                .append("<td class=\"num")
                .append(hangClass)
                .append("\">")
                .append(hangs < 0 ? "?" : number(hangs))
                .append("</td>")
                .append("<td class=\"num")
                .append(run.lostVerdicts().orElse(0) > 0 ? " bad" : "")
                .append("\">")
                .append(
                        run.lostVerdicts().isPresent()
                                ? number(run.lostVerdicts().getAsLong())
                                : notObserved(run, ResultFields.LOST_VERDICTS))
                .append("</td>")
                .append("<td class=\"num\">")
                .append(
                        run.firstHangAt().isPresent()
                                ? "#" + number(run.firstHangAt().getAsLong())
                                : run.hasFirstHangAt()
                                        ? escape(ResultFields.FIRST_HANG_AT
                                                .in(run.tree())
                                                .toString())
                                        : "—")
                .append("</td>")
                .append("<td class=\"num\">")
                .append(run.seconds().isPresent() ? number(run.seconds().getAsDouble(), 1) : "?")
                .append("</td><td>")
                .append(exhaustive(run))
                .append("</td><td>")
                .append(run.failpointsArmed()
                        .map(armed -> armed ? "armed" : "off")
                        .orElseGet(() -> notObserved(run, ResultFields.FAILPOINTS_ARMED)))
                .append("</td>")
                .append("<td class=\"counters\">")
                .append(counters(run))
                .append("</td>")
                .append(status)
                .append("</tr>\n");
    }

    // A field the harness cannot observe reads "n/a", with the harness's reason on hover; a missing one "?".
    private static String notObserved(HarnessRun run, Field<?> field) {
        return run.notObserved(field)
                .map(why -> "<span title=\"" + escape(why) + "\">n/a</span>")
                .orElse("?");
    }

    private static String gateCell(GateCase c, Optional<HarnessRun> run) {
        StringBuilder cell = new StringBuilder("<b>").append(c.status().id()).append("</b>");
        if (c.status() == GateCase.Status.MISSING) {
            return cell.toString(); // the row itself says which file is missing
        }
        if (c.status() == GateCase.Status.PASS && run.isPresent()) {
            // Say what a pass means: on engine-buggy it is the bug being seen, on engine-fixed its absence.
            cell.append(
                    run.get().isBuggy()
                            ? (run.get().hangs().orElse(0) > 0 ? ": bug reproduced" : "")
                            : run.get().isFixed() ? ": never hung" : "");
        }
        for (String reason : c.reasons()) {
            cell.append("<div class=\"reason\">").append(escape(reason)).append("</div>");
        }
        for (String note : c.notes()) {
            cell.append("<div class=\"note\">").append(escape(note)).append("</div>");
        }
        return cell.toString();
    }

    private static String exhaustive(HarnessRun run) {
        JsonNode node = run.hasCounter(Counters.EXHAUSTIVE)
                ? run.counterNode(Counters.EXHAUSTIVE)
                : ResultFields.EXHAUSTIVE.in(run.tree());
        if (!node.isBoolean()) {
            return "—";
        }
        // Why, as the harness recorded it (Lincheck: what its model checker reported, or why it was not asked).
        JsonNode why = run.counterNode(Counters.EXHAUSTIVE_WHY);
        String because = why.isTextual() ? "<div class=\"note\">" + escape(why.asText()) + "</div>" : "";
        return (node.asBoolean() ? "<b class=\"exhaustive\">yes: every interleaving</b>" : "no") + because;
    }

    /** The run's counters as short "name value" chips; lists of classes shortened, the series left to the chart. */
    private String counters(HarnessRun run) {
        StringBuilder out = new StringBuilder();
        run.counters().fields().forEachRemaining(field -> {
            String name = field.getKey();
            JsonNode value = field.getValue();
            String shown;
            if (name.equals(Counters.EXHAUSTIVE_WHY.name())) {
                return; // shown whole in the Exhaustive column
            }
            if (name.equals(LoadCounters.SERIES.name())) {
                shown = value.size() + " s (chart)";
            } else if (name.equals(JcstressCounters.JCSTRESS_REPORT.name()) && value.isTextual()) {
                out.append("<span class=\"kv\">")
                        .append(jcstressLink(value.asText()))
                        .append("</span> ");
                return;
            } else if (name.equals(LoadCounters.DETECTION_BOUND.name()) && value.isObject()) {
                shown = detectionBound(value);
            } else if (name.equals(LoadCounters.MISS_CHANCE_AT_BUDGET.name()) && value.isNumber()) {
                shown = "≤ " + String.format(Locale.ROOT, "%.1e", value.asDouble()) + " (from the lower bound)";
            } else if (value.isObject()
                    && Counters.DetectionRate.FOUND.isIn(value)
                    && Counters.DetectionRate.SAMPLES.isIn(value)) {
                shown = Counters.DetectionRate.FOUND.in(value).asText() + " / "
                        + Counters.DetectionRate.SAMPLES.in(value).asText();
            } else if (value.isArray() && value.size() > 0 && value.get(0).isContainerNode()) {
                shown = value.size() + " entries (in the results file)"; // e.g. one summary per pooled run
            } else if (value.isArray()) {
                List<String> items = new ArrayList<>();
                // Binary class names shortened to the nested class (the evidence section shows them whole).
                value.forEach(item -> items.add(item.asText().replaceAll("^.*[.$]", "")));
                shown = items.isEmpty() ? "none" : String.join(", ", items);
            } else if (value.isNumber()) {
                shown = number(value.asDouble(), 2);
            } else if (value.isBoolean()) {
                shown = value.asBoolean() ? "yes" : "no";
            } else if (value.isNull()) {
                shown = "—";
            } else {
                shown = value.asText();
                if (shown.length() > 80) {
                    shown = shown.substring(0, 77) + "…";
                }
            }
            out.append("<span class=\"kv\"><span class=\"k\">")
                    .append(escape(name))
                    .append("</span> ")
                    .append(escape(shown))
                    .append("</span> ");
        });
        return out.toString();
    }

    /**
     * k hangs in T seconds of traffic and the one-sided 95% Poisson bounds on the rate: the figures a budget is sized
     * from (the lower bound, never the point estimate k/T).
     */
    private static String detectionBound(JsonNode bound) {
        return number(LoadCounters.DetectionBound.HANGS.in(bound).asLong()) + " hang(s) in "
                + number(LoadCounters.DetectionBound.SECONDS.in(bound).asDouble(), 1) + " s; rate per s, 95%: ≥ "
                + String.format(
                        Locale.ROOT,
                        "%.3g",
                        LoadCounters.DetectionBound.PER_SECOND_LOWER_95
                                .in(bound)
                                .asDouble())
                + ", ≤ "
                + String.format(
                        Locale.ROOT,
                        "%.3g",
                        LoadCounters.DetectionBound.PER_SECOND_UPPER_95
                                .in(bound)
                                .asDouble())
                + "; budget "
                + number(LoadCounters.DetectionBound.BUDGET_SECONDS.in(bound).asLong()) + " s";
    }

    /** A relative link to JCStress's HTML report (relative paths are tried against the results folder's parents). */
    private String jcstressLink(String reported) {
        Path path;
        try {
            path = Path.of(reported);
        } catch (InvalidPathException e) {
            return "<span class=\"k\">jcstressReport</span> " + escape(reported);
        }
        Path target = path.isAbsolute() ? path : results.dir().toAbsolutePath().resolve(path);
        if (!path.isAbsolute()) {
            for (Path base = results.dir().toAbsolutePath(); base != null; base = base.getParent()) {
                if (Files.exists(base.resolve(path))) {
                    target = base.resolve(path);
                    break;
                }
            }
        }
        if (Files.isDirectory(target)) {
            target = target.resolve("index.html");
        }
        String href;
        try {
            href = outDir.toAbsolutePath()
                    .normalize()
                    .relativize(target.normalize())
                    .toString()
                    .replace('\\', '/');
        } catch (IllegalArgumentException e) {
            href = target.toUri().toString();
        }
        return "<a class=\"jcstress-report\" href=\"" + escape(href) + "\">JCStress HTML report</a>"
                + (Files.exists(target)
                        ? ""
                        : " <span class=\"note\">(not found: " + escape(target.toString()) + ")</span>");
    }

    private void unreadable() {
        if (results.unreadable().isEmpty()) {
            return;
        }
        html.append("<section id=\"unreadable\">\n<h2>Unreadable results files</h2>\n<ul>\n");
        for (UnreadableFile bad : results.unreadable()) {
            html.append("<li><code>")
                    .append(escape(bad.fileName()))
                    .append("</code>: ")
                    .append(escape(bad.error()))
                    .append("</li>\n");
        }
        html.append("</ul>\n</section>\n");
    }

    private void charts() {
        html.append("<section id=\"charts\">\n<h2>Charts</h2>\n<h3>Load: both engines on one time axis</h3>\n")
                .append("<p>Transactions answered per second (top) and the latency of a probe transaction sent about")
                .append(" every 250 ms (bottom). Where engine-buggy stopped responding, a dashed line marks the")
                .append(" moment: from there on it answers nothing.</p>\n")
                .append("<div class=\"chart-box\">")
                .append(LoadChart.render(results.runs()))
                .append("</div>\n")
                .append("<h3>Time to the first hang</h3>\n")
                .append("<p>How long each harness needed to find the hang on engine-buggy. The load harness measures")
                .append(" it; for the others it is estimated from the position of the first hang among the units")
                .append(" explored and the run's duration.</p>\n")
                .append("<div class=\"chart-box\">")
                .append(FirstHangChart.render(results.runs()))
                .append("</div>\n")
                .append("</section>\n");
    }

    private void evidence() {
        html.append("<section id=\"evidence\">\n<h2>Evidence from engine-buggy</h2>\n")
                .append("<p>What each harness recorded when engine-buggy hung, exactly as recorded.</p>\n");
        List<HarnessRun> buggy =
                ordered(results.runs().stream().filter(HarnessRun::isBuggy).toList());
        if (buggy.isEmpty()) {
            html.append("<p class=\"note\">No engine-buggy results yet.</p>\n");
        }
        for (HarnessRun run : buggy) {
            EvidenceText text = EvidenceText.of(run, results.dir());
            html.append("<article class=\"evidence-block\" id=\"evidence-")
                    .append(HtmlText.id(run.key().harness() + "-" + run.engine() + "-" + run.scenario()))
                    .append("\">\n<h3>")
                    .append(escape(run.harness()))
                    .append(" · engine-buggy · ")
                    .append(escape(run.scenario()))
                    .append(" <small>")
                    .append(run.hangs().orElse(0) > 0 ? number(run.hangs().orElse(0)) + " hang(s)" : "no hang")
                    .append("</small></h3>\n<p class=\"caption\">")
                    .append(escape(HarnessInfo.of(run.harness()).evidence()))
                    .append(" Source: <code>")
                    .append(escape(text.source()))
                    .append("</code>.</p>\n");
            List<String> locks = run.counterStrings(Counters.LOCK_CLASSES);
            if (!locks.isEmpty()) {
                html.append("<p class=\"locks\">Lock classes in the cycle: ");
                List<String> codes = new ArrayList<>();
                locks.forEach(l -> codes.add("<code>" + escape(l) + "</code>"));
                html.append(String.join(", ", codes)).append("</p>\n");
            }
            JsonNode report = run.counterNode(JcstressCounters.JCSTRESS_REPORT);
            if (report.isTextual()) {
                html.append("<p>").append(jcstressLink(report.asText())).append("</p>\n");
            }
            html.append(TrailTable.of(run));
            html.append(
                    text.text().isBlank()
                            ? "<p class=\"note\">No evidence recorded.</p>\n"
                            : "<pre class=\"evidence\">" + escape(text.text()) + "</pre>\n");
            if (text.truncated()) {
                html.append("<p class=\"note\">Cut to the first ")
                        .append(EvidenceText.MAX_LINES)
                        .append(" lines; the whole text is in <code>")
                        .append(escape(text.source()))
                        .append("</code>.</p>\n");
            }
            html.append("</article>\n");
        }
        List<HarnessRun> fixed =
                ordered(results.runs().stream().filter(HarnessRun::isFixed).toList());
        if (!fixed.isEmpty()) {
            html.append("<details id=\"fixed-evidence\">\n<summary>What the same runs recorded on engine-fixed (")
                    .append(fixed.size())
                    .append(" files)</summary>\n");
            for (HarnessRun run : fixed) {
                EvidenceText text = EvidenceText.of(run, results.dir());
                html.append("<h4>")
                        .append(escape(run.harness()))
                        .append(" · engine-fixed · ")
                        .append(escape(run.scenario()))
                        .append("</h4>\n<pre class=\"evidence-fixed\">")
                        .append(escape(text.text().isBlank() ? "(no evidence recorded)" : text.text()))
                        .append("</pre>\n");
            }
            html.append("</details>\n");
        }
        html.append("</section>\n");
    }

    private static List<HarnessRun> ordered(List<HarnessRun> runs) {
        List<HarnessRun> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparing((HarnessRun r) -> ExpectedRuns.rank(r.harness()))
                .thenComparing(HarnessRun::fileName));
        return sorted;
    }

    private void footer() {
        html.append("<footer id=\"provenance\">\n<h2>Provenance</h2>\n<table id=\"provenance-table\">\n")
                .append("<thead><tr><th>File</th><th>Run id</th><th>Commit</th><th>JDK</th><th>Cores</th>")
                .append("<th>Started at</th><th>Seconds</th></tr></thead>\n<tbody>\n");
        for (HarnessRun run : ordered(results.runs())) {
            JsonNode p = run.provenance();
            html.append("<tr><td><code>").append(escape(run.fileName())).append("</code></td>");
            for (Field<?> field : List.of(
                    ProvenanceFields.RUN_ID,
                    ProvenanceFields.COMMIT,
                    ProvenanceFields.JDK,
                    ProvenanceFields.CORES,
                    ProvenanceFields.STARTED_AT)) {
                JsonNode value = field.in(p);
                boolean missing = value.isMissingNode() || value.isNull();
                html.append("<td>")
                        .append(missing ? "<span class=\"bad\">missing</span>" : escape(value.asText()))
                        .append("</td>");
            }
            html.append("<td class=\"num\">")
                    .append(run.seconds().isPresent() ? number(run.seconds().getAsDouble(), 1) : "?")
                    .append("</td></tr>\n");
        }
        html.append(
                        "</tbody>\n</table>\n<p class=\"sub\">Written by the reports module (lab.kb905214.reports)."
                                + " Machine-readable: <a href=\"summary.json\">summary.json</a>, <a href=\"junit.xml\">junit.xml</a>.</p>\n")
                .append("</footer>\n</main>\n</body>\n</html>\n");
    }
}
