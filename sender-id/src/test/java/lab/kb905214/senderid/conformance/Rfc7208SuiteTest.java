package lab.kb905214.senderid.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import lab.kb905214.senderid.spf.RecordSelector;
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
    private static final SuiteReport REPORT = new SuiteReport(SUITE);

    // One embedded DNS server per scenario, started when its first case runs and kept for the others.
    private static final Map<OpenSpfSuite.Scenario, SuiteRunner> RUNNERS = new LinkedHashMap<>();

    @TestFactory
    Stream<DynamicNode> rfc7208Suite() {
        return SUITE.scenarios().stream()
                .map(scenario -> DynamicContainer.dynamicContainer(
                        scenario.description(),
                        scenario.cases().stream()
                                .map(c -> DynamicTest.dynamicTest(c.displayName(), () -> runCase(scenario, c)))));
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
        String problem = REPORT.judge(c, outcome);
        assertThat(problem).as("%s (spec %s)", c.displayName(), c.spec()).isNull();
    }

    @AfterAll
    static void writeReport() throws Exception {
        long queries = 0;
        for (SuiteRunner runner : RUNNERS.values()) {
            queries += runner.queriesAnswered();
            runner.close();
        }
        REPORT.write("rfc7208.json", queries, Map.of());
    }
}
