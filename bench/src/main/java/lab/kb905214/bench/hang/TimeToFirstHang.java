package lab.kb905214.bench.hang;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lab.kb905214.bench.run.BenchSettings;
import lab.kb905214.bench.run.Stats;

/**
 * Item 4: time to first hang on engine-buggy per harness, median and spread over repeated runs (each in a fresh
 * JVM, see {@link HangProbe}), and the exploration rate of each harness on engine-fixed read from the harnesses'
 * own results files.
 */
public final class TimeToFirstHang {
    private TimeToFirstHang() {}

    /**
     * Runs the probes; {@code stressTestClasses} is stress/target/test-classes (for Lincheck), {@code labResults}
     * is stress/target/lab-results (for JCStress and the engine-fixed rates).
     */
    public static Map<String, Object> run(BenchSettings settings, Path stressTestClasses, Path labResults)
            throws IOException, InterruptedException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(
                "what",
                "seconds from the start of a run to the first hang on engine-buggy; every run in a fresh JVM "
                        + "(JVM start not counted); runs per harness up to " + settings.hangRuns()
                        + ", stopped early when the "
                        + "harness's budget of " + settings.hangBudgetSeconds() + " s is spent");
        List<Map<String, Object>> harnesses = new ArrayList<>();
        for (String scenario : settings.hangScenarios()) {
            harnesses.add(repeat(
                    settings,
                    "schedule",
                    scenario,
                    List.of(),
                    i -> new String[] {"schedule", scenario},
                    "ScheduleDriver.run(BUGGY, " + scenario + ", RACY): wall time of the run, which includes proving "
                            + "the hang (H1: the lock cycle found; H2: the stall limit that shows the waiter never "
                            + "wakes); detectSeconds is that proof alone"));
        }
        if (Files.isDirectory(stressTestClasses.resolve("lab/kb905214/stress/lincheck"))) {
            for (String scenario : settings.hangScenarios()) {
                harnesses.add(repeat(
                        settings,
                        "lincheck",
                        scenario,
                        List.of(stressTestClasses),
                        i -> new String[] {"lincheck", scenario},
                        "LincheckRun.check(BuggyCoordinatorOperations, " + scenario + ", budget "
                                + HangProbe.LINCHECK_BUDGET + " invocations): seconds until Lincheck reports the hang "
                                + "(model checking is deterministic, so the spread is JIT and machine noise); explored "
                                + "= invocations up to the hang"));
            }
        } else {
            harnesses.add(Map.of(
                    "harness", "lincheck", "unavailable", "stress test classes not built at " + stressTestClasses));
        }
        if (settings.hangLoadProbe()) {
            harnesses.add(repeat(
                    settings,
                    "load",
                    "H1",
                    List.of(),
                    i -> new String[] {
                        "load", String.valueOf(1000 + i), String.valueOf(settings.hangRunLimitSeconds() - 10)
                    },
                    "LoadDriver.run(BUGGY, defaults: 16 clients, 30% aborting, DNS 1-4 ms, failpoints off; seed"
                            + " 1000+run): seconds to the first probe that got no answer; explored = transactions"
                            + " answered before"));
        } else {
            // It used to run here and be cut at the limit every time, having proven nothing: 12 s of every build.
            harnesses.add(Map.of(
                    "harness",
                    "load",
                    "unavailable",
                    "not run with the " + settings.name() + " settings: a load run proves its hang only after its"
                            + " proof window, longer than their " + settings.hangRunLimitSeconds() + " s limit"));
        }
        harnesses.add(jcstress(labResults));
        out.put("buggy", harnesses);
        out.put("fixedExplorationRates", fixedRates(labResults));
        return out;
    }

    private interface Args {
        String[] of(int run);
    }

    private static Map<String, Object> repeat(
            BenchSettings settings, String harness, String scenario, List<Path> extraClassPath, Args args, String how)
            throws IOException, InterruptedException {
        List<Double> seconds = new ArrayList<>();
        List<Double> explored = new ArrayList<>();
        List<Map<String, Object>> runs = new ArrayList<>();
        int notHung = 0;
        int noResult = 0;
        long started = System.nanoTime();
        for (int i = 0; i < settings.hangRuns(); i++) {
            if ((System.nanoTime() - started) / 1e9 > settings.hangBudgetSeconds()) {
                break;
            }
            Optional<Map<String, Object>> result = ChildJvm.run(
                    HangProbe.class, HangProbe.PREFIX, extraClassPath, settings.hangRunLimitSeconds(), args.of(i));
            if (result.isEmpty()) {
                noResult++;
                continue;
            }
            Map<String, Object> r = result.get();
            runs.add(r);
            if (Boolean.TRUE.equals(r.get("hung"))) {
                seconds.add(((Number) r.get("seconds")).doubleValue());
                explored.add(((Number) r.get("explored")).doubleValue());
            } else {
                notHung++;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("harness", harness);
        out.put("scenario", scenario);
        out.put("how", how);
        out.put("runs", runs.size() + noResult);
        out.put("hungRuns", seconds.size());
        out.put("runsWithoutHang", notHung);
        out.put("runsWithoutResult", noResult);
        out.put("secondsToFirstHang", Stats.of(seconds));
        out.put("exploredToFirstHang", Stats.of(explored));
        out.put("perRun", runs);
        out.put("wallSeconds", Stats.round((System.nanoTime() - started) / 1e9));
        return out;
    }

    // JCStress reports only at the end of a run, pooled over its forks: no per-run time to first hang exists. What
    // the harness's own results give is the pooled detection rate, turned here into samples and seconds per STALE.
    private static Map<String, Object> jcstress(Path labResults) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("harness", "jcstress");
        out.put("scenario", "H2");
        Path file = labResults.resolve("jcstress-buggy-H2.json");
        if (!Files.isRegularFile(file)) {
            out.put("unavailable", "no " + file + " (run the stress module first)");
            return out;
        }
        JsonNode r = new ObjectMapper().readTree(file.toFile());
        long samples = r.path("explored").asLong();
        long found = r.path("hangs").asLong();
        double seconds = r.path("seconds").asDouble();
        out.put(
                "how",
                "not re-run here: JCStress reports only when a run ends, pooled over forks, so there is no "
                        + "per-run time to first hang. Read from " + file.getFileName()
                        + " (the stress module's last run): "
                        + "mean samples per STALE = samples / STALE, mean seconds per STALE = measured seconds / STALE");
        out.put("source", file.toString());
        out.put("startedAt", r.path("provenance").path("startedAt").asText());
        out.put("samples", samples);
        out.put("stale", found);
        out.put("seconds", seconds);
        out.put(
                "firstHangAtSample",
                r.path("firstHangAt").isNumber() ? r.path("firstHangAt").asLong() : null);
        out.put("meanSamplesPerStale", found == 0 ? null : Stats.round((double) samples / found));
        out.put("meanSecondsPerStale", found == 0 ? null : Stats.round(seconds / found));
        return out;
    }

    // The harnesses' own results files on engine-fixed: explored / seconds in each file's unit.
    private static List<Map<String, Object>> fixedRates(Path labResults) throws IOException {
        List<Map<String, Object>> rates = new ArrayList<>();
        if (!Files.isDirectory(labResults)) {
            return rates;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(labResults, "*-fixed-*.json")) {
            dir.forEach(files::add);
        }
        files.sort(null);
        ObjectMapper json = new ObjectMapper();
        for (Path file : files) {
            JsonNode r = json.readTree(file.toFile());
            double seconds = r.path("seconds").asDouble();
            long explored = r.path("explored").asLong();
            if (!r.has("harness") || seconds <= 0) {
                continue;
            }
            Map<String, Object> rate = new LinkedHashMap<>();
            rate.put("harness", r.path("harness").asText());
            rate.put("scenario", r.path("scenario").asText());
            rate.put("explored", explored);
            rate.put("unit", r.path("unit").asText());
            rate.put("seconds", seconds);
            rate.put("perSecond", Stats.round(explored / seconds));
            rate.put("hangs", r.path("hangs").asLong());
            rate.put("source", file.getFileName().toString());
            rate.put("startedAt", r.path("provenance").path("startedAt").asText());
            rates.add(rate);
        }
        return rates;
    }
}
