package lab.kb905214.reports;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import lab.kb905214.reports.gate.Finding;
import lab.kb905214.reports.gate.GateCase;
import lab.kb905214.reports.gate.GateDecision;
import lab.kb905214.reports.gate.MutantChecks;
import lab.kb905214.reports.results.HarnessRun;
import lab.kb905214.reports.results.LabResults;
import lab.kb905214.reports.results.MutantMatrix;

/**
 * junit.xml in the common Ant/Surefire format: one test suite per harness, one test case per harness × engine ×
 * scenario, with a failure wherever the gate fails, so any CI system shows the gate's judgement.
 */
final class JUnitXml {

    private JUnitXml() {}

    /** The XML text. */
    static String render(LabResults results, GateDecision verdict) {
        Map<String, List<GateCase>> byHarness = new LinkedHashMap<>();
        for (GateCase c : verdict.cases()) {
            byHarness.computeIfAbsent(c.key().harness(), h -> new ArrayList<>()).add(c);
        }
        // One test case per mutant the build ran or requires; it fails with the gate's findings about that mutant.
        Map<String, List<Finding>> mutants = new TreeMap<>();
        results.mutants().rows().forEach(row -> mutants.put(row.mutant(), new ArrayList<>()));
        MutantChecks.requiredMutants(verdict.profile()).forEach(m -> mutants.putIfAbsent(m, new ArrayList<>()));
        for (Finding finding : verdict.reasons()) {
            if (!finding.file().startsWith(MutantMatrix.FOLDER + "/")) {
                continue; // the gate's findings about the mutants' files are the mutant cases' failures
            }
            // A finding may name several mutants ("mutant-M7+M8"): its key keeps the file's words, not an Engine.
            mutants.computeIfAbsent(finding.key().engine().replace("mutant-", ""), m -> new ArrayList<>())
                    .add(finding);
        }
        long mutantFailures =
                mutants.values().stream().filter(f -> !f.isEmpty()).count();
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "kb905214-lab-gate (" + verdict.profile().id() + ")");
            xml.writeAttribute("tests", Integer.toString(verdict.cases().size() + mutants.size()));
            xml.writeAttribute(
                    "failures",
                    Long.toString(
                            verdict.cases().stream().filter(GateCase::failed).count() + mutantFailures));
            xml.writeAttribute("errors", "0");
            xml.writeCharacters("\n");
            for (Map.Entry<String, List<GateCase>> entry : byHarness.entrySet()) {
                List<GateCase> cases = entry.getValue();
                xml.writeStartElement("testsuite");
                xml.writeAttribute("name", clean("lab.gate." + entry.getKey()));
                xml.writeAttribute("tests", Integer.toString(cases.size()));
                xml.writeAttribute(
                        "failures",
                        Long.toString(cases.stream().filter(GateCase::failed).count()));
                xml.writeAttribute("errors", "0");
                xml.writeAttribute("skipped", "0");
                xml.writeAttribute(
                        "time",
                        seconds(cases.stream()
                                .mapToDouble(c -> time(results, c))
                                .sum()));
                xml.writeCharacters("\n");
                for (GateCase c : cases) {
                    testCase(xml, results, c);
                }
                xml.writeEndElement();
                xml.writeCharacters("\n");
            }
            if (!mutants.isEmpty()) {
                mutationSuite(xml, mutants, mutantFailures);
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write junit.xml to a string", e);
        }
        return text.toString();
    }

    private static void testCase(XMLStreamWriter xml, LabResults results, GateCase c) throws XMLStreamException {
        xml.writeCharacters("  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", clean("lab.gate." + c.key().harness()));
        xml.writeAttribute("name", clean(c.key().engine() + " " + c.key().scenario() + " (" + c.file() + ")"));
        xml.writeAttribute("time", seconds(time(results, c)));
        if (c.failed()) {
            xml.writeStartElement("failure");
            xml.writeAttribute("type", c.status() == GateCase.Status.MISSING ? "missing" : "gate");
            xml.writeAttribute("message", clean(c.key() + ": " + c.reasons().get(0)));
            xml.writeCharacters(clean(String.join("\n", c.reasons())));
            xml.writeEndElement();
        }
        Optional<HarnessRun> run = results.runs().stream()
                .filter(r -> r.fileName().equals(c.file()))
                .findFirst();
        StringBuilder out = new StringBuilder();
        run.ifPresent(r -> out.append("explored ")
                .append(r.explored().orElse(-1))
                .append(' ')
                .append(r.unit())
                .append(", hangs ")
                .append(r.hangs().orElse(-1))
                .append(", lostVerdicts ")
                .append(
                        r.lostVerdicts().isPresent()
                                ? String.valueOf(r.lostVerdicts().getAsLong())
                                : "not observed")
                .append('\n'));
        c.notes().forEach(note -> out.append(note).append('\n'));
        if (out.length() > 0) {
            xml.writeStartElement("system-out");
            xml.writeCharacters(clean(out.toString()));
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    private static void mutationSuite(XMLStreamWriter xml, Map<String, List<Finding>> mutants, long failures)
            throws XMLStreamException {
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", "lab.gate.mutation");
        xml.writeAttribute("tests", Integer.toString(mutants.size()));
        xml.writeAttribute("failures", Long.toString(failures));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute("skipped", "0");
        xml.writeCharacters("\n");
        for (Map.Entry<String, List<Finding>> mutant : mutants.entrySet()) {
            xml.writeCharacters("  ");
            xml.writeStartElement("testcase");
            xml.writeAttribute("classname", "lab.gate.mutation");
            xml.writeAttribute("name", clean(mutant.getKey()));
            if (!mutant.getValue().isEmpty()) {
                xml.writeStartElement("failure");
                xml.writeAttribute("type", "gate");
                xml.writeAttribute("message", clean(mutant.getValue().get(0).reason()));
                xml.writeCharacters(clean(String.join(
                        "\n", mutant.getValue().stream().map(Finding::toString).toList())));
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
        }
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    private static double time(LabResults results, GateCase c) {
        return results.runs().stream()
                .filter(r -> r.fileName().equals(c.file()))
                .findFirst()
                .flatMap(r -> r.seconds().isPresent() ? Optional.of(r.seconds().getAsDouble()) : Optional.empty())
                .filter(s -> Double.isFinite(s) && s >= 0)
                .orElse(0.0);
    }

    /** XML 1.0 cannot carry most control characters, even escaped; results files may hold them. */
    private static String clean(String text) {
        return text.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]", "?");
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
