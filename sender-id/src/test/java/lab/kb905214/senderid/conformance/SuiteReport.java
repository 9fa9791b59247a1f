package lab.kb905214.senderid.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tally of one run of a suite and the JSON file it writes under {@code target/conformance/}, in the one shape
 * every suite run shares: suite, total, run, passed, failed, notApplicable, dnsQueriesAnswered, seconds, then
 * whatever the run adds.
 */
final class SuiteReport {
    private final OpenSpfSuite suite;
    private final long startedNanos = System.nanoTime();
    private final List<Map<String, Object>> failed = new ArrayList<>();
    private final List<Map<String, Object>> notApplicable = new ArrayList<>();
    private int run;
    private int passed;

    SuiteReport(OpenSpfSuite suite) {
        this.suite = suite;
    }

    /** Judges and counts one case's outcome (an SpfOutcome or the exception instead); returns the problem or null. */
    synchronized String judge(OpenSpfSuite.Case c, Object outcome) {
        run++;
        String problem = Verdicts.problem(c, outcome);
        if (problem == null) {
            passed++;
        } else {
            Map<String, Object> failure = entry(c);
            failure.put("expected", Verdicts.expected(c));
            failure.put("got", Verdicts.got(outcome));
            failure.put("problem", problem);
            failed.add(failure);
        }
        return problem;
    }

    /**
     * Lists a case that was evaluated but cannot be judged in this run, with why; it counts as neither run nor passed.
     */
    synchronized void notApplicable(OpenSpfSuite.Case c, String why, Object outcome) {
        Map<String, Object> entry = entry(c);
        entry.put("why", why);
        entry.put("expected", Verdicts.expected(c));
        entry.put("got", Verdicts.got(outcome));
        notApplicable.add(entry);
    }

    /** Cases listed as not applicable so far. */
    synchronized int notApplicableCount() {
        return notApplicable.size();
    }

    /** Writes {@code target/conformance/<fileName>}; {@code extra} entries follow the shared ones. */
    synchronized void write(String fileName, long dnsQueriesAnswered, Map<String, Object> extra) throws IOException {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("suite", suite.file());
        report.put("total", suite.caseCount());
        report.put("run", run);
        report.put("passed", passed);
        report.put("failed", failed);
        report.put("notApplicable", notApplicable);
        report.put("dnsQueriesAnswered", dnsQueriesAnswered);
        report.put("seconds", (System.nanoTime() - startedNanos) / 1e9);
        report.putAll(extra);
        Path out = Path.of("target", "conformance", fileName);
        Files.createDirectories(out.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), report);
    }

    private static Map<String, Object> entry(OpenSpfSuite.Case c) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("scenario", c.scenario());
        entry.put("test", c.name());
        return entry;
    }
}
