package lab.kb905214.reports;

import java.nio.file.Path;
import lab.kb905214.reports.gate.GateDecision;
import lab.kb905214.reports.results.LabResults;

/**
 * What {@link LabReport#write} produced: the results it read, the gate's verdict, and where the files are.
 *
 * @param results the results read
 * @param verdict the gate's verdict (already in summary.json and junit.xml)
 * @param outDir the report folder
 */
public record LabSummary(LabResults results, GateDecision verdict, Path outDir) {

    /** The HTML page. */
    public Path indexHtml() {
        return outDir.resolve("index.html");
    }

    /** The machine-readable summary. */
    public Path summaryJson() {
        return outDir.resolve("summary.json");
    }

    /** The JUnit XML for CI systems. */
    public Path junitXml() {
        return outDir.resolve("junit.xml");
    }
}
