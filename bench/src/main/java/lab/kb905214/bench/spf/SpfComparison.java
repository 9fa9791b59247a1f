package lab.kb905214.bench.spf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.kb905214.bench.run.BenchSettings;
import lab.kb905214.bench.run.Stats;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Item 1: runs {@link SpfSuiteBenchmark} at 1 and 2 threads in one JMH session and puts the JMH JSON, the
 * evaluations per second of both evaluators, their ratio and how many suite cases each gets right side by side.
 */
public final class SpfComparison {
    /** The target of issues 7 and 17: at least twice jSPF's evaluations per second, at 1 and at 2 threads. */
    public static final double TARGET_RATIO = 2.0;

    private SpfComparison() {}

    /** Runs the comparison; {@code workDir} receives JMH's JSON files. */
    public static Map<String, Object> run(BenchSettings settings, Path workDir) throws IOException, RunnerException {
        Map<String, Object> out = new LinkedHashMap<>();
        OpenSpfSuite suite = OpenSpfSuite.load();
        SuiteTally lab;
        SuiteTally james;
        try (LabSuiteEvaluator evaluator = new LabSuiteEvaluator(suite)) {
            lab = SuiteTally.of(suite, evaluator);
        }
        try (JamesSuiteEvaluator evaluator = new JamesSuiteEvaluator(suite)) {
            james = SuiteTally.of(suite, evaluator);
        }
        out.put(
                "what",
                "check_host() over the OpenSPF RFC 7208 suite (pyspf copy), DNS answered from memory by "
                        + "the same zones for both (a dnsjava Resolver over the suite's zone data, no sockets; TIMEOUT names "
                        + "fail at once); one JMH op = one check_host(); only cases both evaluators answer right are "
                        + "benchmarked, asserted at setup; jSPF with its synchronous executor, one SPF object per scenario "
                        + "per thread, dnsjava Lookup cache disabled so both ask the zone for every query; logging off; the "
                        + "lab's DnsClient has no cache here, and goes on on the calling thread when the resolver has "
                        + "answered at once (as from memory), so neither evaluator changes threads; the lab's client address "
                        + "is parsed once per suite host (the engine gets it from its socket), jSPF parses its text per call");
        out.put("suiteCases", suite.cases().size());
        out.put("labRight", lab.right().size());
        out.put("jspfRight", james.right().size());
        out.put("benchmarkedCases", lab.common(james).size());
        out.put("labWrong", lab.wrong());
        out.put("jspfWrong", james.wrong());
        out.put("judgedOn", "the result only (explanations not compared), for both");

        List<Object> jmh = new ArrayList<>();
        List<Map<String, Object>> byThreads = new ArrayList<>();
        for (int threads : new int[] {1, 2}) {
            Path json = workDir.resolve("jmh-spf-" + threads + "t.json");
            Files.createDirectories(workDir);
            ChainedOptionsBuilder options = new OptionsBuilder()
                    .include(SpfSuiteBenchmark.class.getName() + "\\.")
                    .threads(threads)
                    .forks(settings.jmhForks())
                    .warmupIterations(settings.jmhWarmupIterations())
                    .warmupTime(TimeValue.milliseconds(settings.jmhIterationMillis()))
                    .measurementIterations(settings.jmhIterations())
                    .measurementTime(TimeValue.milliseconds(settings.jmhIterationMillis()))
                    .jvmArgsAppend("-Dorg.slf4j.simpleLogger.defaultLogLevel=off")
                    .shouldFailOnError(true)
                    .resultFormat(ResultFormatType.JSON)
                    .result(json.toString());
            new Runner(options.build()).run();
            JsonNode results = new ObjectMapper().readTree(json.toFile());
            jmh.add(results);
            double labOps = score(results, "lab");
            double jspfOps = score(results, "jspf");
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("threads", threads);
            row.put("labEvaluationsPerSecond", Math.round(labOps));
            row.put("labError", error(results, "lab"));
            row.put("jspfEvaluationsPerSecond", Math.round(jspfOps));
            row.put("jspfError", error(results, "jspf"));
            row.put("ratioToJspf", Stats.round(labOps / jspfOps));
            byThreads.add(row);
        }
        out.put("results", byThreads);
        out.put("targetRatioAt1Thread", TARGET_RATIO);
        out.put("targetRatioAt2Threads", TARGET_RATIO);
        boolean met = byThreads.stream().allMatch(row -> (double) row.get("ratioToJspf") >= TARGET_RATIO);
        out.put("meetsTarget", met);
        out.put("jmh", jmh);
        return out;
    }

    private static JsonNode find(JsonNode results, String method) {
        for (JsonNode r : results) {
            if (r.path("benchmark").asText().endsWith("." + method)) {
                return r.path("primaryMetric");
            }
        }
        throw new IllegalStateException("no JMH result for " + method);
    }

    private static double score(JsonNode results, String method) {
        return find(results, method).path("score").asDouble();
    }

    private static Object error(JsonNode results, String method) {
        JsonNode e = find(results, method).path("scoreError");
        return e.isNumber() ? Math.round(e.asDouble()) : e.asText();
    }
}
