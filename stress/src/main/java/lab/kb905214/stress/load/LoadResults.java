package lab.kb905214.stress.load;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import lab.kb905214.engine.hang.StuckThreadWatch;
import lab.kb905214.results.Counters;
import lab.kb905214.results.Fields;
import lab.kb905214.results.Harness;
import lab.kb905214.results.LoadCounters;
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
        Fields counters = new Fields();
        counters.note("transactionsAnswered", run.transactionsAnswered());
        counters.put(LoadCounters.REPLIES_2XX, run.replies2xx());
        counters.note("replies4xx", run.replies4xx());
        counters.note("replies5xx", run.replies5xx());
        counters.note("aborted", run.aborted());
        counters.note(
                "abortedByRace",
                run.abortedByRace().entrySet().stream()
                        .collect(Collectors.toMap(
                                e -> e.getKey().label(), Map.Entry::getValue, Long::sum, TreeMap::new)));
        counters.put(LoadCounters.UNANSWERED, run.unanswered());
        counters.note("hangKind", run.hangKind().orElse(null));
        counters.note("hangSince", run.proof().map(p -> round(p.since())).orElse(null));
        counters.put(
                LoadCounters.STOPPED_RESPONDING_AT,
                run.stoppedRespondingAt().map(LoadResults::round).orElse(null));
        counters.note("lastAnswerAt", round(run.lastAnswerAt()));
        counters.put(Counters.MESSAGES_STORED, run.storedMessages());
        // Every 250 the server sent must be one stored message; every 250 a client saw must be stored exactly once.
        counters.put(LoadCounters.ACCEPTED_250, run.serverAccepted());
        counters.put(LoadCounters.ACCEPTED_250_MISSING, run.accepted250Missing().size());
        counters.note(
                "accepted250MissingIds",
                run.accepted250Missing().stream().limit(20).toList());
        counters.put(
                LoadCounters.TIMED_OUT_AT_BOUND,
                runs.stream().mapToLong(LoadRun::timedOutAtBound).sum());
        counters.put(LoadCounters.CLOSE_WAIT, run.closeWait());
        counters.note("threadsAtStart", run.threadsAtStart());
        counters.put(LoadCounters.THREADS_AT_END, run.threadsAtEnd());
        counters.put(LoadCounters.STUCK_SESSIONS, run.stuckSessions().size());
        counters.put(
                Counters.CYCLE_METHODS, run.cycle().map(c -> c.blockedMethods()).orElse(List.of()));
        counters.put(
                Counters.LOCK_CLASSES, run.cycle().map(c -> c.lockClasses()).orElse(List.of()));
        run.proof().ifPresent(p -> counters.note("proof", proof(p)));
        counters.note("judge", judge(run));
        counters.put(Counters.ASSUMPTIONS, run.assumptions());
        counters.note("saturation", saturation(run));
        detection(runs, run, counters);
        counters.put(Counters.RUNS, runs.stream().map(LoadResults::summary).toList());
        Fields plan = plan(run.plan());
        plan.put(LoadCounters.Plan.DNS_SERVER, run.dnsServer());
        plan.put(LoadCounters.Plan.DNS_FAULTS_INJECTED, run.dnsFaultsInjected());
        plan.put(
                LoadCounters.Plan.VERDICT_WAIT_BOUND_MILLIS,
                run.verdictWaitBound().limit().map(Duration::toMillis).orElse(null));
        counters.put(Counters.PLAN, plan);
        counters.put(LoadCounters.SERIES, run.series());
        String evidence = run.proof().map(p -> p.kind() + ": " + p.describe()).orElse("");
        long found = runs.stream().filter(LoadRun::hung).count();
        long explored = runs.stream().mapToLong(LoadRun::transactionsAnswered).sum();
        double seconds = runs.stream().mapToDouble(LoadRun::seconds).sum();
        // Transactions are counted across the runs in order, so the first hang is at the runs before it plus its own.
        long before = runs.subList(0, runs.indexOf(run)).stream()
                .mapToLong(LoadRun::transactionsAnswered)
                .sum();
        return new HarnessResult(
                Harness.LOAD,
                run.engine(),
                scenario,
                explored,
                "transactions",
                found,
                runs.stream().mapToLong(LoadRun::lostVerdicts).sum(),
                run.hung() ? before + run.transactionsAnswered() + 1 : null,
                seconds,
                evidence,
                runs.stream().anyMatch(LoadRun::failpointsArmed),
                runs.stream()
                        .flatMap(r -> r.failpointsHit().stream())
                        .distinct()
                        .sorted()
                        .toList(),
                counters,
                provenance);
    }

    // Each second of traffic is exposure, and a run ends at its first hang: pooled over runs, k hangs in T seconds
    // give a Poisson rate. A budget is sized from the rate's lower 95% bound, never from the point estimate: the
    // chance that one run of the budget misses is then at most exp(-lower * budget), 19 times in 20.
    private static void detection(List<LoadRun> runs, LoadRun shown, Fields counters) {
        long found = runs.stream().filter(LoadRun::hung).count();
        double exposure =
                runs.stream().mapToDouble(r -> Math.max(r.seconds(), 0.001)).sum();
        long samples = runs.stream()
                .mapToLong(r -> Math.max(1, Math.round(r.seconds())))
                .sum();
        counters.put(
                Counters.DETECTION_RATE,
                new Fields().put(Counters.DetectionRate.FOUND, found).put(Counters.DetectionRate.SAMPLES, samples));
        double lower = ConfidenceBounds.poissonLower(found, exposure);
        long budget = shown.plan().maxDuration().toSeconds();
        Fields bound = new Fields()
                .put(LoadCounters.DetectionBound.HANGS, found)
                .put(LoadCounters.DetectionBound.SECONDS, round(exposure))
                .put(LoadCounters.DetectionBound.PER_SECOND_LOWER_95, lower)
                .put(LoadCounters.DetectionBound.PER_SECOND_UPPER_95, ConfidenceBounds.poissonUpper(found, exposure))
                .put(LoadCounters.DetectionBound.BUDGET_SECONDS, budget);
        counters.put(LoadCounters.DETECTION_BOUND, bound);
        counters.put(LoadCounters.MISS_CHANCE_AT_BUDGET, Math.exp(-lower * budget));
    }

    private static Map<String, Object> proof(HangProof proof) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", proof.kind());
        out.put("since", round(proof.since()));
        if (proof instanceof HangProof.LockCycleSeen c) {
            out.put("seenAt", round(c.seenAt()));
            out.put(
                    "threads",
                    c.cycle().links().stream()
                            .map(l -> Map.of(
                                    "thread",
                                    l.thread(),
                                    "holds",
                                    l.holds(),
                                    "wants",
                                    l.wants(),
                                    "blockedAt",
                                    l.blockedAt()))
                            .toList());
        } else if (proof instanceof HangProof.StuckSessions s) {
            out.put("limitSeconds", s.limit().toMillis() / 1e3);
            out.put(
                    "sessions",
                    s.sessions().stream().map(o -> stuck(o, s.runStartNanos())).toList());
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

    private static Fields plan(LoadPlan plan) {
        return new Fields()
                .note("clients", plan.clients())
                .note("abortRate", plan.abortRate())
                .note("maxSeconds", plan.maxDuration().toSeconds())
                .note("seed", plan.seed())
                .note("dnsLatencyMillis", plan.dnsLatency().toMillis())
                .note("dnsJitterMillis", plan.dnsJitter().toMillis())
                .note("dnsDropRate", plan.dnsDropRate())
                .note("busyThreads", plan.busyThreads())
                .note("connectionLimit", plan.connectionLimit());
    }

    private static Map<String, Object> summary(LoadRun run) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("seconds", round(run.seconds()));
        summary.put("hung", run.hung());
        summary.put("hangKind", run.hangKind().orElse(null));
        summary.put("hangSince", run.proof().map(p -> round(p.since())).orElse(null));
        summary.put(
                "stoppedRespondingAt",
                run.stoppedRespondingAt().map(LoadResults::round).orElse(null));
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
