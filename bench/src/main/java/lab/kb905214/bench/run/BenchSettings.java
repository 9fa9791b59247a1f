package lab.kb905214.bench.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How long and how hard every benchmark runs: {@link #full()} for {@code -Pbench} (about 10 minutes on 2 cores),
 * {@link #smoke()} for the default build's test, which only proves each benchmark still runs.
 *
 * @param name "full" or "smoke"
 * @param jmhForks JMH forks per benchmark (0 = in this JVM)
 * @param jmhWarmupIterations JMH warm-up iterations
 * @param jmhIterationMillis length of each JMH iteration, warm-up and measured
 * @param jmhIterations measured JMH iterations
 * @param e2eWarmupMillis Sender ID end-to-end: warm-up per level
 * @param e2eMillis Sender ID end-to-end: measured time per level
 * @param e2eRounds Sender ID end-to-end: rounds of the judged pair of windows (a raw query, then 16 checks in flight)
 * @param e2eRoundMillis Sender ID end-to-end: each window of a round
 * @param smtpClients SMTP throughput: concurrent clients
 * @param smtpWarmupMillis SMTP throughput: the unmeasured run of each server before any window
 * @param smtpMillis SMTP throughput: one measured window of one server
 * @param smtpRounds SMTP throughput: rounds of windows, every server once per round
 * @param hangRuns time to first hang: runs per harness
 * @param hangRunLimitSeconds time to first hang: the most one run may take before it counts as "no hang found"
 * @param hangBudgetSeconds time to first hang: the most all runs of one harness may take together
 * @param hangLoadProbe time to first hang: whether the load probe runs (a load run proves its hang only after its
 *     proof window, longer than the smoke settings' limit)
 * @param memorySessions memory: idle connections and in-flight checks opened
 * @param hangScenarios time to first hang: the scenarios the schedule and Lincheck probes run (H1, H2)
 */
public record BenchSettings(
        String name,
        int jmhForks,
        int jmhWarmupIterations,
        int jmhIterationMillis,
        int jmhIterations,
        int e2eWarmupMillis,
        int e2eMillis,
        int e2eRounds,
        int e2eRoundMillis,
        int smtpClients,
        int smtpWarmupMillis,
        int smtpMillis,
        int smtpRounds,
        int hangRuns,
        int hangRunLimitSeconds,
        int hangBudgetSeconds,
        boolean hangLoadProbe,
        int memorySessions,
        List<String> hangScenarios) {

    /** The -Pbench settings. */
    public static BenchSettings full() {
        return new BenchSettings(
                "full",
                1,
                3,
                2000,
                5,
                2000,
                6000,
                5,
                2000,
                16,
                5000,
                3000,
                5,
                10,
                40,
                240,
                true,
                1000,
                List.of("H1", "H2"));
    }

    /** The smoke-test settings: everything runs once, briefly, in this JVM where it can. */
    public static BenchSettings smoke() {
        return new BenchSettings(
                "smoke", 0, 0, 100, 1, 100, 300, 1, 100, 2, 100, 400, 1, 1, 12, 12, false, 20, List.of("H1"));
    }

    /** The settings as a JSON-ready map. */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("jmhForks", jmhForks);
        out.put("jmhWarmupIterations", jmhWarmupIterations);
        out.put("jmhIterationMillis", jmhIterationMillis);
        out.put("jmhIterations", jmhIterations);
        out.put("e2eWarmupMillis", e2eWarmupMillis);
        out.put("e2eMillis", e2eMillis);
        out.put("e2eRounds", e2eRounds);
        out.put("e2eRoundMillis", e2eRoundMillis);
        out.put("smtpClients", smtpClients);
        out.put("smtpWarmupMillis", smtpWarmupMillis);
        out.put("smtpMillis", smtpMillis);
        out.put("smtpRounds", smtpRounds);
        out.put("hangRuns", hangRuns);
        out.put("hangRunLimitSeconds", hangRunLimitSeconds);
        out.put("hangBudgetSeconds", hangBudgetSeconds);
        out.put("hangLoadProbe", hangLoadProbe);
        out.put("memorySessions", memorySessions);
        out.put("hangScenarios", hangScenarios);
        return out;
    }
}
