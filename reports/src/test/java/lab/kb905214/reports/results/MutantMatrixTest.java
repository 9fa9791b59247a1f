package lab.kb905214.reports.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import lab.kb905214.reports.LabReport;
import lab.kb905214.reports.SummaryJson;
import lab.kb905214.reports.gate.Finding;
import lab.kb905214.reports.gate.GateDecision;
import lab.kb905214.reports.gate.GateProfile;
import lab.kb905214.reports.gate.MutantChecks;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kill matrix: read from the mutants folder, judged by the gate, shown in the report and summary.json. */
class MutantMatrixTest {
    @TempDir
    Path root;

    @Test
    void everyRequiredMutantKilledAndTheControlAlivePassesTheGate() {
        ResultsFixture fixture = new ResultsFixture(root).goodDefaultSet();

        MutantMatrix matrix = fixture.read().mutants();

        assertThat(matrix.rows())
                .extracting(MutantMatrix.Row::mutant)
                .containsExactlyElementsOf(MutantChecks.DEFINED_MUTANTS);
        assertThat(matrix.survivors()).isEmpty();
        assertThat(matrix.row("M1").orElseThrow().killers()).containsExactly("schedule", "lincheck");
        assertThat(fixture.judge(GateProfile.DEFAULT).passed()).isTrue();
    }

    @Test
    void aMutantThatSurvivesEveryHarnessFailsTheGate() {
        ResultsFixture fixture = new ResultsFixture(root)
                .goodDefaultSet()
                .writeMutant(ResultsFixture.mutantVerdict("schedule", "M2", null))
                .writeMutant(ResultsFixture.mutantVerdict("lincheck", "M2", null));

        GateDecision verdict = fixture.judge(GateProfile.DEFAULT);

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.reasons())
                .extracting(Finding::reason)
                .anyMatch(r -> r.startsWith("mutant M2 (title of M2) survived every harness"));
    }

    @Test
    void oneKillIsEnough() {
        ResultsFixture fixture = new ResultsFixture(root)
                .goodDefaultSet()
                .writeMutant(ResultsFixture.mutantVerdict("schedule", "M5", null));

        assertThat(fixture.judge(GateProfile.DEFAULT).passed()).isTrue();
    }

    @Test
    void aKilledControlFailsTheGate() {
        ResultsFixture fixture = new ResultsFixture(root)
                .goodDefaultSet()
                .writeMutant(ResultsFixture.mutantVerdict("lincheck", "M0", "[await] || [complete]: hang"));

        GateDecision verdict = fixture.judge(GateProfile.DEFAULT);

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.reasons())
                .extracting(Finding::reason)
                .anyMatch(r -> r.startsWith("the control M0") && r.contains("[await] || [complete]: hang"));
    }

    @Test
    void aRequiredMutantRunMissingFailsTheGate() throws Exception {
        ResultsFixture fixture = new ResultsFixture(root).goodDefaultSet();
        Files.delete(fixture.resultsDir.resolve("mutants/lincheck-mutant-M5-kill.json"));

        GateDecision verdict = fixture.judge(GateProfile.DEFAULT);

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.reasons())
                .extracting(Finding::reason)
                .anyMatch(r -> r.startsWith("missing: the lincheck harness did not run mutant M5"));
    }

    @Test
    void theStressBuildRequiresEveryMutantThroughEveryHarness() {
        ResultsFixture fixture = new ResultsFixture(root).goodDefaultSet();

        GateDecision verdict = fixture.judge(GateProfile.STRESS);

        assertThat(verdict.reasons())
                .extracting(Finding::reason)
                .anyMatch(r -> r.startsWith("missing: the jcstress harness did not run mutant M8"));
    }

    @Test
    void aDefinedMutantNoHarnessRanIsNotRunCountedAndFailsTheGate() throws Exception {
        ResultsFixture fixture = new ResultsFixture(root).goodDefaultSet();
        for (String harness : MutantChecks.DEFAULT_HARNESSES) {
            Files.delete(fixture.resultsDir.resolve(MutantMatrix.FOLDER).resolve(harness + "-mutant-M9-kill.json"));
        }
        MutantMatrix matrix = fixture.read().mutants();
        assertThat(MutantChecks.notRun(matrix)).containsExactly("M9");
        assertThat(SummaryJson.mutants(matrix).get("total").asInt()).isEqualTo(MutantChecks.DEFINED_MUTANTS.size() - 1);
        assertThat(SummaryJson.mutants(matrix).get("notRun").get(0).asText()).isEqualTo("M9");
        assertThat(MutantChecks.check(matrix, GateProfile.DEFAULT, BuildCheck.NONE))
                .extracting(Finding::reason)
                .contains("not run: no harness ran mutant M9 in this build (not exercised is not survived)");
    }

    @Test
    void summaryAndReportShowTheMatrix() throws Exception {
        ResultsFixture fixture = new ResultsFixture(root)
                .goodDefaultSet()
                .writeMutant(ResultsFixture.mutantVerdict("schedule", "M5", null));

        LabReport.write(fixture.resultsDir, fixture.reportDir, GateProfile.DEFAULT);

        JsonNode mutants = new ObjectMapper()
                .readTree(fixture.reportDir.resolve("summary.json").toFile())
                .get("mutants");
        int defined = MutantChecks.DEFINED_MUTANTS.size() - 1;
        assertThat(mutants.get("total").asInt()).isEqualTo(defined);
        assertThat(mutants.get("killed").asInt()).isEqualTo(defined);
        assertThat(mutants.get("survivors")).isEmpty();
        assertThat(mutants.get("notRun")).isEmpty();
        // Rows in the mutants' numbers' order: M5 is the sixth.
        assertThat(mutants.get("matrix").get(5).get("mutant").asText()).isEqualTo("M5");
        assertThat(mutants.get("matrix")
                        .get(5)
                        .get("harnesses")
                        .get("schedule")
                        .get("killed")
                        .asBoolean())
                .isFalse();
        String html = Files.readString(fixture.reportDir.resolve("index.html"));
        assertThat(html)
                .contains(
                        "id=\"kill-matrix\"", defined + " of " + defined + "</b> mutants killed", "H1 racy: deadlock");
        assertThat(Files.readString(fixture.reportDir.resolve("junit.xml")))
                .contains("name=\"lab.gate.mutation\"", "<testcase classname=\"lab.gate.mutation\" name=\"M5\"");
    }

    @Test
    void underStressAMutantKilledByOneHarnessOnlyFailsTheGate() {
        ResultsFixture fixture = new ResultsFixture(root).goodStressSet();
        for (String harness : new String[] {"explore", "lincheck", "jcstress", "load"}) {
            fixture.writeMutant(ResultsFixture.mutantVerdict(harness, "M3", null));
        }

        GateDecision stress = fixture.judge(GateProfile.STRESS);

        assertThat(stress.passed()).isFalse();
        assertThat(stress.reasons())
                .extracting(Finding::reason)
                .containsExactly("mutant M3 (title of M3) killed by 1"
                        + " harness (schedule) of 5 that judged it; -Pstress requires 2 independent kills");
        assertThat(fixture.judge(GateProfile.DEFAULT).passed())
                .as("one kill is enough in the default build")
                .isTrue();
    }

    @Test
    void underStressThreeMutantsWithAHarnessThatCannotJudgeThemFailTheGate() {
        ResultsFixture fixture = new ResultsFixture(root).goodStressSet();
        for (String mutant : new String[] {"M7", "M8", "M9"}) {
            ObjectNode na = ResultsFixture.mutantVerdict("lincheck", mutant, null);
            ((ObjectNode) na.get("counters")).put("notApplicable", "threads Lincheck does not control");
            fixture.writeMutant(na);
        }

        GateDecision stress = fixture.judge(GateProfile.STRESS);

        assertThat(stress.reasons())
                .extracting(Finding::reason)
                .containsExactly(
                        "3 mutants have a harness that" + " declared itself n/a (M7, M8, M9); -Pstress allows 2");
    }

    @Test
    void theReportCountsEachMutantsKillsAndMarksASurvivorRed() throws Exception {
        ResultsFixture fixture = new ResultsFixture(root).goodStressSet();
        for (String harness : MutantMatrix.HARNESSES) {
            fixture.writeMutant(ResultsFixture.mutantVerdict(harness, "M4", harness.equals("load") ? "lost" : null));
            fixture.writeMutant(ResultsFixture.mutantVerdict(harness, "M6", null));
        }

        LabReport.write(fixture.resultsDir, fixture.reportDir, GateProfile.STRESS);

        Document page = Jsoup.parse(fixture.reportDir.resolve("index.html").toFile());
        assertThat(page.select("#mutants p").first().text()).contains(MutantChecks.STRESS_RULE);
        assertThat(page.select("tr[data-mutant=M1] td").get(2).text()).matches("5 of 5 first in 1[.][23] s");
        assertThat(page.select("tr[data-mutant=M4] td.bad").first().text()).startsWith("1 of 5");
        assertThat(page.select("tr.survivor").eachAttr("data-mutant")).containsExactly("M6");
        assertThat(page.select("tr.survivor td.bad").first().text()).isEqualTo("M6");
    }

    @Test
    void aKillStandsThoughSomeOfItsSchedulesWereNotExercised() {
        ObjectNode killed = ResultsFixture.mutantVerdict(
                "schedule",
                "M5",
                "ERROR racy: the schedule's order was not"
                        + " reached (steps reached: waiter.begin, waiter.checked), and once every step was released: session"
                        + " waiting forever");
        ((ObjectNode) killed.get("counters")).put("notExercised", 1);
        ObjectNode survived = ResultsFixture.mutantVerdict("schedule", "M4", null);
        ((ObjectNode) survived.get("counters")).put("notExercised", 2);
        ResultsFixture fixture =
                new ResultsFixture(root).goodDefaultSet().writeMutant(killed).writeMutant(survived);

        GateDecision verdict = fixture.judge(GateProfile.DEFAULT);

        assertThat(verdict.reasons()).extracting(Finding::file).containsExactly("mutants/schedule-mutant-M4-kill.json");
        assertThat(verdict.reasons())
                .extracting(Finding::reason)
                .singleElement()
                .asString()
                .startsWith("not exercised: 2 of ");
    }
}
