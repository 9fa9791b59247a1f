package lab.kb905214.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import lab.kb905214.reports.gate.Finding;
import lab.kb905214.reports.gate.GateCase;
import lab.kb905214.reports.gate.GateDecision;
import lab.kb905214.reports.gate.GateProfile;
import lab.kb905214.reports.results.HarnessRun;
import lab.kb905214.reports.results.ResultsFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** summary.json and junit.xml are well-formed and say what the gate says. */
class SummaryAndJUnitTest {
    @TempDir
    Path root;

    @Test
    void aPassingSetGivesAPassingSummaryAndNoJUnitFailures() throws Exception {
        ResultsFixture fixture = new ResultsFixture(root).goodDefaultSet();
        LabSummary summary = LabReport.write(fixture.resultsDir, fixture.reportDir, GateProfile.DEFAULT);
        JsonNode json = ResultsFixture.JSON.readTree(summary.summaryJson().toFile());
        assertThat(json.at("/verdict/gate").asText()).isEqualTo("pass");
        assertThat(json.at("/verdict/fixedNeverHung").asBoolean()).isTrue();
        assertThat(json.at("/verdict/buggyReproduced").asBoolean()).isTrue();
        assertThat(json.at("/verdict/reasons")).isEmpty();
        agree(summary, json, parse(summary.junitXml()));
        assertThat(parse(summary.junitXml()).getElementsByTagName("failure").getLength())
                .isZero();
    }

    @Test
    void aFailingSetAgreesAcrossSummaryJUnitAndTheGate() throws Exception {
        ResultsFixture fixture = new ResultsFixture(root).goodStressSet();
        fixture.delete("load-fixed-H1.json");
        fixture.edit("jcstress-fixed-H2.json", run -> run.put("lostVerdicts", 3));
        fixture.editCounters("schedule-buggy-H1.json", c -> c.putArray("lockClasses"));
        fixture.writeRaw("lincheck-fixed-H1.json", "{\"harness\": \"linch");
        LabSummary summary = LabReport.write(fixture.resultsDir, fixture.reportDir, GateProfile.STRESS);
        JsonNode json = ResultsFixture.JSON.readTree(summary.summaryJson().toFile());
        Document junit = parse(summary.junitXml());

        assertThat(json.at("/verdict/gate").asText()).isEqualTo("fail");
        assertThat(json.at("/verdict/fixedNeverHung").asBoolean()).isFalse();
        assertThat(json.at("/verdict/buggyReproduced").asBoolean()).isTrue();
        assertThat(json.at("/unreadable/0/file").asText()).isEqualTo("lincheck-fixed-H1.json");
        agree(summary, json, junit);
        assertThat(failedTestNames(junit))
                .containsExactlyInAnyOrder(
                        "buggy H1 (schedule-buggy-H1.json)", "fixed H1 (lincheck-fixed-H1.json)",
                        "fixed H2 (jcstress-fixed-H2.json)", "fixed H1 (load-fixed-H1.json)");
    }

    /** The summary's runs are the files as read; its verdict, the gate's; junit.xml's failures, the failing cases. */
    private static void agree(LabSummary summary, JsonNode json, Document junit) {
        GateDecision verdict = summary.verdict();
        assertThat(json.at("/verdict/gate").asText()).isEqualTo(verdict.gate());
        assertThat(json.at("/verdict/fixedNeverHung").asBoolean()).isEqualTo(verdict.fixedNeverHung());
        assertThat(json.at("/verdict/buggyReproduced").asBoolean()).isEqualTo(verdict.buggyReproduced());
        List<String> reasons = new ArrayList<>();
        json.at("/verdict/reasons").forEach(r -> reasons.add(r.asText()));
        assertThat(reasons)
                .containsExactlyElementsOf(
                        verdict.reasons().stream().map(Finding::toString).toList());
        List<JsonNode> runs = new ArrayList<>();
        json.get("runs").forEach(runs::add);
        assertThat(runs)
                .containsExactlyElementsOf(
                        summary.results().runs().stream().map(HarnessRun::tree).toList());

        Element suites = junit.getDocumentElement();
        assertThat(suites.getTagName()).isEqualTo("testsuites");
        // The harness × engine × scenario cases; the mutation suite has one case per mutant (MutantMatrixTest).
        List<Element> cases = new ArrayList<>();
        NodeList all = junit.getElementsByTagName("testcase");
        for (int i = 0; i < all.getLength(); i++) {
            Element testCase = (Element) all.item(i);
            if (!testCase.getAttribute("classname").equals("lab.gate.mutation")) {
                cases.add(testCase);
            }
        }
        assertThat(cases).hasSize(verdict.cases().size());
        long mutantFailures = verdict.reasons().stream()
                .filter(f -> f.file().startsWith("mutants/"))
                .map(f -> f.key().engine())
                .distinct()
                .count();
        assertThat(Integer.parseInt(suites.getAttribute("failures")))
                .isEqualTo(
                        (int) verdict.cases().stream().filter(GateCase::failed).count() + (int) mutantFailures);
        Map<String, String> statusByFile = new HashMap<>();
        json.at("/verdict/cases")
                .forEach(c ->
                        statusByFile.put(c.get("file").asText(), c.get("status").asText()));
        for (Element testCase : cases) {
            String name = testCase.getAttribute("name");
            String file = name.substring(name.indexOf('(') + 1, name.length() - 1);
            boolean failed = testCase.getElementsByTagName("failure").getLength() > 0;
            assertThat(statusByFile).containsKey(file);
            assertThat(failed).as(name).isEqualTo(!statusByFile.get(file).equals("pass"));
        }
    }

    private static List<String> failedTestNames(Document junit) {
        List<String> names = new ArrayList<>();
        NodeList failures = junit.getElementsByTagName("failure");
        for (int i = 0; i < failures.getLength(); i++) {
            names.add(((Element) failures.item(i).getParentNode()).getAttribute("name"));
        }
        return names;
    }

    private static Document parse(Path xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(xml.toFile());
    }
}
