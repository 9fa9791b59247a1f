package lab.kb905214.stress.load;

import java.io.IOException;
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
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import lab.kb905214.engine.hang.HangDetector;
import lab.kb905214.engine.hang.LockCycle;
import lab.kb905214.stress.client.SmtpReply;
import lab.kb905214.stress.client.SmtpWire;
import lab.kb905214.stress.rig.EngineUnderTest;
import lab.kb905214.stress.rig.EngineRig;

/**
 * Real SMTP clients against a real engine, failpoints off: whatever hangs, hangs from the code alone.
 *
 * <p>A probe transaction runs every {@link LoadPlan#probeInterval()}; the first probe that gets no answer within
 * {@link LoadPlan#probeTimeout()} marks the moment the server stopped responding. The run then ends, the hang is
 * described (deadlock cycle, stuck sessions, thread dump, CLOSE_WAIT sockets), and the engine is abandoned.
 */
public final class LoadDriver {
    /** One progress report, about once a second. */
    public record Progress(double seconds, long transactionsAnswered, Long lastProbeMillis, boolean responding) {}

    private LoadDriver() {}

    /** Runs {@code plan} against a fresh engine of {@code kind}; {@code progress} hears about it once a second. */
    public static LoadRun run(EngineUnderTest kind, LoadPlan plan, Consumer<Progress> progress)
            throws IOException, InterruptedException {
        int threadsAtStart = java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount();
        Set<Long> threadsBefore = liveThreadIds();
        HangDetector detector = HangDetector.forThreadsStartedFromNow();
        EngineRig.Options options = EngineRig.Options.harness().withMaxConnections(Math.max(64, plan.clients() * 2));
        EngineRig rig = EngineRig.start(kind, options);
        rig.dns().faults().latencyForAll(plan.dnsLatency(), plan.dnsJitter());
        long start = System.nanoTime();
        TimeSeries series = new TimeSeries(start);
        LoadTally tally = new LoadTally(series);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong messageIds = new AtomicLong();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < plan.clients(); i++) {
            Thread t = new Thread(new LoadClient(i, rig.smtpAddress(), plan, stop, tally, messageIds), "load-client-" + i);
            t.setDaemon(true);
            clients.add(t);
            t.start();
        }
        Optional<Double> stoppedAt = probeUntilStopped(rig, plan, series, tally, messageIds, progress);
        stop.set(true);
        double seconds = series.secondsSinceStart();
        // Take the evidence before any client is disconnected: a client leaving mid-check is exactly what H1 needs,
        // so disconnecting first could make a deadlock that the traffic itself did not.
        Optional<LockCycle> cycle = detector.findDeadlock();
        List<String> stuck = settledStuckSessions(detector, rig, cycle.isPresent());
        // Clients finish the transaction they are in (each read is bounded); only those stuck on a hung server are
        // disconnected, and only after the evidence was taken.
        joinAll(clients, Duration.ofSeconds(7));
        tally.closeAll();
        joinAll(clients, Duration.ofSeconds(5));
        String dump = cycle.isPresent() || !stuck.isEmpty() ? excerpt(HangDetector.threadDump(), cycle, stuck) : "";
        int closeWait = CloseWaitCounter.onLocalPort(rig.server().port());
        List<String> missing = missingFromMaildir(rig.server().maildir().newDirectory(), tally);
        long stored = rig.server().maildir().storedCount();
        long serverAccepted = rig.server().counters().snapshot().accepted();
        boolean hung = stoppedAt.isPresent() || cycle.isPresent() || !stuck.isEmpty();
        rig.closeAbandoningIfHung(hung ? Duration.ofMillis(300) : Duration.ofSeconds(10));
        int threadsAtEnd = hung ? engineThreadsStartedSince(threadsBefore) : settledEngineThreads(threadsBefore);
        return new LoadRun(kind.id(), plan, seconds, tally.answered.sum(), tally.replies2xx.sum(), tally.replies4xx.sum(),
                tally.replies5xx.sum(), tally.aborted.sum(), tally.unanswered.sum(), stoppedAt, cycle, stuck, dump,
                closeWait, stored, serverAccepted, missing, threadsAtStart, threadsAtEnd, series.toList(seconds));
    }

    private static Optional<Double> probeUntilStopped(EngineRig rig, LoadPlan plan, TimeSeries series, LoadTally tally,
            AtomicLong messageIds, Consumer<Progress> progress) throws InterruptedException {
        long deadline = System.nanoTime() + plan.maxDuration().toNanos();
        long nextReport = System.nanoTime();
        Long lastProbe = null;
        while (System.nanoTime() < deadline
                && (plan.targetTransactions() == 0 || tally.answered.sum() < plan.targetTransactions())) {
            long probeStarted = System.nanoTime();
            double at = series.secondsSinceStart();
            String id = "<probe-" + messageIds.incrementAndGet() + "@lab.example>";
            Long millis = probe(rig, plan.probeTimeout(), tally, id);
            if (millis == null) {
                series.probeUnanswered();
                progress.accept(new Progress(series.secondsSinceStart(), tally.answered.sum(), null, false));
                return Optional.of(at);
            }
            series.probe(millis);
            lastProbe = millis;
            if (System.nanoTime() >= nextReport) {
                progress.accept(new Progress(series.secondsSinceStart(), tally.answered.sum(), lastProbe, true));
                nextReport = System.nanoTime() + 1_000_000_000L;
            }
            long next = probeStarted + plan.probeInterval().toNanos();
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // the probe's pace, not the server's timing
            }
        }
        return Optional.empty();
    }

    /** A whole transaction; its latency from the final dot to the reply, or null when no reply came in time. */
    private static Long probe(EngineRig rig, Duration timeout, LoadTally tally, String messageId) {
        try (SmtpWire wire = SmtpWire.connect(rig.smtpAddress(), timeout)) {
            wire.openTransaction("probe.example", "probe@pass.example", "rcpt@lab.example");
            long sent = System.nanoTime();
            wire.sendMessageAndDot("From: <probe@pass.example>\r\nMessage-ID: " + messageId + "\r\nSubject: probe\r\n\r\nprobe\r\n");
            SmtpReply reply = wire.readReply();
            long millis = (System.nanoTime() - sent) / 1_000_000;
            tally.answered(reply, messageId);
            wire.send("QUIT\r\n");
            return millis;
        } catch (IOException e) {
            return null;
        }
    }

    private static void joinAll(List<Thread> threads, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        for (Thread t : threads) {
            t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
    }

    // Sessions still inside the coordinator: give the slow ones time to leave; those that cannot are stuck. A check
    // can legitimately take long (a UDP query lost under load costs the DNS timeout, 2 s, and a check asks up to
    // ten), but never longer than the evaluation's bound, past which its verdict is a TempError: a session still
    // waiting after that bound has lost its verdict. With a lock cycle the hang is proven already: no need to wait.
    private static List<String> settledStuckSessions(HangDetector detector, EngineRig rig, boolean cycleFound)
            throws InterruptedException {
        Duration limit = cycleFound ? Duration.ZERO : rig.longestCheck().plusSeconds(2);
        return detector.threadsStalledIn(rig.coordinatorClasses(), limit);
    }

    // Engine threads (sessions, watchers, completion, DNS) started during the run and still alive; JVM-wide helpers
    // that start lazily once (the JDK's delay scheduler, the process reaper) are not the engine's and do not count.
    private static final List<String> ENGINE_THREAD_PREFIXES =
            List.of("watcher-", "completion-", "org.subethamail", "dns-client-", "embedded-dns", "load-client-");

    private static Set<Long> liveThreadIds() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getId).collect(Collectors.toSet());
    }

    private static int engineThreadsStartedSince(Set<Long> before) {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t.getId()))
                .filter(t -> ENGINE_THREAD_PREFIXES.stream().anyMatch(p -> t.getName().startsWith(p)))
                .count();
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
        return tally.accepted.stream().filter(id -> found.getOrDefault(id, 0) != 1).sorted().collect(Collectors.toList());
    }

    private static String excerpt(String dump, Optional<LockCycle> cycle, List<String> stuck) {
        List<String> wanted = new ArrayList<>(stuck);
        cycle.ifPresent(c -> c.links().forEach(l -> wanted.add(l.thread())));
        StringBuilder out = new StringBuilder();
        for (String block : dump.split("\n\n")) {
            if (wanted.stream().anyMatch(name -> block.startsWith("\"" + name + "\""))) {
                out.append(block).append("\n\n");
            }
        }
        return out.toString();
    }
}
