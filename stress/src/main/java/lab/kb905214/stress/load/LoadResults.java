package lab.kb905214.stress.load;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.kb905214.engine.hang.StuckThreadWatch;
import lab.kb905214.stress.judge.HangProof;
import lab.kb905214.stress.results.HarnessResult;
import lab.kb905214.stress.results.Provenance;
import lab.kb905214.stress.stats.ConfidenceBounds;

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
        Map<String, Object> counters = new LinkedHashMap<>();
        counters.put("transactionsAnswered", run.transactionsAnswered());
        counters.put("replies2xx", run.replies2xx());
        counters.put("replies4xx", run.replies4xx());
        counters.put("replies5xx", run.replies5xx());
        counters.put("aborted", run.aborted());
        counters.put("unanswered", run.unanswered());
        counters.put("hangKind", run.hangKind().orElse(null));
        counters.put("hangSince", run.proof().map(p -> round(p.since())).orElse(null));
        counters.put("stoppedRespondingAt", run.stoppedRespondingAt().map(LoadResults::round).orElse(null));
        counters.put("lastAnswerAt", round(run.lastAnswerAt()));
        counters.put("messagesStored", run.storedMessages());
        // Every 250 the server sent must be one stored message; every 250 a client saw must be stored exactly once.
        counters.put("accepted250", run.serverAccepted());
        counters.put("accepted250Missing", run.accepted250Missing().size());
        counters.put("accepted250MissingIds", run.accepted250Missing().stream().limit(20).toList());
        counters.put("timedOutAtBound", runs.stream().mapToLong(LoadRun::timedOutAtBound).sum());
        counters.put("closeWait", run.closeWait());
        counters.put("threadsAtStart", run.threadsAtStart());
        counters.put("threadsAtEnd", run.threadsAtEnd());
        counters.put("stuckSessions", run.stuckSessions().size());
        counters.put("cycleMethods", run.cycle().map(c -> c.blockedMethods()).orElse(List.of()));
        counters.put("lockClasses", run.cycle().map(c -> c.lockClasses()).orElse(List.of()));
        run.proof().ifPresent(p -> counters.put("proof", proof(p)));
        counters.put("judge", judge(run));
        counters.put("assumptions", run.assumptions());
        counters.put("saturation", saturation(run));
        detection(runs, run, counters);
        counters.put("runs", runs.stream().map(LoadResults::summary).toList());
        Map<String, Object> plan = plan(run.plan());
        plan.put("dnsServer", run.dnsServer());
        plan.put("dnsFaultsInjected", run.dnsFaultsInjected());
        plan.put("verdictWaitBoundMillis", run.verdictWaitBound().limit().map(Duration::toMillis).orElse(null));
        counters.put("plan", plan);
        counters.put("series", run.series());
        String evidence = run.proof().map(p -> p.kind() + ": " + p.describe()).orElse("");
        long found = runs.stream().filter(LoadRun::hung).count();
        long explored = runs.stream().mapToLong(LoadRun::transactionsAnswered).sum();
        double seconds = runs.stream().mapToDouble(LoadRun::seconds).sum();
        // Transactions are counted across the runs in order, so the first hang is at the runs before it plus its own.
        long before = runs.subList(0, runs.indexOf(run)).stream().mapToLong(LoadRun::transactionsAnswered).sum();
        return new HarnessResult("load", run.engine(), scenario, explored, "transactions",
                found, runs.stream().mapToLong(LoadRun::lostVerdicts).sum(), run.hung() ? before + run.transactionsAnswered() + 1 : null, seconds, evidence,
                runs.stream().anyMatch(LoadRun::failpointsArmed),
                runs.stream().flatMap(r -> r.failpointsHit().stream()).distinct().sorted().toList(), counters, provenance);
    }

    // Each second of traffic is exposure, and a run ends at its first hang: pooled over runs, k hangs in T seconds
    // give a Poisson rate. A budget is sized from the rate's lower 95% bound, never from the point estimate: the
    // chance that one run of the budget misses is then at most exp(-lower * budget), 19 times in 20.
    private static void detection(List<LoadRun> runs, LoadRun shown, Map<String, Object> counters) {
        long found = runs.stream().filter(LoadRun::hung).count();
        double exposure = runs.stream().mapToDouble(r -> Math.max(r.seconds(), 0.001)).sum();
        long samples = runs.stream().mapToLong(r -> Math.max(1, Math.round(r.seconds()))).sum();
        counters.put("detectionRate", Map.of("found", found, "samples", samples));
        double lower = ConfidenceBounds.poissonLower(found, exposure);
        long budget = shown.plan().maxDuration().toSeconds();
        Map<String, Object> bound = new LinkedHashMap<>();
        bound.put("hangs", found);
        bound.put("seconds", round(exposure));
        bound.put("perSecondLower95", lower);
        bound.put("perSecondUpper95", ConfidenceBounds.poissonUpper(found, exposure));
        bound.put("budgetSeconds", budget);
        counters.put("detectionBound", bound);
        counters.put("missChanceAtBudget", Math.exp(-lower * budget));
    }

    private static Map<String, Object> proof(HangProof proof) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", proof.kind());
        out.put("since", round(proof.since()));
        if (proof instanceof HangProof.LockCycleSeen c) {
            out.put("seenAt", round(c.seenAt()));
            out.put("threads", c.cycle().links().stream().map(l -> Map.of("thread", l.thread(), "holds", l.holds(),
                    "wants", l.wants(), "blockedAt", l.blockedAt())).toList());
        } else if (proof instanceof HangProof.StuckSessions s) {
            out.put("limitSeconds", s.limit().toMillis() / 1e3);
            out.put("sessions", s.sessions().stream().map(o -> stuck(o, s.runStartNanos())).toList());
        } else if (proof instanceof HangProof.StoppedServer st) {
            out.put("lastProgressAt", round(st.lastProgressAt()));
            out.put("detectedAt", round(st.detectedAt()));
            out.put("windowSeconds", st.window().toMillis() / 1e3);
            out.put("perSecond", st.perSecond());
        }
        return out;
    }

    private static Map<String, Object> stuck(StuckThreadWatch.Observation o, long runStartNanos) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("thread", o.thread());
        out.put("state", o.state().name());
        out.put("waitingOn", o.waitingOn());
        out.put("waitingSince", round((o.firstSeenNanos() - runStartNanos) / 1e9));
        out.put("observedSeconds", round(o.observed().toMillis() / 1e3));
        out.put("waitedCount", o.waitedCount());
        out.put("blockedCount", o.blockedCount());
        out.put("stack", o.stack());
        return out;
    }

    private static Map<String, Object> judge(LoadRun run) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stuckAfterSeconds", run.limits().stuckAfter().toMillis() / 1e3);
        out.put("stoppedAfterSeconds", run.limits().stoppedAfter().toMillis() / 1e3);
        out.put("lookEveryMillis", run.limits().lookEvery().toMillis());
        out.put("looks", run.judgeLooks());
        return out;
    }

    /** How loaded the server was: refusals at its connection limit and the probes' latency. */
    private static Map<String, Object> saturation(LoadRun run) {
        ProbeLatencies p = run.probes();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("refused", run.refused());
        out.put("notServed", run.notServed());
        out.put("longestSilenceMillis", run.longestSilenceMillis());
        out.put("probesAnswered", p.answered());
        out.put("probesRefused", p.refused());
        out.put("probesUnanswered", p.unanswered());
        out.put("probeP50Millis", p.p50Millis());
        out.put("probeP90Millis", p.p90Millis());
        out.put("probeP99Millis", p.p99Millis());
        out.put("probeMaxMillis", p.maxMillis());
        // The lab's first judge ended a run at the first probe slower than 2 s and called the server stopped.
        out.put("probesOver2s", p.over2s());
        return out;
    }

    private static Map<String, Object> plan(LoadPlan plan) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clients", plan.clients());
        out.put("abortRate", plan.abortRate());
        out.put("maxSeconds", plan.maxDuration().toSeconds());
        out.put("seed", plan.seed());
        out.put("dnsLatencyMillis", plan.dnsLatency().toMillis());
        out.put("dnsJitterMillis", plan.dnsJitter().toMillis());
        out.put("dnsDropRate", plan.dnsDropRate());
        out.put("busyThreads", plan.busyThreads());
        out.put("connectionLimit", plan.connectionLimit());
        return out;
    }

    private static Map<String, Object> summary(LoadRun run) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("seconds", round(run.seconds()));
        summary.put("hung", run.hung());
        summary.put("hangKind", run.hangKind().orElse(null));
        summary.put("hangSince", run.proof().map(p -> round(p.since())).orElse(null));
        summary.put("stoppedRespondingAt", run.stoppedRespondingAt().map(LoadResults::round).orElse(null));
        summary.put("transactionsAnswered", run.transactionsAnswered());
        summary.put("closeWait", run.closeWait());
        summary.put("cycle", run.cycle().isPresent());
        summary.put("probeMaxMillis", run.probes().maxMillis());
        return summary;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }
}
