package lab.kb905214.reports.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerformanceSectionTest {

    private static Path fixture() throws URISyntaxException {
        return Path.of(
                PerformanceSectionTest.class.getResource("bench-fixture.json").toURI());
    }

    private static Document render(Path file) {
        return Jsoup.parseBodyFragment(PerformanceSection.render(Optional.of(file)));
    }

    @Test
    void rendersTheRatiosToJspfAndMarksTheMissedTarget() throws Exception {
        Document html = render(fixture());
        Element firstRow = html.select("#perf-spf tr").get(1);
        assertThat(firstRow.select("td").get(0).text()).isEqualTo("1");
        assertThat(firstRow.select("td").get(1).text()).startsWith("120,000");
        assertThat(firstRow.select("td").get(3).text()).isEqualTo("1.50×");
        assertThat(firstRow.select("td").get(3).hasClass("miss")).isTrue();
        // Only the 1-thread row is judged against the target.
        assertThat(html.select("#perf-spf tr").get(2).select("td").get(3).hasClass("miss"))
                .isFalse();
        assertThat(html.select(".perf-missed li").eachText())
                .containsExactly("SPF evaluation: below 2.0x jSPF at 1 thread");
    }

    @Test
    void rendersTheRatioToBareSubEthaAndTheEndToEndDistribution() throws Exception {
        Document html = render(fixture());
        Element ratioRow = html.select("#perf-smtp tr").last();
        assertThat(ratioRow.select("td").get(1).text()).isEqualTo("0.90×");
        assertThat(ratioRow.select("td").get(1).hasClass("good")).isTrue();
        assertThat(html.select("#perf-e2e tr").get(1).text())
                .contains("single raw dnsjava query")
                .contains("1.200");
        Element at16 = html.select("#perf-e2e tr").get(3);
        assertThat(at16.select("td").get(0).text()).isEqualTo("16");
        assertThat(at16.select("td").get(4).hasClass("good")).isTrue();
    }

    @Test
    void showsTheMachineSettingsHangTableAndAFailedSectionWithoutThrowing() throws Exception {
        Document html = render(fixture());
        assertThat(html.select("#perf-machine").text())
                .contains("2 cores")
                .contains("17.0.15+6")
                .contains("full");
        assertThat(html.select("#perf-hang tr").get(1).text())
                .contains("schedule")
                .contains("10 (10)")
                .contains("1.25");
        assertThat(html.select("#perf-hang").text())
                .contains("stress test classes not built")
                .contains("176");
        assertThat(html.select("#perf-rates").text()).contains("1,428.6");
        assertThat(html.text())
                .contains("This benchmark failed: java.lang.IllegalStateException: MemoryProbe gave no result");
        assertThat(html.select("#perf-memory")).isEmpty();
    }

    @Test
    void showsIssue17sRecordedFiguresBesideThisRunsAndMarksEachAgainstItsTarget() throws Exception {
        Document html = render(fixture());
        var rows = html.select("#perf-before-after tr");
        assertThat(rows).hasSize(6);
        Element spf1 = rows.get(1);
        assertThat(spf1.select("td").eachText())
                .containsExactly("SPF evaluations/s, this project ÷ jSPF, 1 thread", "≥ 2.0×", "0.34×", "1.50×");
        assertThat(spf1.select("td").get(3).hasClass("miss")).isTrue();
        assertThat(rows.get(3).select("td").get(2).text()).isEqualTo("9.40×");
        assertThat(rows.get(3).select("td").get(3).hasClass("good")).isTrue();
        assertThat(rows.get(4).select("td").get(3).text()).isEqualTo("0.90×");
        // The memory section of the fixture failed: no figure, no judgement.
        assertThat(rows.get(5).select("td").eachText())
                .containsExactly("heap per idle connection (KiB)", "–", "126.00", "–");
        assertThat(html.select("#perf-before-after + p").text()).contains("recorded <when filed>");
    }

    @Test
    void showsTheCostOfEachPartOfATransactionStepByStep() throws Exception {
        Document html = render(fixture());
        var rows = html.select("#perf-smtp-ladder tr");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(2).select("td").eachText())
                .containsExactly("+ the <watcher>", "950", "0.95×", "1,053", "820", "62%", "31.00");
        // A bench.json from before the kernel's share was recorded shows a dash, not a made-up figure.
        assertThat(rows.get(1).select("td").get(5).text()).isEqualTo("–");
    }

    @Test
    void judgesTheEndToEndRatioByTheMedianOfItsRounds(@TempDir Path dir) throws Exception {
        // The level at 16 passes against the first raw window (2.92); the interleaved rounds' median misses (3.40).
        String fixture = Files.readString(fixture());
        String withRounds = fixture.replace(
                "\"targetP99RatioAt16\": 3.0",
                "\"roundsAt16\": [{\"rawQueryP99Ms\": 1.0, \"checkP99Ms\": 3.4, \"ratio\": 3.4},"
                        + " {\"rawQueryP99Ms\": 1.0, \"checkP99Ms\": 2.8, \"ratio\": 2.8},"
                        + " {\"rawQueryP99Ms\": 1.0, \"checkP99Ms\": 3.9, \"ratio\": 3.9}],"
                        + " \"p99RatioAt16\": 3.4, \"targetP99RatioAt16\": 3.0");
        assertThat(withRounds).isNotEqualTo(fixture);

        Document html = render(Files.writeString(dir.resolve("bench.json"), withRounds));

        Element judged = html.selectFirst("#perf-e2e-judged");
        assertThat(judged).isNotNull();
        assertThat(judged.text()).isEqualTo("3.40×");
        assertThat(judged.hasClass("miss")).isTrue();
        assertThat(html.text()).contains("the median over 3 rounds").contains("2.80× (2.80 / 1.00 ms)");
        // The level's own ratio is shown, not judged.
        assertThat(html.select("#perf-e2e tr").get(3).select("td").get(4).hasClass("good"))
                .isFalse();
    }

    @Test
    void escapesTextFromTheFile() throws Exception {
        String raw = PerformanceSection.render(Optional.of(fixture()));
        assertThat(raw).contains("&lt;from memory&gt;").doesNotContain("<from memory>");
    }

    @Test
    void saysSoWhenThereIsNoBenchmarkRunOrTheFileIsBroken(@TempDir Path dir) throws Exception {
        assertThat(Jsoup.parseBodyFragment(PerformanceSection.render(Optional.empty()))
                        .text())
                .contains("No benchmark results")
                .contains("mvn -B -Pbench verify");
        assertThat(PerformanceSection.render(Optional.of(dir.resolve("absent.json"))))
                .contains("No benchmark results");
        Path broken = Files.writeString(dir.resolve("bench.json"), "{ not json");
        assertThat(PerformanceSection.render(Optional.of(broken))).contains("could not be read");
    }

    @Test
    void copiesBenchJsonIntoTheReportFolder(@TempDir Path dir) throws Exception {
        Path copy = PerformanceSection.copyInto(fixture(), dir.resolve("lab-report"));
        assertThat(copy).isEqualTo(dir.resolve("lab-report").resolve("bench.json"));
        assertThat(Files.readString(copy)).isEqualTo(Files.readString(fixture()));
    }
}
