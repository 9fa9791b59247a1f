package lab.kb905214.senderid.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import lab.kb905214.senderid.spf.RecordSelector;
import lab.kb905214.senderid.spf.SpfOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The OpenSPF RFC 7208 suite (pyspf's copy, see src/test/resources/openspf/SOURCE.md), every case evaluated over
 * real UDP/TCP against the embedded DNS server serving that scenario's zone. Writes
 * {@code target/conformance/rfc7208.json} with the tally and every failure.
 */
class Rfc7208SuiteTest {
    private static final OpenSpfSuite SUITE = OpenSpfSuite.load("/openspf/rfc7208-tests.yml");
    private static final List<Map<String, Object>> FAILED = new ArrayList<>();
    private static int passed;
    private static int run;
    private static long queries;
    private static long startedNanos = System.nanoTime();

    // One embedded DNS server per scenario, started when its first case runs and kept for the others.
    private static final Map<OpenSpfSuite.Scenario, SuiteRunner> RUNNERS = new LinkedHashMap<>();

    @TestFactory
    Stream<DynamicNode> rfc7208Suite() {
        return SUITE.scenarios().stream().map(scenario -> DynamicContainer.dynamicContainer(scenario.description(),
                scenario.cases().stream().map(c -> DynamicTest.dynamicTest(c.displayName(), () -> runCase(scenario, c)))));
    }

    private static void runCase(OpenSpfSuite.Scenario scenario, OpenSpfSuite.Case c) throws Exception {
        SuiteRunner runner = RUNNERS.get(scenario);
        if (runner == null) {
            runner = new SuiteRunner(scenario);
            RUNNERS.put(scenario, runner);
        }
        Object outcome;
        try {
            outcome = runner.run(c, RecordSelector.SPF);
        } catch (Exception e) {
            outcome = e;
        }
        run++;
        String problem = Verdicts.problem(c, outcome);
        if (problem == null) {
            passed++;
        } else {
            Map<String, Object> failure = new LinkedHashMap<>();
            failure.put("scenario", c.scenario());
            failure.put("test", c.name());
            failure.put("expected", Verdicts.expected(c));
            failure.put("got", Verdicts.got(outcome));
            failure.put("problem", problem);
            FAILED.add(failure);
        }
        assertThat(problem).as("%s (spec %s)", c.displayName(), c.spec()).isNull();
    }

    @AfterAll
    static void writeReport() throws Exception {
        for (SuiteRunner runner : RUNNERS.values()) {
            queries += runner.queriesAnswered();
            runner.close();
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("suite", SUITE.file());
        report.put("total", SUITE.caseCount());
        report.put("run", run);
        report.put("passed", passed);
        report.put("failed", FAILED);
        report.put("dnsQueriesAnswered", queries);
        report.put("seconds", (System.nanoTime() - startedNanos) / 1e9);
        Path out = Path.of("target", "conformance", "rfc7208.json");
        Files.createDirectories(out.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), report);
    }

    /** How a case's outcome is judged and shown. */
    static final class Verdicts {
        private Verdicts() {}

        /** Null when the outcome is acceptable, else what is wrong. */
        static String problem(OpenSpfSuite.Case c, Object outcome) {
            if (!(outcome instanceof SpfOutcome o)) {
                return "no outcome: " + outcome;
            }
            if (!c.expected().contains(o.result())) {
                return "result " + o.result().keyword() + " (" + o.reason() + ")";
            }
            if (c.explanation() != null) {
                // "DEFAULT" in the suite means the receiver's own default explanation, whatever its words.
                boolean ok = c.explanation().equals("DEFAULT")
                        ? o.defaultExplanation()
                        : c.explanation().equals(o.explanation()) && !o.defaultExplanation();
                if (!ok) {
                    return "explanation \"" + o.explanation() + "\"" + (o.defaultExplanation() ? " (default)" : "");
                }
            }
            return null;
        }

        static String expected(OpenSpfSuite.Case c) {
            String results = c.expected().stream().map(r -> r.keyword()).reduce((a, b) -> a + "|" + b).orElse("");
            return c.explanation() == null ? results : results + " \"" + c.explanation() + "\"";
        }

        static String got(Object outcome) {
            if (outcome instanceof SpfOutcome o) {
                return o.result().keyword() + (o.explanation().isEmpty() ? "" : " \"" + o.explanation() + "\"");
            }
            return String.valueOf(outcome);
        }
    }
}
