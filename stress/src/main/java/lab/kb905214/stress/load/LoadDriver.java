package lab.kb905214.stress.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import lab.kb905214.engine.failpoint.Failpoints;
import lab.kb905214.engine.failpoint.Step;
import lab.kb905214.engine.hang.HangDetector;
import lab.kb905214.engine.hang.LockCycle;
import lab.kb905214.engine.hang.StuckThreadWatch;
import lab.kb905214.engine.smtp.EngineCounters;
import lab.kb905214.engine.thread.ThreadRole;
import lab.kb905214.stress.assumptions.AssumptionAudit;
import lab.kb905214.stress.judge.HangProof;
import lab.kb905214.stress.judge.JudgeLimits;
import lab.kb905214.stress.rig.EngineRig;
import lab.kb905214.stress.rig.EngineUnderTest;

/**
 * Real SMTP clients against a real engine, failpoints off: whatever hangs, hangs from the code alone.
 *
 * <p>While the clients run, a probe transaction measures latency every {@link LoadPlan#probeInterval()}, and the
 * judge looks at the engine every {@link JudgeLimits#lookEvery()} for one of the three proofs of a hang (see
 * {@link HangProof}): a lock cycle, a session stuck in one wait past the longest a check can take, or no answer to
 * anyone for longer than that. The first proof ends the run and the engine is abandoned; without one, the traffic
 * stops at the plan's limit and the judge keeps watching the sessions still waiting until each has left or is proven
 * stuck. Slow answers and refusals are recorded as latency and saturation, never as a hang.
 */
public final class LoadDriver {
    /**
     * One progress report, about once a second.
     *
     * @param seconds since the traffic started
     * @param transactionsAnswered so far, clients and probes
     * @param lastProbeMillis the latest answered probe's latency (null before the first)
     * @param silentSeconds since anyone last got an answer: a measurement, not a verdict (only the judge decides)
     */
    public record Progress(double seconds, long transactionsAnswered, Long lastProbeMillis, double silentSeconds) {}

    /** Something done to the engine once the traffic runs (a judge test holds a failpoint, say); may be a no-op. */
    public interface DuringRun {
        /** Called on the judge's thread at each look, with the engine and the seconds since the start. */
        void look(EngineRig rig, double seconds);
    }

    private LoadDriver() {}

    /** Runs {@code plan} against a fresh engine of {@code kind}; {@code progress} hears about it once a second. */
    public static LoadRun run(EngineUnderTest kind, LoadPlan plan, Consumer<Progress> progress)
            throws IOException, InterruptedException {
        return run(kind, plan, null, (rig, seconds) -> {}, progress);
    }

    /**
     * As {@link #run(EngineUnderTest, LoadPlan, Consumer)}, judged with {@code limits} (null: those the engine's
     * longest check gives) and with {@code duringRun} called at every look.
     */
    public static LoadRun run(
            EngineUnderTest kind, LoadPlan plan, JudgeLimits limits, DuringRun duringRun, Consumer<Progress> progress)
            throws IOException, InterruptedException {
        return run(kind, plan, EngineRig.Options.harness(), limits, duringRun, progress);
    }

    /**
     * As {@link #run(EngineUnderTest, LoadPlan, JudgeLimits, DuringRun, Consumer)}, on a rig started with
     * {@code rigOptions} (the connection limit still comes from the plan); with an external DNS server the plan's
     * DNS latency and drops are not injected, and the run records so.
     */
    public static LoadRun run(
            EngineUnderTest kind,
            LoadPlan plan,
            EngineRig.Options rigOptions,
            JudgeLimits limits,
            DuringRun duringRun,
            Consumer<Progress> progress)
            throws IOException, InterruptedException {
        int threadsAtStart = ManagementFactory.getThreadMXBean().getThreadCount();
        Set<Long> threadsBefore = liveThreadIds();
        HangDetector detector = HangDetector.forThreadsStartedFromNow();
        AssumptionAudit audit = AssumptionAudit.forThreadsStartedFromNow();
        EngineRig.Options options = rigOptions.withMaxConnections(plan.connectionLimit());
        EngineRig rig = EngineRig.start(kind, options);
        JudgeLimits judge = limits != null ? limits : JudgeLimits.forLongestCheck(rig.longestCheck());
        // Only the embedded server injects faults; an external one answers as it does (Unbound: from its cache).
        boolean dnsFaultsInjected = rig.externalDns().isEmpty();
        if (dnsFaultsInjected) {
            rig.dns()
                    .faults()
                    .latencyForAll(plan.dnsLatency(), plan.dnsJitter())
                    .dropUdpReplies(plan.dnsDropRate());
        }
        String dnsServer = rig.dnsDescription();
        CpuBurners burners = CpuBurners.start(plan.busyThreads());
        long start = System.nanoTime();
        TimeSeries series = new TimeSeries(start);
        LoadTally tally = new LoadTally(series, start);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong messageIds = new AtomicLong();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < plan.clients(); i++) {
            LoadClient client =
                    new LoadClient(i, rig.smtpAddress(), plan, stop, tally, messageIds, judge.stoppedAfter());
            Thread t = new Thread(client, "load-client-" + i);
            t.setDaemon(true);
            clients.add(t);
            t.start();
        }
        ProbeLoop probes = ProbeLoop.start(
                rig.smtpAddress(), plan.probeInterval(), judge.stoppedAfter(), tally, series, messageIds);
        StuckThreadWatch watch = detector.stuckThreadWatch(rig.coordinatorClasses());
        Optional<HangProof> proof = judgeWhileTrafficRuns(
                rig, plan, judge, detector, watch, audit, tally, series, start, probes, duringRun, progress);
        audit.look(); // the state the traffic left, before anything is closed
        stop.set(true);
        double seconds = series.secondsSinceStart();
        long longestSilenceMillis = tally.longestSilenceNanos(System.nanoTime()) / 1_000_000;
        if (proof.isPresent()) {
            probes.stopSending(); // the probe cut short below was not left unanswered: the run is over
            tally.closeAll(); // the probe in flight and every client waiting on a hung server return at once
        }
        ProbeLatencies probed = probes.stop();
        burners.stop();
        if (proof.isEmpty()) {
            proof = judgeAfterTraffic(detector, watch, judge, start);
        }
        // Clients finish the transaction they are in (each read is bounded); only those stuck on a hung server are
        // disconnected, and only after the evidence was taken: a client leaving mid-check is exactly what H1 needs.
        // Those that have not opened a transaction go first: after the run they could only start a new one, and on an
        // overloaded server they would wait in its backlog for a greeting until the join below gave up on them.
        tally.closeThoseBeforeTheirTransaction();
        joinAll(clients, Duration.ofSeconds(7));
        tally.closeAll();
        joinAll(clients, Duration.ofSeconds(5));
        double lastAnswerAt = (tally.lastAnswerNanos() - start) / 1e9;
        boolean hung = proof.isPresent();
        int closeWait = hung ? CloseWaitCounter.onLocalPort(rig.server().port()) : settledCloseWait(rig);
        List<String> missing = missingFromMaildir(rig.server().maildir().newDirectory(), tally);
        long stored = rig.server().maildir().storedCount();
        EngineCounters.Snapshot served = rig.server().counters().snapshot();
        Failpoints failpoints = rig.server().coordinator().failpoints();
        long lostVerdicts = rig.server().coordinator().lostVerdicts();
        rig.closeAbandoningIfHung(hung ? Duration.ofMillis(300) : Duration.ofSeconds(10));
        int threadsAtEnd = hung ? engineThreadsStartedSince(threadsBefore) : settledEngineThreads(threadsBefore);
        return new LoadRun(
                kind.engine(),
                plan,
                judge,
                seconds,
                tally.answered.sum(),
                tally.replies2xx.sum(),
                tally.replies4xx.sum(),
                tally.replies5xx.sum(),
                tally.aborted.sum(),
                tally.abortedByRace(),
                tally.unanswered.sum(),
                tally.refused.sum(),
                tally.notServed.sum(),
                proof,
                probed,
                closeWait,
                stored,
                served.accepted(),
                missing,
                threadsAtStart,
                threadsAtEnd,
                series.toList(seconds),
                watch.looks(),
                lastAnswerAt,
                failpoints.wereArmed(),
                failpoints.stepsReached().stream().map(Step::id).toList(),
                dnsServer,
                dnsFaultsInjected,
                longestSilenceMillis,
                lostVerdicts,
                options.verdictWaitBound(),
                served.timedOut(),
                audit.summary());
    }

    // The judge's loop while the clients run: one look every lookEvery, until a proof, the time limit or the target.
    private static Optional<HangProof> judgeWhileTrafficRuns(
            EngineRig rig,
            LoadPlan plan,
            JudgeLimits judge,
            HangDetector detector,
            StuckThreadWatch watch,
            AssumptionAudit audit,
            LoadTally tally,
            TimeSeries series,
            long start,
            ProbeLoop probes,
            DuringRun duringRun,
            Consumer<Progress> progress) {
        long deadline = start + plan.maxDuration().toNanos();
        long nextReport = System.nanoTime();
        long nextWatch = System.nanoTime();
        while (System.nanoTime() < deadline
                && (plan.targetTransactions() == 0 || tally.answered.sum() < plan.targetTransactions())) {
            duringRun.look(rig, series.secondsSinceStart());
            boolean watchDue = System.nanoTime() >= nextWatch;
            if (watchDue) {
                nextWatch = System.nanoTime() + THREAD_WATCH_EVERY.toNanos();
                audit.look(); // a full dump with the locks held: as costly as the watch, so at its pace
            }
            Optional<HangProof> proof = look(detector, watch, watchDue, judge, tally, series, start);
            if (proof.isPresent() || System.nanoTime() >= nextReport) {
                progress.accept(new Progress(
                        series.secondsSinceStart(),
                        tally.answered.sum(),
                        probes.lastMillis(),
                        (System.nanoTime() - tally.lastAnswerNanos()) / 1e9));
                nextReport = System.nanoTime() + 1_000_000_000L;
            }
            if (proof.isPresent()) {
                return proof;
            }
            LockSupport.parkNanos(judge.lookEvery().toNanos()); // the judge's pace: the engine does not wait for it
        }
        return Optional.empty();
    }

    // One look, the strongest proof first: a cycle explains stuck sessions and a silent server, not the other way.
    private static Optional<HangProof> look(
            HangDetector detector,
            StuckThreadWatch watch,
            boolean watchDue,
            JudgeLimits judge,
            LoadTally tally,
            TimeSeries series,
            long start) {
        Optional<HangProof> cycle = cycleProof(detector, start);
        if (cycle.isPresent()) {
            return cycle;
        }
        // The thread watch reads every thread's stack, which costs far more than a deadlock check with hundreds of
        // sessions; its proof rests on the JVM's wait counts, not on how often it looks, so once a second is enough.
        List<StuckThreadWatch.Observation> waiting = watchDue ? watch.look() : List.of();
        List<StuckThreadWatch.Observation> stuck = watch.stuckLongerThan(judge.stuckAfter());
        if (!stuck.isEmpty()) {
            return Optional.of(new HangProof.StuckSessions(stuck, judge.stuckAfter(), start));
        }
        long silentNanos = System.nanoTime() - tally.lastAnswerNanos();
        if (silentNanos > judge.stoppedAfter().toNanos()) {
            double lastAnswerAt = (tally.lastAnswerNanos() - start) / 1e9;
            List<StuckThreadWatch.Observation> inside = watchDue ? waiting : watch.look();
            List<String> involved =
                    inside.stream().map(StuckThreadWatch.Observation::thread).toList();
            String dump = HangDetector.threadDump();
            return Optional.of(new HangProof.StoppedServer(
                    lastAnswerAt,
                    series.secondsSinceStart(),
                    judge.stoppedAfter(),
                    series.describe((int) Math.floor(lastAnswerAt), series.secondsSinceStart()),
                    excerpt(dump, involved) + completionThreads(dump)));
        }
        return Optional.empty();
    }

    // After the traffic: a cycle found now, before any client is disconnected, still proves a hang; otherwise each
    // session still waiting is watched until it leaves or has waited, unchanged, past the longest a check can take.
    // A session that entered a moment ago is watched for that whole time too.
    private static Optional<HangProof> judgeAfterTraffic(
            HangDetector detector, StuckThreadWatch watch, JudgeLimits judge, long start) throws InterruptedException {
        Optional<HangProof> cycle = cycleProof(detector, start);
        if (cycle.isPresent()) {
            return cycle;
        }
        Duration cap = judge.stuckAfter().plus(SETTLE_SLACK);
        List<StuckThreadWatch.Observation> stuck = watch.settle(judge.stuckAfter(), judge.lookEvery(), cap);
        return stuck.isEmpty()
                ? Optional.empty()
                : Optional.of(new HangProof.StuckSessions(stuck, judge.stuckAfter(), start));
    }

    /** The JVM's lock cycle among the run's threads, if there is one now, with its threads' stacks. */
    private static Optional<HangProof> cycleProof(HangDetector detector, long start) {
        return detector.findDeadlock()
                .map(cycle -> new HangProof.LockCycleSeen(
                        cycle,
                        (System.nanoTime() - start) / 1e9,
                        excerpt(
                                HangDetector.threadDump(),
                                cycle.links().stream()
                                        .map(LockCycle.Link::thread)
                                        .toList())));
    }

    /** How often the judge reads the threads' stacks while the traffic runs. */
    private static final Duration THREAD_WATCH_EVERY = Duration.ofSeconds(1);

    /** How long past the stuck limit the judge keeps watching after the traffic, for sessions that entered late. */
    private static final Duration SETTLE_SLACK = Duration.ofSeconds(10);

    private static void joinAll(List<Thread> threads, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        for (Thread t : threads) {
            t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
    }

    // Threads started during the run and still alive: the engine's (by their role) and the harness's own (its
    // clients, its probe, the embedded DNS server it started); JVM-wide helpers that start lazily once (the JDK's
    // delay scheduler, the process reaper) are neither and do not count.
    private static final List<String> HARNESS_THREAD_PREFIXES = List.of("embedded-dns", "load-client-", "load-probe");

    private static Set<Long> liveThreadIds() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getId).collect(Collectors.toSet());
    }

    private static int engineThreadsStartedSince(Set<Long> before) {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t.getId()))
                .filter(t -> ThreadRole.endsWithItsEngine(t.getName())
                        || HARNESS_THREAD_PREFIXES.stream()
                                .anyMatch(p -> t.getName().startsWith(p)))
                .count();
    }

    // A connection the clients closed while it still waited in the accept backlog is in CLOSE_WAIT until a working
    // server accepts it, reads its end and closes it: give the server the time it needs; a hung one never does.
    private static int settledCloseWait(EngineRig rig) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int count = CloseWaitCounter.onLocalPort(rig.server().port());
        while (count > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100); // observation only: the server drains its backlog on its own
            count = CloseWaitCounter.onLocalPort(rig.server().port());
        }
        return count;
    }

    private static int settledEngineThreads(Set<Long> before) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int count = engineThreadsStartedSince(before);
        while (count > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50); // observation only: idle session threads end on their own
            count = engineThreadsStartedSince(before);
        }
        return count;
    }

    /** Message-IDs answered with 250 that are not exactly once in the Maildir. */
    private static List<String> missingFromMaildir(Path newDir, LoadTally tally) throws IOException {
        Map<String, Integer> found = new HashMap<>();
        try (Stream<Path> files = Files.list(newDir)) {
            for (Path file : files.collect(Collectors.toList())) {
                for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
                    if (line.isEmpty()) {
                        break; // end of the header section
                    }
                    if (line.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                        found.merge(line.substring(11).trim(), 1, Integer::sum);
                    }
                }
            }
        }
        return tally.accepted.stream()
                .filter(id -> found.getOrDefault(id, 0) != 1)
                .sorted()
                .collect(Collectors.toList());
    }

    /** The blocks of {@code dump} for the threads named in {@code threads}. */
    private static String excerpt(String dump, List<String> threads) {
        return blocks(dump, block -> threads.stream().anyMatch(name -> block.startsWith("\"" + name + "\"")));
    }

    /** The completion thread's block of {@code dump}: the thread that posts every verdict. */
    private static String completionThreads(String dump) {
        return blocks(dump, block -> block.startsWith("\"" + ThreadRole.COMPLETION.threadName("")));
    }

    private static String blocks(String dump, Predicate<String> wanted) {
        StringBuilder out = new StringBuilder();
        for (String block : dump.split("\n\n", -1)) {
            if (wanted.test(block)) {
                out.append(block).append("\n\n");
            }
        }
        return out.toString();
    }
}
