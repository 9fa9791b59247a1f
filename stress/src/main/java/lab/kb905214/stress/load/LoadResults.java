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
        // One run is one Bernoulli trial per second of traffic: pooled over runs, found/samples estimates the rate.
        counters.put("detectionRate", Map.of("found", hung ? 1 : 0, "samples", Math.max(1, Math.round(run.seconds()))));
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
        return new HarnessResult("load", run.engine(), scenario, run.transactionsAnswered(), "transactions",
                hung ? 1 : 0, 0, hung ? run.transactionsAnswered() + 1 : null, run.seconds(), evidence, false,
                List.of(), counters, provenance);
    }
}
