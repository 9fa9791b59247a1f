package lab.kb905214.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import lab.kb905214.stress.load.LoadDriver;
import lab.kb905214.stress.load.LoadPlan;
import lab.kb905214.stress.load.LoadResults;
import lab.kb905214.stress.load.LoadRun;
import lab.kb905214.stress.results.Provenance;
import lab.kb905214.stress.results.ResultsDirectory;
import lab.kb905214.stress.rig.EngineKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lab reproduce}: real clients against engine-buggy until it stops responding, then engine-fixed likewise. */
@Command(
        name = "reproduce",
        mixinStandardHelpOptions = true,
        description = {
            "Watch engine-buggy stop responding under real clients, and engine-fixed hold.",
            "",
            "Runs real SMTP clients against engine-buggy, with the embedded DNS server answering, until the server "
                    + "stops responding or the time limit; then runs engine-fixed under the same load for at least as long "
                    + "(at least " + ReproduceCommand.MIN_FIXED_SECONDS
                    + " s, at most the limit). Failpoints are off: a "
                    + "hang comes from the engine's code alone. Prints both results side by side, with the lock cycle that "
                    + "stopped engine-buggy, and writes one results file per engine.",
            "",
            "Exit 0 when engine-buggy hung and engine-fixed held; 1 when engine-fixed hung, left a transaction "
                    + "unanswered or lost an accepted message; 3 when engine-buggy did not hang within the limit.",
            ""
        },
        sortOptions = false)
final class ReproduceCommand implements Callable<Integer> {
    /** The shortest engine-fixed run when both engines run, so a quick buggy hang still gives the fix a fair test. */
    static final int MIN_FIXED_SECONDS = 10;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--engine",
            paramLabel = "ENGINE",
            converter = EngineChoice.AnyConverter.class,
            completionCandidates = EngineChoice.AnyCandidates.class,
            defaultValue = "both",
            description = "buggy, fixed or both (default: ${DEFAULT-VALUE}; buggy runs first)")
    EngineChoice engine;

    @Option(
            names = "--clients",
            paramLabel = "N",
            defaultValue = "16",
            description = "concurrent SMTP clients (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(
            names = "--abort-rate",
            paramLabel = "P",
            defaultValue = "0.3",
            description = "fraction of transactions whose client leaves right after the final dot (closing, "
                    + "resetting, or pipelining QUIT/RSET), 0 to 1 (default: ${DEFAULT-VALUE}); at 0 no client leaves "
                    + "mid-check, so H1 cannot happen while the clients run")
    double abortRate;

    @Option(
            names = "--seconds",
            paramLabel = "S",
            defaultValue = "60",
            description = "time limit per engine, in seconds (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(
            names = "--seed",
            paramLabel = "X",
            defaultValue = "1",
            description = "seeds the clients' choices only (which transactions abort and how, message contents), "
                    + "not thread timing: the same seed does not make the hang come at the same moment "
                    + "(default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--json",
            description = "print one JSON object on stdout instead of text (progress stays on stderr)")
    boolean json;

    @Option(
            names = "--results-dir",
            paramLabel = "DIR",
            converter = Arguments.UserPath.class,
            description =
                    "where to write the results files (default: lab-cli/target/lab-results, apart from the build's)")
    Path resultsDir;

    @Override
    public Integer call() throws IOException, InterruptedException {
        validate();
        LogSettings.quietAbandonedSessions();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadPlan plan = LoadPlan.defaults()
                .withClients(clients)
                .withAbortRate(abortRate)
                .withSeed(seed)
                .withMaxDuration(Duration.ofSeconds(seconds));
        ResultsDirectory results = ResultsDirectory.at(resultsDir == null ? LabPaths.reproduceResults() : resultsDir);
        if (!json) {
            introduce(out, plan);
        }
        LoadRunView buggy = null;
        if (engine.runs(EngineKind.BUGGY)) {
            buggy = run(EngineKind.BUGGY, plan, results, err);
        }
        LoadRunView fixed = null;
        if (engine.runs(EngineKind.FIXED)) {
            fixed = run(EngineKind.FIXED, plan.withMaxDuration(Duration.ofSeconds(fixedSeconds(buggy))), results, err);
        }
        int code = exitCode(buggy, fixed);
        if (json) {
            out.println(json(plan, buggy, fixed, code));
        } else {
            report(out, buggy, fixed, code);
        }
        out.flush();
        return code;
    }

    private void validate() {
        if (clients < 1 || clients > 1000) {
            throw new ParameterException(spec.commandLine(), "--clients must be 1 to 1000, not " + clients);
        }
        if (!(abortRate >= 0 && abortRate <= 1)) {
            throw new ParameterException(spec.commandLine(), "--abort-rate must be 0 to 1, not " + abortRate);
        }
        if (seconds < 1 || seconds > 86_400) {
            throw new ParameterException(spec.commandLine(), "--seconds must be 1 to 86400, not " + seconds);
        }
    }

    private LoadRunView run(EngineKind kind, LoadPlan plan, ResultsDirectory results, PrintWriter err)
            throws IOException, InterruptedException {
        Provenance provenance = Provenance.now();
        ProgressLine progress = new ProgressLine(err, ProgressLine.stderrIsTerminal(), "engine-" + kind.engine());
        LoadRun run;
        try {
            run = LoadDriver.run(kind, plan, progress);
        } finally {
            progress.finish();
        }
        // Named as the harness names its runs, so the report can read these files too.
        String scenario = plan.abortRate() > 0 ? "H1" : "no-abort";
        Path file = results.write(LoadResults.of(run, scenario, provenance));
        return new LoadRunView(run, file);
    }

    // engine-fixed gets at least as long as engine-buggy took to hang, never less than the minimum, never over the
    // limit.
    private int fixedSeconds(LoadRunView buggy) {
        if (buggy == null) {
            return seconds;
        }
        int asLong = (int) Math.ceil(buggy.run().seconds());
        return Math.min(seconds, Math.max(MIN_FIXED_SECONDS, asLong));
    }

    private static int exitCode(LoadRunView buggy, LoadRunView fixed) {
        if (fixed != null && !fixed.held()) {
            return ExitCodes.FAILED;
        }
        if (buggy != null && !buggy.run().hung()) {
            return ExitCodes.NOT_REPRODUCED;
        }
        return ExitCodes.OK;
    }

    private void introduce(PrintWriter out, LoadPlan plan) {
        out.printf(
                Locale.ROOT,
                "KB905214: %d SMTP clients, %.0f%% of transactions abandoned right after the final dot, "
                        + "DNS answering in %d-%d ms, seed %d.%n",
                plan.clients(),
                plan.abortRate() * 100,
                plan.dnsLatency().toMillis(),
                plan.dnsLatency().plus(plan.dnsJitter()).toMillis(),
                plan.seed());
        out.println("Failpoints are off: a hang comes from the engine's code alone. The seed fixes the clients' "
                + "choices, not thread timing.");
        out.printf(
                Locale.ROOT,
                "%s for up to %d s%s.%n",
                engine == EngineChoice.BOTH ? "engine-buggy" : "engine-" + engine,
                seconds,
                engine == EngineChoice.BOTH
                        ? ", then engine-fixed for as long (" + MIN_FIXED_SECONDS + "-" + seconds + " s)"
                        : "");
        out.flush();
    }

    private void report(PrintWriter out, LoadRunView buggy, LoadRunView fixed, int code) {
        List<LoadRunView> views = new ArrayList<>();
        if (buggy != null) {
            views.add(buggy);
        }
        if (fixed != null) {
            views.add(fixed);
        }
        out.println();
        table(out, views);
        for (LoadRunView view : views) {
            out.println();
            out.println(view.headline());
            view.details().forEach(out::println);
        }
        out.println();
        out.println(conclusion(buggy, fixed, code));
    }

    private static void table(PrintWriter out, List<LoadRunView> views) {
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-26s", ""));
        for (LoadRunView view : views) {
            header.append(String.format(Locale.ROOT, "%-22s", view.name()));
        }
        out.println(header.toString().stripTrailing());
        for (int row = 0; row < LoadRunView.ROWS.size(); row++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-26s", LoadRunView.ROWS.get(row)));
            for (LoadRunView view : views) {
                line.append(String.format(Locale.ROOT, "%-22s", view.column().get(row)));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private String conclusion(LoadRunView buggy, LoadRunView fixed, int code) {
        if (code == ExitCodes.FAILED) {
            String why = fixed.run()
                    .hangKind()
                    .map(kind -> "a proven hang (" + kind + ")")
                    .orElse("a transaction without a reply or an accepted message not stored once");
            return "engine-fixed did NOT hold: " + why + ". This is a defect in the fix, or in the judge; the results "
                    + "file has the proof (exit 1).";
        }
        if (code == ExitCodes.NOT_REPRODUCED) {
            return notReproduced(buggy) + (fixed == null ? "" : " engine-fixed held.") + " (exit 3)";
        }
        if (buggy != null && fixed != null) {
            return "engine-buggy hung; engine-fixed held under the same load. (exit 0)";
        }
        return buggy != null ? "engine-buggy hung. (exit 0)" : "engine-fixed held. (exit 0)";
    }

    private String notReproduced(LoadRunView buggy) {
        LoadRun run = buggy.run();
        StringBuilder text = new StringBuilder(String.format(
                Locale.ROOT,
                "engine-buggy did not hang within %d s: %,d transactions answered (%.0f per second), %,d abandoned "
                        + "by their clients, no deadlock, no session stuck.",
                seconds,
                run.transactionsAnswered(),
                run.transactionsAnswered() / Math.max(run.seconds(), 0.001),
                run.aborted()));
        Optional<MeasuredDetectionRate> measured = MeasuredDetectionRate.read(LabPaths.harnessResults());
        if (measured.isPresent()) {
            MeasuredDetectionRate rate = measured.get();
            text.append(String.format(
                    Locale.ROOT,
                    " For comparison, %s: about %.3f per second, so %d s would show it " + "with probability %.0f%%.",
                    rate.describe(),
                    rate.perSecond(),
                    seconds,
                    100 * rate.chanceWithin(seconds)));
        } else {
            text.append(" This run measured 0 hangs in ")
                    .append(Math.round(run.seconds()))
                    .append(" seconds; no load-harness measurement was found (mvn -B verify records one).");
        }
        if (abortRate == 0) {
            text.append(" With --abort-rate 0 no client leaves mid-check, so H1 cannot happen while the clients run.");
        } else {
            text.append(String.format(
                    Locale.ROOT,
                    " Try more clients (--clients %d) or more time (--seconds %d).",
                    clients * 2,
                    seconds * 2));
        }
        return text.toString();
    }

    private static String json(LoadPlan plan, LoadRunView buggy, LoadRunView fixed, int code) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> planJson = new LinkedHashMap<>();
        planJson.put("clients", plan.clients());
        planJson.put("abortRate", plan.abortRate());
        planJson.put("maxSeconds", plan.maxDuration().toSeconds());
        planJson.put("seed", plan.seed());
        planJson.put("failpointsArmed", false);
        out.put("plan", planJson);
        if (buggy != null) {
            out.put("buggy", buggy.json());
        }
        if (fixed != null) {
            out.put("fixed", fixed.json());
        }
        out.put("exitCode", code);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out);
    }
}
