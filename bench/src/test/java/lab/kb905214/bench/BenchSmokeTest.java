package lab.kb905214.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lab.kb905214.bench.run.BenchSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default build's guard against rot: every benchmark runs once with tiny settings (JMH in this JVM) and yields
 * its figures. Speed is not asserted, only that each section ran and measured something.
 */
class BenchSmokeTest {

    @Test
    @Timeout(120)
    @SuppressWarnings("unchecked")
    void everyBenchmarkRunsOnceAndYieldsItsFigures(@TempDir Path work) throws Exception {
        Path stressTestClasses = Path.of(System.getProperty("lab.stress.testClasses", "../stress/target/test-classes"));
        Path labResults = Path.of(System.getProperty("lab.results.dir", "../stress/target/lab-results"));
        Map<String, Object> report = BenchMain.run(BenchSettings.smoke(), work, stressTestClasses, labResults);
        // Kept in target/ for a reader who wants to see what the smoke run measured.
        BenchMain.write(report, Path.of("target", "smoke-bench.json"));

        assertThat(BenchMain.errors(report)).as("sections that failed").isEmpty();
        Map<String, Object> spf = (Map<String, Object>) report.get("spf");
        assertThat(spf.get("labRight")).isEqualTo(203);
        assertThat((List<Map<String, Object>>) spf.get("results")).hasSize(2).allSatisfy(row -> {
            assertThat(((Number) row.get("labEvaluationsPerSecond")).longValue())
                    .isPositive();
            assertThat(((Number) row.get("jspfEvaluationsPerSecond")).longValue())
                    .isPositive();
        });
        Map<String, Object> e2e = (Map<String, Object>) report.get("senderIdEndToEnd");
        assertThat((List<Map<String, Object>>) e2e.get("levels"))
                .hasSize(3)
                .allSatisfy(level -> assertThat(level.get("notPass")).isEqualTo(0L));
        // The judged ratio: one round in the smoke settings, a raw-query window and then 16 checks in flight.
        assertThat((List<Map<String, Object>>) e2e.get("roundsAt16")).hasSize(1);
        assertThat(((Number) e2e.get("p99RatioAt16")).doubleValue()).isPositive();
        Map<String, Object> smtp = (Map<String, Object>) report.get("smtp");
        assertThat(((Number) ((Map<String, Object>) smtp.get("bareSubEtha")).get("messages250")).longValue())
                .isPositive();
        assertThat(((Number) ((Map<String, Object>) smtp.get("engineFixedWithSenderId")).get("messages250"))
                        .longValue())
                .isPositive();
        Map<String, Object> hang = (Map<String, Object>) report.get("timeToFirstHang");
        assertThat((List<Map<String, Object>>) hang.get("buggy")).anySatisfy(h -> {
            assertThat(h.get("harness")).isEqualTo("schedule");
            assertThat(h.get("runs")).isEqualTo(1);
        });
        // The deterministic probes printed their result: a probe that cannot start its harness (the Lincheck one once
        // called a scenario factory that had been renamed) fails here, not as a quiet "runsWithoutResult" in
        // bench.json. The load probe does not run with the smoke settings, and says so.
        assertThat((List<Map<String, Object>>) hang.get("buggy"))
                .filteredOn(h -> List.of("schedule", "lincheck").contains(h.get("harness")))
                .anySatisfy(h -> assertThat(h.get("harness")).isEqualTo("lincheck"))
                .allSatisfy(h -> assertThat(((Number) h.get("runsWithoutResult")).intValue())
                        .as("%s %s runs without a result", h.get("harness"), h.get("scenario"))
                        .isZero());
        assertThat((List<Map<String, Object>>) hang.get("buggy"))
                .filteredOn(h -> "load".equals(h.get("harness")))
                .singleElement()
                .satisfies(
                        h -> assertThat((String) h.get("unavailable")).startsWith("not run with the smoke settings"));
        Map<String, Object> memory = (Map<String, Object>) report.get("memory");
        assertThat(memory).containsKeys("idleConnection", "inFlightCheck");
    }
}
