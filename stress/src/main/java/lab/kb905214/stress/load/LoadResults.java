package lab.kb905214.stress.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.kb905214.stress.results.HarnessResult;
import lab.kb905214.stress.results.Provenance;

/** Turns a {@link LoadRun} into the results file shape every harness writes. */
public final class LoadResults {
    private LoadResults() {}

    /** The results of {@code run} under {@code scenario} (H1 for aborting traffic, "no-abort" for the control). */
    public static HarnessResult of(LoadRun run, String scenario, Provenance provenance) {
        return pooled(List.of(run), scenario, provenance);
    }

    /**
     * The results of several runs of the same plan, each on a fresh engine: the detection rate pooled over all their
     * seconds, the counts summed, and the first run that hung (else the first run) shown in full.
     */
    public static HarnessResult pooled(List<LoadRun> runs, String scenario, Provenance provenance) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no load runs to record");
        }
        LoadRun run = runs.stream().filter(LoadRun::hung).findFirst().orElse(runs.get(0));
        boolean hung = run.hung();
        Map<String, Object> counters = new LinkedHashMap<>();
        counters.put("transactionsAnswered", run.transactionsAnswered());
        counters.put("replies2xx", run.replies2xx());
        counters.put("replies4xx", run.replies4xx());
        counters.put("replies5xx", run.replies5xx());
        counters.put("aborted", run.aborted());
        counters.put("unanswered", run.unanswered());
        counters.put("stoppedRespondingAt", run.stoppedRespondingAt().orElse(null));
        counters.put("messagesStored", run.storedMessages());
        // Every 250 the server sent must be one stored message; every 250 a client saw must be stored exactly once.
        counters.put("accepted250", run.serverAccepted());
        counters.put("accepted250Missing", run.accepted250Missing().size());
        counters.put("accepted250MissingIds", run.accepted250Missing().stream().limit(20).toList());
        counters.put("closeWait", run.closeWait());
        counters.put("threadsAtStart", run.threadsAtStart());
        counters.put("threadsAtEnd", run.threadsAtEnd());
        counters.put("stuckSessions", run.stuckSessions().size());
        counters.put("cycleMethods", run.cycle().map(c -> c.blockedMethods()).orElse(List.of()));
        counters.put("lockClasses", run.cycle().map(c -> c.lockClasses()).orElse(List.of()));
        // Each second of traffic is one Bernoulli trial, and a run ends at its first hang: pooled over runs,
        // found/samples estimates the per-second rate (the maximum-likelihood estimate of an exponential waiting time).
        long found = runs.stream().filter(LoadRun::hung).count();
        long samples = runs.stream().mapToLong(r -> Math.max(1, Math.round(r.seconds()))).sum();
        counters.put("detectionRate", Map.of("found", found, "samples", samples));
        // The chance that one run of this budget misses the hang, at the pooled rate; the budget is sized so it is < 1e-3.
        double perSecond = (double) found / samples;
        counters.put("missChanceAtBudget", Math.pow(1 - perSecond, run.plan().maxDuration().toSeconds()));
        counters.put("runs", runs.stream().map(LoadResults::summary).toList());
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("clients", run.plan().clients());
        plan.put("abortRate", run.plan().abortRate());
        plan.put("maxSeconds", run.plan().maxDuration().toSeconds());
        plan.put("seed", run.plan().seed());
        plan.put("dnsLatencyMillis", run.plan().dnsLatency().toMillis());
        plan.put("dnsJitterMillis", run.plan().dnsJitter().toMillis());
        counters.put("plan", plan);
        counters.put("series", run.series());
        String evidence = run.cycle().map(c -> c.describe() + "\n").orElse("")
                + (run.stuckSessions().isEmpty() ? "" : run.stuckSessions().size() + " sessions waiting forever\n")
                + run.threadDumpExcerpt();
        long explored = runs.stream().mapToLong(LoadRun::transactionsAnswered).sum();
        double seconds = runs.stream().mapToDouble(LoadRun::seconds).sum();
        // Transactions are counted across the runs in order, so the first hang is at the runs before it plus its own.
        long before = runs.subList(0, runs.indexOf(run)).stream().mapToLong(LoadRun::transactionsAnswered).sum();
        return new HarnessResult("load", run.engine(), scenario, explored, "transactions",
                found, 0, hung ? before + run.transactionsAnswered() + 1 : null, seconds, evidence, false,
                List.of(), counters, provenance);
    }

    private static Map<String, Object> summary(LoadRun run) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("seconds", Math.round(run.seconds() * 10) / 10.0);
        summary.put("hung", run.hung());
        summary.put("stoppedRespondingAt", run.stoppedRespondingAt().orElse(null));
        summary.put("transactionsAnswered", run.transactionsAnswered());
        summary.put("closeWait", run.closeWait());
        summary.put("cycle", run.cycle().isPresent());
        return summary;
    }
}
