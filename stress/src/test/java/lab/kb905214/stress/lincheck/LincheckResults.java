package lab.kb905214.stress.lincheck;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.kb905214.results.Counters;
import lab.kb905214.results.Engine;
import lab.kb905214.results.Fields;
import lab.kb905214.results.Harness;
import lab.kb905214.results.LincheckCounters;
import lab.kb905214.results.ResultFields;
import lab.kb905214.stress.results.HarnessResult;
import lab.kb905214.stress.results.Provenance;
import lab.kb905214.stress.results.ResultsDirectory;

/** Writes Lincheck runs as {@code lincheck-<engine>-<scenario>.json} results files. */
final class LincheckResults {

    private LincheckResults() {}

    /**
     * Records one scenario's run: explored invocations, the hang (its invocation number and Lincheck's interleaving
     * as evidence) or, for a passing run, whether it was exhaustive.
     */
    static Path record(Engine engine, LincheckRun run, Provenance provenance) {
        return record(engine, run, provenance, List.of());
    }

    /** Records one scenario's run that came after {@code crashes} of Lincheck itself on the same scenario. */
    static Path record(Engine engine, LincheckRun run, Provenance provenance, List<String> crashes) {
        Fields counters = run.realThreads() ? realThreadsBudgetCounters(run.budget()) : budgetCounters(run.budget());
        counters.note("lincheckCrashesBefore", List.copyOf(crashes));
        counters.put(Counters.EXHAUSTIVE, run.exhaustive());
        counters.put(Counters.EXHAUSTIVE_WHY, run.exhaustiveWhy());
        counters.note("scenario", run.scenario().describe());
        counters.note("api", run.realThreads() ? "Lincheck.runConcurrentTest" : "ModelCheckingOptions custom scenario");
        if (run.realThreads()) {
            // Lincheck runs the invocation on its own thread, where a trace replay cannot be told from the stack.
            counters.note("traceReplays", "counted in explored");
        } else {
            counters.note("traceReplays", run.traceReplays());
        }
        counters.put(Counters.FAILURE, kind(run));
        counters.note("atomicJdkCalls", run.realThreads() ? List.of() : LincheckRun.ATOMIC_JDK_CALLS);
        counters.note("silentJdkCalls", run.realThreads() ? List.of() : LincheckRun.SILENT_JDK_CALLS);
        counters.note("ignoredCalls", run.realThreads() ? List.of() : LincheckRun.IGNORED_CALLS);
        String evidence = run.passed()
                ? "no failure in " + run.explored() + " invocations of "
                        + run.scenario().describe() + (run.exhaustive() ? " (every interleaving explored)" : "")
                : run.evidence();
        return write(
                engine,
                run.scenario().name(),
                run.explored(),
                run.hung() ? 1 : 0,
                run.hung() ? (Long) run.explored() : null,
                run.seconds(),
                evidence,
                List.of(run),
                counters,
                provenance);
    }

    /**
     * Records that Lincheck crashed in every attempt at {@code scenario}: nothing explored, no verdict, each crash
     * named, so the gate fails on a harness error instead of finding the file missing or reading a result.
     */
    static Path recordHarnessError(
            Engine engine, LincheckScenario scenario, long budget, List<String> crashes, Provenance provenance) {
        Fields counters = realThreadsBudgetCounters(budget);
        counters.note("scenario", scenario.describe());
        counters.put(Counters.HARNESS_ERROR, String.join("; ", crashes));
        String why = "Lincheck crashed before the run ended: " + crashes.size() + " attempt(s)";
        return ResultsDirectory.fromSystemProperty()
                .write(new HarnessResult(
                        Harness.LINCHECK,
                        engine,
                        scenario.name(),
                        0,
                        "invocations",
                        0,
                        null,
                        null,
                        0,
                        String.join("\n", crashes),
                        null,
                        List.of(),
                        counters,
                        provenance,
                        Map.of(ResultFields.LOST_VERDICTS.name(), why, ResultFields.FAILPOINTS_ARMED.name(), why)));
    }

    /** Records a series of runs (the random scenarios) as one results file named {@code scenario}. */
    static Path recordSeries(Engine engine, String scenario, long seed, List<LincheckRun> runs, Provenance provenance) {
        long explored = 0;
        long hangs = 0;
        Long firstHangAt = null;
        double seconds = 0;
        long exhaustiveRuns = 0;
        String evidence = "";
        for (LincheckRun run : runs) {
            if (run.hung() && firstHangAt == null) {
                firstHangAt = explored + run.explored();
            }
            if (!run.passed() && evidence.isEmpty()) {
                evidence = run.scenario().describe() + "\n" + run.evidence();
            }
            explored += run.explored();
            hangs += run.hung() ? 1 : 0;
            seconds += run.seconds();
            exhaustiveRuns += run.exhaustive() ? 1 : 0;
        }
        long budget = runs.stream().mapToLong(LincheckRun::budget).sum();
        Fields counters = budgetCounters(budget);
        counters.put(Counters.EXHAUSTIVE, !runs.isEmpty() && exhaustiveRuns == runs.size());
        List<String> notExhausted = runs.stream()
                .filter(r -> !r.exhaustive())
                .map(r -> r.scenario().name() + ": "
                        + (r.exhaustion() == LincheckExhaustion.Answer.MORE_LEFT
                                ? "interleavings left after its " + r.budget() + " invocations"
                                : r.exhaustiveWhy()))
                .toList();
        counters.put(
                Counters.EXHAUSTIVE_WHY,
                runs.isEmpty()
                        ? "no scenario ran"
                        : notExhausted.isEmpty()
                                ? "Lincheck's model checker reported no interleaving left in each of the " + runs.size()
                                        + " scenarios"
                                : "Lincheck reported no interleaving left in " + exhaustiveRuns + " of " + runs.size()
                                        + " scenarios; not in " + String.join("; ", notExhausted));
        counters.note("scenarios", runs.size());
        counters.note("exhaustiveScenarios", exhaustiveRuns);
        counters.put(
                LincheckCounters.FAILED_SCENARIOS,
                runs.stream().filter(r -> !r.passed()).count());
        counters.note("seed", seed);
        counters.note("atomicJdkCalls", LincheckRun.ATOMIC_JDK_CALLS);
        counters.note("silentJdkCalls", LincheckRun.SILENT_JDK_CALLS);
        counters.note("ignoredCalls", LincheckRun.IGNORED_CALLS);
        Map<String, Object> each = new LinkedHashMap<>();
        for (LincheckRun run : runs) {
            each.put(
                    run.scenario().name(),
                    Map.of(
                            "scenario",
                            run.scenario().describe(),
                            "explored",
                            run.explored(),
                            "exhaustive",
                            run.exhaustive(),
                            "exhaustiveWhy",
                            run.exhaustiveWhy(),
                            "failure",
                            kind(run)));
        }
        counters.put(Counters.RUNS, each);
        if (evidence.isEmpty()) {
            evidence = "no failure in " + explored + " invocations over " + runs.size() + " random scenarios ("
                    + exhaustiveRuns + " explored to the last interleaving)";
        }
        return write(engine, scenario, explored, hangs, firstHangAt, seconds, evidence, runs, counters, provenance);
    }

    private static Fields budgetCounters(long budget) {
        return budgetCounters(LincheckRun.ITERATIONS, LincheckRun.INVOCATIONS, budget);
    }

    // runConcurrentTest takes one budget of invocations: one iteration, whatever the scenarios' options say.
    private static Fields realThreadsBudgetCounters(long budget) {
        return budgetCounters(1, budget, budget);
    }

    private static Fields budgetCounters(long iterations, long invocationsPerIteration, long budget) {
        return new Fields()
                .put(LincheckCounters.ITERATIONS, iterations)
                .put(LincheckCounters.INVOCATIONS_PER_ITERATION, invocationsPerIteration)
                .put(Counters.BUDGET, budget);
    }

    private static String kind(LincheckRun run) {
        if (run.passed()) {
            return "none";
        }
        if (run.timedOut()) {
            return "time limit";
        }
        if (run.deadlocked()) {
            return "hang: all unfinished threads in deadlock";
        }
        return run.hung()
                ? "hang"
                : "other: "
                        + run.failure()
                                .lines()
                                .filter(l -> !l.isBlank())
                                .findFirst()
                                .orElse("");
    }

    // The failpoint fields are what the runs' coordinators recorded, added up over the runs written as one file.
    private static Path write(
            Engine engine,
            String scenario,
            long explored,
            long hangs,
            Long firstHangAt,
            double seconds,
            String evidence,
            List<LincheckRun> runs,
            Fields counters,
            Provenance provenance) {
        counters.put(
                LincheckCounters.INVOCATIONS_WITH_FAILPOINTS_ARMED,
                runs.stream().mapToLong(LincheckRun::failpointsArmed).sum());
        counters.note(
                "invocationsWithFailpointsRead",
                runs.stream().mapToLong(LincheckRun::failpointsObserved).sum());
        return ResultsDirectory.fromSystemProperty()
                .write(new HarnessResult(
                        Harness.LINCHECK,
                        engine,
                        scenario,
                        explored,
                        "invocations",
                        hangs,
                        runs.stream().mapToLong(LincheckRun::lostVerdicts).sum(),
                        firstHangAt,
                        seconds,
                        evidence,
                        failpointsArmed(runs),
                        failpointsReached(runs),
                        counters,
                        provenance));
    }

    /** Whether any of {@code runs} saw its failpoints armed. */
    static boolean failpointsArmed(List<LincheckRun> runs) {
        return runs.stream().anyMatch(run -> run.failpointsArmed() > 0);
    }

    /** The steps any of {@code runs} reached while armed. */
    static List<String> failpointsReached(List<LincheckRun> runs) {
        return runs.stream()
                .flatMap(run -> run.failpointsReached().stream())
                .distinct()
                .toList();
    }
}
