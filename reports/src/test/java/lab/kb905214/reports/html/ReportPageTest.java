package lab.kb905214.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import lab.kb905214.reports.LabReport;
import lab.kb905214.reports.LabSummary;
import lab.kb905214.reports.gate.Gate;
import lab.kb905214.reports.gate.GateDecision;
import lab.kb905214.reports.gate.GateProfile;
import lab.kb905214.reports.results.HarnessRun;
import lab.kb905214.reports.results.ResultsFixture;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated index.html, parsed with jsoup: verdict, tables, charts, evidence, self-containment, escaping. */
class ReportPageTest {
    private static final String HOSTILE = "<script>alert('x')</script><img src=\"http://evil.example/x.png\">";

    @TempDir
    Path root;

    private Document write(ResultsFixture fixture, GateProfile profile) throws Exception {
        LabSummary summary = LabReport.write(fixture.resultsDir, fixture.reportDir, profile);
        return Jsoup.parse(summary.indexHtml().toFile(), "UTF-8");
    }

    @Test
    void aPassingReportShowsTheVerdictTablesChartsAndEvidence() throws Exception {
        ResultsFixture fixture = new ResultsFixture(root).goodStressSet();
        Document page = write(fixture, GateProfile.STRESS);

        assertThat(page.select("#verdict.pass")).hasSize(1);
        assertThat(page.select("#gate-result").text()).isEqualTo("PASS");
        assertThat(page.select("#fixed-never-hung").text()).endsWith("yes");
        assertThat(page.select("#buggy-reproduced").text()).endsWith("yes");
        assertThat(page.select("#reasons")).isEmpty();

        // One table per harness, one row per results file, each file exactly once.
        for (String harness : List.of("schedule", "lincheck", "spin", "jcstress", "load")) {
            assertThat(page.select("table#results-" + harness)).as(harness).hasSize(1);
        }
        List<String> rowFiles = page.select("table.results tbody tr.run").eachAttr("data-file");
        List<String> files =
                fixture.read().runs().stream().map(HarnessRun::fileName).toList();
        // with the two controls, JCStress's outcome tests, the bounded load, both engines' load through Unbound, SPIN's
        // four runs and two wide ones, Lincheck's three on real threads, and the explorer's trees with the client's
        // moves and with two transactions
        assertThat(rowFiles).containsExactlyInAnyOrderElementsOf(files).hasSize(37);
        Element h1Row = page.selectFirst("tr.run[data-file=schedule-buggy-H1.json]");
        assertThat(h1Row.select("td").eachText()).startsWith("buggy", "H1", "20 schedules", "20", "0", "#1", "12.5");
        assertThat(page.selectFirst("tr.run[data-file=lincheck-fixed-H2.json]").text())
                .contains("yes: every interleaving");
        assertThat(page.select("tr.run td.gate.status-pass")).hasSize(37);
        assertThat(page.selectFirst("tr.run[data-file=spin-fixed-H1.json]").text())
                .contains("states");
        // The assumption audit of each load run is listed under "What is proven", the cycle of engine-buggy with it.
        assertThat(page.selectFirst("#assumptions li[data-file=load-fixed-H1.json]")
                        .text())
                .isEqualTo(
                        "engine-fixed, load H1 (sampled, 30 thread dumps): locks taken in one order (1 nesting edges, no cycle);"
                                + " completion and DNS threads seen waiting outside their queues 0 time(s); the completion"
                                + " thread's monitor blocks, as the JVM counted them (any monitor, a class-loading lock too; not"
                                + " judged): 0");
        assertThat(page.selectFirst("#assumptions li[data-file=load-buggy-H1.json]")
                        .text())
                .contains("lock-order cycle RegistryLock → SessionLock → RegistryLock");
        // What each SPIN model lets its sessions share, and so how far its search reaches.
        assertThat(page.selectFirst("#assumptions li[data-file=spin-fixed-H1.json]")
                        .text())
                .isEqualTo("engine-fixed, SPIN H1 (2x2 searched): the model's sessions share no global but the ghost"
                        + " waiters and reach no other session's state, so the search stands for any number of sessions"
                        + " of 2 transaction(s) each");
        assertThat(page.selectFirst("#assumptions li[data-file=spin-buggy-H1.json]")
                        .text())
                .endsWith("the model's sessions share registry, so the search stands only for the sessions it had");
        // A detection rate is shown as k events in T seconds with its 95% bounds, never as a bare point estimate.
        assertThat(page.selectFirst("tr.run[data-file=load-buggy-H1.json]").text())
                .contains(
                        "detectionBound 1 hang(s) in 30 s; rate per s, 95%: ≥ 0.000844, ≤ 0.158; budget 30 s",
                        "missChanceAtBudget ≤ 9.8e-01 (from the lower bound)");

        // Charts: the load series of both engines with the stop marked, and time to first hang.
        Element load = page.selectFirst("svg#chart-load");
        assertThat(load).isNotNull();
        assertThat(load.select("polyline.series-buggy")).isNotEmpty();
        assertThat(load.select("polyline.series-fixed")).isNotEmpty();
        assertThat(load.select("line.stopped")).hasSize(2); // the load with the embedded server, and through Unbound
        assertThat(load.select("text.stopped-label").eachText())
                .containsExactlyInAnyOrder(
                        "engine-buggy H1 stopped responding at 14 s",
                        "engine-buggy unbound stopped responding at 14 s");
        assertThat(load.select("text.no-answer"))
                .hasSize(32); // both buggy runs, not the fixed engine's seconds without a probe
        Element firstHang = page.selectFirst("svg#chart-first-hang");
        assertThat(firstHang).isNotNull();
        assertThat(firstHang.select("rect.bar"))
                .hasSize(16); // 2 schedule + 2 lincheck + 2 lincheck on real threads + 2 spin + 2 jcstress + 2 load
        // (embedded, Unbound) + 1 judge calibration + 3 explorer (single, client moves, stale)
        assertThat(firstHang.text()).contains("stopped responding at 14 s (measured)");

        // Evidence of every buggy run in a <pre>, the cycle with its lock classes.
        for (HarnessRun run : fixture.read().runs()) {
            if (run.isBuggy()) {
                String id = "evidence-" + run.harness() + "-buggy-" + run.scenario();
                assertThat(page.select("#" + id + " pre.evidence")).as(id).hasSize(1);
            }
        }
        assertThat(page.select("#evidence-schedule-buggy-H1 pre.evidence").text())
                .contains("Java-level deadlock");
        assertThat(page.select("#evidence-schedule-buggy-H1 p.locks code").eachText())
                .containsExactly(ResultsFixture.REGISTRY_LOCK, ResultsFixture.SESSION_LOCK);
        assertThat(page.select("#evidence-jcstress-buggy-H2 pre.evidence").text())
                .contains("STALE");
        assertThat(page.select("#evidence-spin-buggy-H1 pre.evidence").text()).contains("lock cycle");
        // SPIN's trails as the engine ran them: one row per trail, each the same interleaving with the same end.
        assertThat(page.select("#evidence-spin-buggy-H1 table.trails tbody tr"))
                .hasSize(9)
                .allSatisfy(row -> assertThat(row.select("td").eachText()).contains("the same", "yes"));

        // The JCStress report is linked by a relative path that leads to it.
        List<String> links = page.select("a.jcstress-report").eachAttr("href");
        assertThat(links).isNotEmpty().allSatisfy(href -> {
            assertThat(href).doesNotContain(":");
            assertThat(fixture.reportDir.resolve(href).normalize()).isRegularFile();
        });

        // Provenance: one footer row per file.
        assertThat(page.select("#provenance-table tbody tr")).hasSize(37);
        assertThat(page.select("#provenance-table").text()).contains("0123456789abcdef", "17.0.15");

        // A reader who never saw the project learns what it is about.
        String about = page.select("#about").text();
        assertThat(about)
                .contains(
                        "KB905214",
                        "Exchange Server 2003 Service Pack 2",
                        "Sender ID Filtering",
                        "stop responding",
                        "race condition",
                        "hotfix",
                        "H1",
                        "H2",
                        "lock-order inversion",
                        "lost wakeup",
                        "engine-buggy",
                        "engine-fixed");
        assertThat(page.selectFirst("#about pre.command").wholeText()).isEqualTo(ReportPage.DIFF_COMMAND);
    }

    @Test
    void aCalibrationCellStoppedAtItsFirstHangShowsNoRate() throws Exception {
        ResultsFixture fixture = new ResultsFixture(root).goodDefaultSet().buggyCalibrationStoppedAtItsFirstHang();
        Document page = write(fixture, GateProfile.DEFAULT);

        assertThat(page.selectFirst("#judge-calibration tr[data-cell=c16-a0.3]").text())
                .contains("1 / 1 (up to 3, until the first hang) (1 cycle, 0 stuck, 0 stopped)")
                .contains("not estimated (stopped at the first hang)");
    }

    @Test
    void thePageFetchesNothing() throws Exception {
        Document page = write(new ResultsFixture(root).goodStressSet(), GateProfile.STRESS);
        assertThat(page.select("script, link, iframe, object, embed, img")).isEmpty();
        for (Element element : page.select("[src], [href], [xlink:href]")) {
            for (String attr : List.of("src", "href", "xlink:href")) {
                String value = element.attr(attr).toLowerCase(Locale.ROOT);
                assertThat(value)
                        .as(element.outerHtml())
                        .doesNotStartWith("http")
                        .doesNotStartWith("//");
            }
        }
        String css = page.select("style").html();
        assertThat(css).doesNotContain("@import").doesNotContain("url(");
    }

    @Test
    void hostileEvidenceIsShownAsTextNotMarkup() throws Exception {
        ResultsFixture fixture = new ResultsFixture(root).goodDefaultSet();
        fixture.edit("schedule-buggy-H2.json", run -> run.put("evidence", "waiter stuck\n" + HOSTILE));
        fixture.edit("lincheck-fixed-H1.json", run -> run.put("evidence", HOSTILE));
        fixture.editCounters("schedule-fixed-H2.json", c -> c.put("note", HOSTILE));
        Document page = write(fixture, GateProfile.DEFAULT);
        assertThat(page.select("script")).isEmpty();
        assertThat(page.select("img")).isEmpty();
        assertThat(page.select("#evidence-schedule-buggy-H2 pre.evidence")
                        .first()
                        .wholeText())
                .isEqualTo("waiter stuck\n" + HOSTILE);
        assertThat(page.select("#fixed-evidence pre.evidence-fixed").eachText()).contains(HOSTILE);
    }

    @Test
    void aFailingReportListsTheReasonsAndTheMissingAndUnreadableFiles() throws Exception {
        ResultsFixture fixture = new ResultsFixture(root).goodDefaultSet();
        fixture.delete("lincheck-fixed-H2.json");
        fixture.edit("schedule-fixed-H1.json", run -> run.put("hangs", 1).put("firstHangAt", 4));
        fixture.writeRaw("lincheck-buggy-H1.json", "{\"harness\": \"lincheck\", \"engine\": ");
        Document page = write(fixture, GateProfile.DEFAULT);
        GateDecision verdict = Gate.judge(fixture.read(), GateProfile.DEFAULT);

        assertThat(page.select("#verdict.fail")).hasSize(1);
        assertThat(page.select("#gate-result").text()).isEqualTo("FAIL");
        assertThat(page.select("#fixed-never-hung").text()).endsWith("no");
        assertThat(page.select("#reasons li")).hasSize(verdict.reasons().size());
        assertThat(page.select("#reasons").text())
                .contains(
                        "schedule / fixed / H1",
                        "engine-fixed hung in 1 of 20",
                        "lincheck / fixed / H2",
                        "missing",
                        "lincheck-buggy-H1.json",
                        "not valid JSON");
        assertThat(page.select("tr.missing[data-file=lincheck-fixed-H2.json]")).hasSize(1);
        assertThat(page.select("tr.unreadable[data-file=lincheck-buggy-H1.json]"))
                .hasSize(1);
        assertThat(page.select("#unreadable li").text()).contains("lincheck-buggy-H1.json");
        assertThat(page.select("tr.run"))
                .hasSize(20); // with the Lincheck control, the judge calibration, the explorer, the bounded load, the
        // load through Unbound, SPIN, Lincheck on real threads
        assertThat(page.selectFirst("tr.run[data-file=schedule-fixed-H1.json] td.gate.status-fail")
                        .text())
                .contains("engine-fixed hung");
    }

    @Test
    void withoutLoadFilesTheLoadChartIsANoteAndTheReportStillWorks() throws Exception {
        Document page = write(
                new ResultsFixture(root)
                        .goodDefaultSet()
                        .delete("load-fixed-unbound.json")
                        .delete("load-fixed-bounded.json"),
                GateProfile.DEFAULT);
        assertThat(page.select("svg#chart-load")).isEmpty();
        assertThat(page.select("#chart-load-note").text()).contains("No load results yet");
        assertThat(page.select("svg#chart-first-hang rect.bar"))
                .hasSize(10); // SPIN's two buggy runs and Lincheck's two on real threads among them
    }

    @Test
    void anEmptyResultsFolderStillGivesAPage() throws Exception {
        ResultsFixture fixture = new ResultsFixture(root);
        Document page = write(fixture, GateProfile.DEFAULT);
        assertThat(page.select("#gate-result").text()).isEqualTo("FAIL");
        assertThat(page.select("tr.missing"))
                .hasSize(22); // with the Lincheck control, the bounded load, the load through Unbound, SPIN's four runs
        // and Lincheck's three on real threads
        assertThat(page.select("#chart-first-hang-note")).hasSize(1);
        assertThat(Files.exists(fixture.reportDir.resolve("summary.json"))).isTrue();
    }
}
