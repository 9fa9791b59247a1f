package lab.kb905214.stress.jcstress;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import lab.kb905214.results.Counters;
import lab.kb905214.results.Engine;
import lab.kb905214.results.Fields;
import lab.kb905214.results.Harness;
import lab.kb905214.results.JcstressCounters;
import lab.kb905214.results.ResultFields;
import lab.kb905214.stress.race.Race;
import lab.kb905214.stress.results.HarnessResult;
import lab.kb905214.stress.results.Provenance;
import lab.kb905214.stress.results.ResultsDirectory;

/**
 * Turns the console log of a JCStress run into the lab's results files, {@code jcstress-<engine>-<scenario>.json}.
 *
 * <p>It records and never judges: a missing or truncated log still gives every file, saying what is missing, and
 * nothing here throws on what JCStress printed. Run it alone to re-read a saved log:
 * {@code java -cp target/jcstress.jar lab.kb905214.stress.jcstress.JcstressResults --console FILE --report DIR
 * --results DIR}.
 */
public final class JcstressResults {
    private static final String MODEL_NOTE = "H1 (lock-order inversion) and H2 (lost wakeup) are this lab's model of "
            + "KB905214's race, built from the same class of bug in public code; not Microsoft's code.";
    // The forks are JVMs of JCStress's own that report only their outcomes back.
    private static final Map<String, String> FAILPOINTS_NOT_OBSERVED = Map.of(
            ResultFields.FAILPOINTS_ARMED.name(),
            "the JCStress forks report only their outcomes; their tests never arm failpoints, and nothing reads them"
                    + " back from a fork");

    /** How a scenario's tests show a hang. */
    private enum Kind {
        /** Mode.Termination: a hang is a STALE sample (JCStress ends the fork). */
        TERMINATION,
        /** Actors: a hang is a fork that never returned (JCStress's timeout, or the watchdog's kill). */
        ACTORS
    }

    /**
     * One results file and the tests that feed it, each with its race.
     *
     * @param countsLostVerdicts whether a wait that saw neither verdict nor cancellation counts as a lost verdict
     */
    private record Target(
            Engine engine, String scenario, Kind kind, Map<Class<?>, Race> tests, boolean countsLostVerdicts) {}

    private static final List<Target> TARGETS = List.of(
            new Target(Engine.BUGGY, "H2", Kind.TERMINATION, Map.of(H2Race.Buggy.class, H2Race.RACE), false),
            new Target(Engine.FIXED, "H2", Kind.TERMINATION, Map.of(H2Race.Fixed.class, H2Race.RACE), false),
            new Target(Engine.BUGGY, "H1", Kind.ACTORS, Map.of(H1Race.Buggy.class, H1Race.RACE), false),
            new Target(Engine.FIXED, "H1", Kind.ACTORS, Map.of(H1Race.Fixed.class, H1Race.RACE), false),
            new Target(Engine.FIXED, "outcomes", Kind.ACTORS, outcomeTests(), true));

    private JcstressResults() {}

    // The fixed coordinator's promises to the waiter, in a fixed order (the order their evidence is listed in).
    private static Map<Class<?>, Race> outcomeTests() {
        Map<Class<?>, Race> tests = new LinkedHashMap<>();
        tests.put(ThreePathsRace.Fixed.class, ThreePathsRace.RACE);
        tests.put(DeliveredToWaiterRace.Fixed.class, DeliveredToWaiterRace.RACE);
        tests.put(CancelledToWaiterRace.Fixed.class, CancelledToWaiterRace.RACE);
        return tests;
    }

    /** Re-reads a saved console log: {@code --console FILE --report DIR --results DIR}. Always exits 0. */
    public static void main(String[] args) {
        Map<String, String> options = Options.parse(args);
        Path console = Path.of(options.getOrDefault("console", "target/jcstress-console.txt"));
        Path report = Path.of(options.getOrDefault("report", "target/jcstress-report"));
        ResultsDirectory results = ResultsDirectory.at(Path.of(options.getOrDefault("results", "target/lab-results")));
        for (Written written : write(console, report, results, options.getOrDefault("plan", ""))) {
            System.out.println("wrote " + written.summary());
        }
    }

    /**
     * One results file written.
     *
     * @param file where it was written
     * @param result what it holds
     */
    public record Written(Path file, HarnessResult result) {
        /** One line for a build log. */
        public String summary() {
            return String.format(
                    Locale.ROOT,
                    "%s: %d %s, %d hangs, %.1f s",
                    file.getFileName(),
                    result.explored(),
                    result.unit(),
                    result.hangs(),
                    result.seconds());
        }
    }

    /** Reads {@code console} and writes one results file per engine and scenario. */
    public static List<Written> write(Path console, Path reportDir, ResultsDirectory results, String plan) {
        Provenance provenance = Provenance.now();
        List<String> lines;
        String problem = "";
        try {
            lines = readLenient(console);
        } catch (IOException e) {
            lines = List.of();
            problem = "JCStress console log missing or unreadable: " + console + " (" + e + ")";
        }
        JcstressConsole parsed = JcstressConsole.parse(lines);
        if (problem.isEmpty() && !parsed.finished()) {
            problem = "JCStress console log truncated (no RUN RESULTS): totals are the sum of the fork results "
                    + "printed before it ended";
        }
        List<Written> written = new ArrayList<>();
        for (Target target : TARGETS) {
            HarnessResult result = result(target, parsed, console, reportDir, plan, problem, provenance);
            written.add(new Written(results.write(result), result));
        }
        return written;
    }

    private static HarnessResult result(
            Target target,
            JcstressConsole console,
            Path consolePath,
            Path reportDir,
            String plan,
            String problem,
            Provenance provenance) {
        ScenarioTally tally = new ScenarioTally();
        for (Map.Entry<Class<?>, Race> test : target.tests().entrySet()) {
            tally.add(
                    JcstressSuite.name(test.getKey()),
                    console,
                    target.countsLostVerdicts() ? Optional.of(test.getValue()) : Optional.empty());
        }
        long hangs = target.kind() == Kind.TERMINATION ? tally.stale + tally.hungForks() : tally.hungForks();
        Fields detection = new Fields();
        if (target.kind() == Kind.TERMINATION) {
            detection.put(Counters.DetectionRate.FOUND, tally.stale);
            detection.put(Counters.DetectionRate.SAMPLES, tally.samples());
        } else {
            // JCStress does not count the samples of a fork that never returned, so H1 is counted per fork.
            detection.put(Counters.DetectionRate.FOUND, tally.hungForks());
            detection.put(Counters.DetectionRate.SAMPLES, tally.forks);
            detection.note("per", "fork");
        }
        Path report = reportDir.resolve("index.html");
        Fields counters = new Fields();
        counters.put(Counters.DETECTION_RATE, detection);
        counters.note("forks", tally.forks);
        counters.put(JcstressCounters.JCSTRESS_REPORT, report.toString());
        counters.note("jcstressReportWritten", console.reportWritten() && Files.exists(report));
        counters.note("console", consolePath.toString());
        counters.put(JcstressCounters.OUTCOMES, tally.outcomes);
        counters.put(JcstressCounters.FORBIDDEN_SAMPLES, tally.forbidden);
        counters.put(JcstressCounters.STALE_SAMPLES, tally.stale);
        counters.put(JcstressCounters.TIMED_OUT_FORKS, tally.timeouts);
        counters.note("staleThreadExits", tally.staleExits);
        counters.put(JcstressCounters.WATCHDOG_DEADLOCK_KILLS, tally.deadlockKills);
        counters.put(JcstressCounters.WATCHDOG_HUNG_KILLS, tally.hungKills);
        counters.put(JcstressCounters.THREAD_DUMPS, tally.dumps);
        counters.note("statuses", tally.statuses);
        counters.note("runFinished", console.finished());
        console.runEvent("END").ifPresent(end -> {
            counters.note("runSeconds", end.number("seconds", 0));
            counters.note("jcstressExit", end.field("exit"));
        });
        counters.put(Counters.PLAN, plan);
        if (!tally.notRun.isEmpty()) {
            counters.note("notRun", tally.notRun);
        }

        List<String> evidence = new ArrayList<>();
        if (!problem.isEmpty()) {
            evidence.add(problem);
        }
        console.deadlineKills()
                .forEach(e -> evidence.add(
                        "watchdog killed the whole JCStress run at its deadline (" + e.field("seconds") + " s)"));
        if (!tally.notRun.isEmpty()) {
            evidence.add("not run: " + String.join(", ", tally.notRun)
                    + (console.unschedulable().isEmpty()
                            ? ""
                            : " (JCStress: " + String.join("; ", console.unschedulable()) + ")"));
        }
        evidence.add("JCStress 0.16 " + plan + "; HTML report: " + report + "; console: " + consolePath);
        evidence.add(MODEL_NOTE);
        evidence.addAll(tally.evidence);
        if (target.kind() == Kind.TERMINATION) {
            return new HarnessResult(
                    Harness.JCSTRESS,
                    target.engine(),
                    target.scenario(),
                    tally.samples(),
                    "samples",
                    hangs,
                    (Long) tally.lostVerdicts,
                    tally.firstHangAt,
                    tally.seconds,
                    String.join("\n", evidence),
                    null,
                    List.of(),
                    counters,
                    provenance,
                    FAILPOINTS_NOT_OBSERVED);
        }
        // A deadlocked fork returns no samples, so actor tests are explored and judged per fork; the samples that
        // finished stay beside it as a counter.
        counters.note("samples", tally.samples());
        Long firstHungFork = hangs == 0 ? null : (tally.firstBadFork != null ? tally.firstBadFork : Long.valueOf(1));
        return new HarnessResult(
                Harness.JCSTRESS,
                target.engine(),
                target.scenario(),
                tally.forks,
                "forks",
                hangs,
                (Long) tally.lostVerdicts,
                firstHungFork,
                tally.seconds,
                String.join("\n", evidence),
                null,
                List.of(),
                counters,
                provenance,
                FAILPOINTS_NOT_OBSERVED);
    }

    // A log cut mid-write may end in half a character; read what is there rather than fail.
    static List<String> readLenient(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        return text.lines().toList();
    }

    /** {@code --name value} pairs. */
    static final class Options {
        private Options() {}

        static Map<String, String> parse(String[] args) {
            Map<String, String> options = new LinkedHashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                if (args[i].startsWith("--")) {
                    options.put(args[i].substring(2), args[i + 1]);
                }
            }
            return options;
        }
    }
}
