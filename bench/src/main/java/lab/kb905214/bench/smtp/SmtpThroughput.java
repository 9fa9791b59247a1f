package lab.kb905214.bench.smtp;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import lab.kb905214.bench.run.BenchSettings;
import lab.kb905214.bench.run.Latencies;
import lab.kb905214.bench.run.ProcessCpu;
import lab.kb905214.bench.run.Stats;
import lab.kb905214.engine.assembly.SenderIdEngine;
import lab.kb905214.engine.check.WaitBound;
import lab.kb905214.senderid.check.SenderIdCheck;
import lab.kb905214.senderid.check.SenderIdVerdict;
import lab.kb905214.senderid.dns.DnsCachePolicy;
import lab.kb905214.senderid.dns.DnsCacheStats;
import lab.kb905214.senderid.dns.server.EmbeddedDnsServer;
import lab.kb905214.senderid.spf.SpfResult;
import lab.kb905214.stress.client.SmtpReply;
import lab.kb905214.stress.client.SmtpWire;
import lab.kb905214.stress.files.FolderTree;
import lab.kb905214.stress.rig.EngineKind;
import lab.kb905214.stress.rig.EngineRig;

/**
 * Item 3: messages per second and transaction latency, engine-fixed with Sender ID on vs a bare SubEtha server with
 * no filter; the same clients (one connection each, one transaction after another) and the same messages, whose
 * senders come from {@link #DOMAINS} domains drawn with Zipf's law. Five servers form a cost ladder, each adding one
 * part to the one before it: bare; bare with the engine's connection watcher; engine-fixed with a check that answers
 * at once; engine-fixed with Sender ID and the DNS cache a deployed server has (the target); the same without the
 * cache, as the race harnesses run it.
 *
 * <p>Every server first runs once unmeasured, so the JIT has compiled all their code before any window opens; then
 * the measured windows come in rounds, every server once per round, forward in even rounds and backward in odd ones,
 * so that a slow spell of the machine (the disk's write-back behind the Maildir's fsyncs comes and goes) falls on all
 * of them alike. A ratio is the median of the ratios within a round. Every window stores into a Maildir of its own,
 * and all of them are deleted only after the last window: deleting one between windows slowed the file creation of
 * the windows after it.
 */
public final class SmtpThroughput {
    /** The target of issue 7: at least 85% of the unfiltered throughput. */
    public static final double TARGET_RATIO = 0.85;
    /** Sender domains, and the Zipf exponent they are drawn with. */
    static final int DOMAINS = 1000;

    static final double ZIPF_EXPONENT = 1.0;
    /** Before each measured window: the clients connect and reach their pace (shorter only if the warm-up is). */
    private static final int SETTLE_MILLIS = 1000;

    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private SmtpThroughput() {}

    /** One server the clients drive, started afresh for every window. */
    private interface Server extends AutoCloseable {
        InetSocketAddress address();

        long storedCount() throws IOException;

        /** The DNS cache's counters, when the server has a cache. */
        default Optional<DnsCacheStats> dnsCacheStats() {
            return Optional.empty();
        }

        @Override
        void close() throws IOException;
    }

    @FunctionalInterface
    private interface Starter {
        /** Starts a server storing into {@code maildir}, a new folder the server leaves in place when it closes. */
        Server start(ZipfDomains senders, Path maildir, int maxConnections) throws IOException;
    }

    /** A rung of the cost ladder: its key in bench.json, what it adds, and how to start it. */
    private record Rung(String key, String step, Starter starter) {}

    private static final List<Rung> LADDER = List.of(
            new Rung(
                    "bareSubEtha",
                    "bare SubEtha, storing into the Maildir",
                    (senders, maildir, max) -> bare(maildir, max, false)),
            new Rung(
                    "bareSubEthaWatched",
                    "+ the connection watcher reading every connection ahead (its thread, "
                            + "its hand-over of every byte to the session)",
                    (senders, maildir, max) -> bare(maildir, max, true)),
            new Rung(
                    "engineFixedInstantCheck",
                    "+ the engine around it with a check that answers Pass at once "
                            + "(header parse, the coordinator, the hand-off to the completion thread and back, stamping)",
                    SmtpThroughput::instantCheck),
            new Rung(
                    "engineFixedWithSenderId",
                    "+ the Sender ID check (PRA extraction, check_host()) from the DNS " + "cache",
                    (senders, maildir, max) -> engineFixed(senders, maildir, max, DnsCachePolicy.defaults())),
            new Rung(
                    "engineFixedWithSenderIdNoDnsCache",
                    "the same without the DNS cache (every query over UDP to " + "the embedded server)",
                    (senders, maildir, max) -> engineFixed(senders, maildir, max, null)));

    /** Warms every server up, then measures them in rounds. */
    public static Map<String, Object> run(BenchSettings settings) throws Exception {
        ZipfDomains senders = new ZipfDomains(DOMAINS, ZIPF_EXPONENT);
        int clients = settings.smtpClients();
        int maxConnections = clients * 2 + 8;
        int settle = Math.min(SETTLE_MILLIS, settings.smtpWarmupMillis());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(
                "what",
                clients + " clients on loopback, each on its own connection sending EHLO, "
                        + "MAIL FROM:<alice@D>, RCPT, DATA and a ~600-byte message with From: alice@D, one transaction after "
                        + "another, D drawn per transaction from " + senders.count()
                        + " domains with Zipf's law (exponent "
                        + senders.exponent()
                        + ", each client seeded), every domain's record passing 127.0.0.1 after four "
                        + "queries (TXT, MX, the MX host's A, A; TTL 1 h); transaction latency = EHLO to the reply to the final "
                        + "dot; engine-fixed = the lab engine as SenderIdEngine assembles it (Sender ID PRA check over the "
                        + "embedded DNS server on UDP, no added DNS latency, connection watcher), with the DNS cache of a "
                        + "deployed server (DnsCachePolicy.defaults(): the target) or without it (as the race harnesses run); "
                        + "bare = SubEtha 7.2.2 with a handler that spools and delivers into the same Maildir code, no filter; "
                        + "every server once unmeasured (" + settings.smtpWarmupMillis() + " ms), then "
                        + settings.smtpRounds()
                        + " rounds of one " + settings.smtpMillis()
                        + " ms window per server (forward in even rounds, backward in odd ones), each on a fresh "
                        + "server with a Maildir of its own after " + settle + " ms of traffic; the Maildirs are "
                        + "deleted after the last window");
        out.put("senderDomains", senders.count());
        out.put("zipfExponent", senders.exponent());
        out.put("rounds", settings.smtpRounds());

        Map<String, List<Window>> windows = new LinkedHashMap<>();
        Map<String, Latencies> latencies = new LinkedHashMap<>();
        for (Rung rung : LADDER) {
            windows.put(rung.key(), new ArrayList<>());
            latencies.put(rung.key(), new Latencies(4_000_000));
        }
        // Every window's Maildir stays until the section ends. Deleting one (thousands of files) right before the next
        // window made ext4 skip those recently freed inodes at every file the next servers created (perf: the kernel
        // inside find_inode_bit and recently_deleted), so a window's rate depended on what ran before it.
        Path maildirs = Files.createTempDirectory("bench-smtp-maildirs-");
        try {
            for (Rung rung : LADDER) {
                try (Server server = rung.starter()
                        .start(senders, Files.createTempDirectory(maildirs, rung.key() + "-"), maxConnections)) {
                    drive(server.address(), senders, clients, settings.smtpWarmupMillis(), new Latencies(1));
                }
            }
            for (int round = 0; round < settings.smtpRounds(); round++) {
                for (Rung rung : inRoundOrder(round)) {
                    try (Server server = rung.starter()
                            .start(senders, Files.createTempDirectory(maildirs, rung.key() + "-"), maxConnections)) {
                        drive(server.address(), senders, clients, settle, new Latencies(1));
                        Optional<DnsCacheStats> before = server.dnsCacheStats();
                        Window window = drive(
                                server.address(), senders, clients, settings.smtpMillis(), latencies.get(rung.key()));
                        window.storedAtEnd = server.storedCount();
                        window.dnsCache = before.map(
                                b -> difference(b, server.dnsCacheStats().orElseThrow()));
                        windows.get(rung.key()).add(window);
                    }
                }
            }
        } finally {
            FolderTree.deleteQuietly(maildirs);
        }

        List<Map<String, Object>> ladder = new ArrayList<>();
        for (Rung rung : LADDER) {
            Map<String, Object> figures = figures(windows.get(rung.key()), latencies.get(rung.key()));
            out.put(rung.key(), figures);
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("step", rung.step());
            step.put("messagesPerSecond", figures.get("messagesPerSecond"));
            step.put("ratioToBare", ratio(windows, rung.key(), "bareSubEtha"));
            double rate = ((Number) figures.get("messagesPerSecond")).doubleValue();
            step.put("microsecondsPerMessage", Stats.round(1e6 / rate));
            step.put("cpuMicrosecondsPerMessage", figures.get("cpuMicrosecondsPerMessage"));
            if (figures.containsKey("kernelCpuShare")) {
                step.put("kernelCpuShare", figures.get("kernelCpuShare"));
            }
            step.put("p99Ms", ((Map<?, ?>) figures.get("latency")).get("p99Ms"));
            ladder.add(step);
        }
        // What each part of a transaction costs: each step adds one part to the one before it.
        out.put("costLadder", ladder);
        double ratio = ratio(windows, "engineFixedWithSenderId", "bareSubEtha");
        out.put("throughputRatio", ratio);
        out.put("throughputRatioPerRound", perRound(windows, "engineFixedWithSenderId", "bareSubEtha"));
        out.put("throughputRatioNoDnsCache", ratio(windows, "engineFixedWithSenderIdNoDnsCache", "bareSubEtha"));
        out.put(
                "dnsCacheHitRate",
                ((Map<?, ?>) ((Map<?, ?>) out.get("engineFixedWithSenderId")).get("dnsCache")).get("hitRate"));
        out.put("p99Ratio", Stats.round(p99(out, "engineFixedWithSenderId") / p99(out, "bareSubEtha")));
        out.put("targetThroughputRatio", TARGET_RATIO);
        out.put("meetsTarget", ratio >= TARGET_RATIO);
        return out;
    }

    /**
     * The ladder in round {@code round}'s order: forward in even rounds, backward in odd ones, so that no server always
     * follows the same one and a drift of the machine across a round falls on each pair of servers both ways.
     */
    static List<Rung> inRoundOrder(int round) {
        if (round % 2 == 0) {
            return LADDER;
        }
        List<Rung> backward = new ArrayList<>(LADDER);
        Collections.reverse(backward);
        return backward;
    }

    /** What one window measured. */
    private static final class Window {
        double seconds;
        long messages250;
        long otherReplies;
        long clientErrors;
        long jitMillis;
        long cpuNanos;
        Optional<ProcessCpu> userAndKernel = Optional.empty();
        long storedAtEnd;
        Optional<DnsCacheStats> dnsCache = Optional.empty();

        double messagesPerSecond() {
            return messages250 / seconds;
        }

        double cpuMicrosecondsPerMessage() {
            return messages250 == 0 ? 0 : cpuNanos / 1e3 / messages250;
        }
    }

    // One server's figures: the median window's rate, every window, the latency over all windows.
    private static Map<String, Object> figures(List<Window> windows, Latencies latencies) {
        List<Double> rates = windows.stream().map(Window::messagesPerSecond).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("messagesPerSecond", Math.round((double) Stats.of(rates).get("median")));
        out.put(
                "messagesPerSecondPerRound",
                rates.stream().map(r -> (double) Math.round(r)).toList());
        // The JVM's CPU (user and system, both cores, clients included) per message: what the server's work costs,
        // apart from time spent waiting for the disk.
        List<Double> cpu =
                windows.stream().map(Window::cpuMicrosecondsPerMessage).toList();
        out.put("cpuMicrosecondsPerMessage", Stats.round((double) Stats.of(cpu).get("median")));
        out.put(
                "cpuMicrosecondsPerMessagePerRound",
                cpu.stream().map(Stats::round).toList());
        // How much of that CPU the kernel spent (file creation and fsync in the Maildir, sockets, thread wake-ups).
        List<Double> kernel = windows.stream()
                .flatMap(w -> w.userAndKernel.stream())
                .map(ProcessCpu::kernelShare)
                .toList();
        if (!kernel.isEmpty()) {
            out.put("kernelCpuShare", Stats.round((double) Stats.of(kernel).get("median")));
            out.put("kernelCpuSharePerRound", kernel.stream().map(Stats::round).toList());
        }
        out.put(
                "seconds",
                Stats.round(windows.stream().mapToDouble(w -> w.seconds).sum()));
        out.put("messages250", windows.stream().mapToLong(w -> w.messages250).sum());
        out.put("otherReplies", windows.stream().mapToLong(w -> w.otherReplies).sum());
        out.put("clientErrors", windows.stream().mapToLong(w -> w.clientErrors).sum());
        out.put("storedAtEndPerRound", windows.stream().map(w -> w.storedAtEnd).toList());
        // JIT compilation inside a window is warm-up the window pays for: recorded, so a cold window shows.
        out.put(
                "jitCompilationMillisPerRound",
                windows.stream().map(w -> w.jitMillis).toList());
        out.put("latency", latencies.summary());
        List<DnsCacheStats> caches =
                windows.stream().flatMap(w -> w.dnsCache.stream()).toList();
        if (!caches.isEmpty()) {
            DnsCacheStats all = new DnsCacheStats(
                    caches.stream().mapToLong(DnsCacheStats::hits).sum(),
                    caches.stream().mapToLong(DnsCacheStats::joined).sum(),
                    caches.stream().mapToLong(DnsCacheStats::misses).sum(),
                    caches.get(caches.size() - 1).entries());
            Map<String, Object> cache = new LinkedHashMap<>();
            cache.put("hits", all.hits());
            cache.put("joinedInFlight", all.joined());
            cache.put("misses", all.misses());
            cache.put("hitRate", Stats.round(all.hitRate()));
            cache.put(
                    "what",
                    "over the measured windows; each window's server starts with an empty cache and "
                            + "fills it while its clients settle");
            out.put("dnsCache", cache);
        }
        return out;
    }

    private static DnsCacheStats difference(DnsCacheStats before, DnsCacheStats after) {
        return new DnsCacheStats(
                after.hits() - before.hits(),
                after.joined() - before.joined(),
                after.misses() - before.misses(),
                after.entries());
    }

    // The median over rounds of one server's rate divided by another's in the same round.
    private static double ratio(Map<String, List<Window>> windows, String server, String base) {
        return Stats.round((double) Stats.of(perRound(windows, server, base)).get("median"));
    }

    private static List<Double> perRound(Map<String, List<Window>> windows, String server, String base) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < windows.get(base).size(); i++) {
            ratios.add(Stats.round(windows.get(server).get(i).messagesPerSecond()
                    / windows.get(base).get(i).messagesPerSecond()));
        }
        return ratios;
    }

    private static double p99(Map<String, Object> out, String server) {
        return (double) ((Map<?, ?>) ((Map<?, ?>) out.get(server)).get("latency")).get("p99Ms");
    }

    // Bare SubEtha, with (watched) or without the engine's connection watcher on every connection.
    private static Server bare(Path maildir, int maxConnections, boolean watched) throws IOException {
        BareSubEthaServer server = BareSubEthaServer.start(maildir, maxConnections, watched);
        return new Server() {
            @Override
            public InetSocketAddress address() {
                return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
            }

            @Override
            public long storedCount() throws IOException {
                return server.storedCount();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }

    // engine-fixed as the product assembles it, but with a check that answers Pass at once: no PRA, no evaluation.
    private static Server instantCheck(ZipfDomains senders, Path maildir, int maxConnections) throws IOException {
        SenderIdCheck instantPass = request -> CompletableFuture.completedFuture(new SenderIdVerdict(
                SpfResult.PASS,
                request.scope(),
                "",
                "",
                "",
                "",
                "answered at once by the benchmark, no evaluation",
                List.of()));
        EmbeddedDnsServer dns = EmbeddedDnsServer.start(senders.zone());
        SenderIdEngine engine;
        try {
            engine = SenderIdEngine.builder(dns.address(), maildir)
                    .wrapCheck(realCheck -> instantPass)
                    .server(server -> server.maxConnections(maxConnections).verdictWaitBound(WaitBound.unbounded()))
                    .start(EngineKind.FIXED::start);
        } catch (IOException | RuntimeException e) {
            dns.close();
            throw e;
        }
        return new Server() {
            @Override
            public InetSocketAddress address() {
                return new InetSocketAddress(
                        InetAddress.getLoopbackAddress(), engine.server().port());
            }

            @Override
            public long storedCount() throws IOException {
                return engine.server().maildir().storedCount();
            }

            @Override
            public void close() {
                engine.close();
                dns.close();
            }
        };
    }

    // engine-fixed with (cache != null) or without a DNS cache, as the harnesses start it.
    private static Server engineFixed(ZipfDomains senders, Path maildir, int maxConnections, DnsCachePolicy cache)
            throws IOException {
        EngineRig.Options options = EngineRig.Options.harness()
                .withZone(senders.zone())
                .withMaildir(maildir)
                .withMaxConnections(maxConnections)
                .withVerdictWaitBound(WaitBound.unbounded());
        EngineRig rig = EngineRig.start(EngineKind.FIXED, options, cache);
        return new Server() {
            @Override
            public InetSocketAddress address() {
                return rig.smtpAddress();
            }

            @Override
            public long storedCount() throws IOException {
                return rig.server().maildir().storedCount();
            }

            @Override
            public Optional<DnsCacheStats> dnsCacheStats() {
                return rig.dnsCacheStats();
            }

            @Override
            public void close() {
                rig.close();
            }
        };
    }

    private static Window drive(
            InetSocketAddress server, ZipfDomains senders, int clients, int millis, Latencies latencies)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong accepted = new AtomicLong();
        AtomicLong other = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long jitBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long cpuBefore = PROCESS.getProcessCpuTime();
        Optional<ProcessCpu> userAndKernelBefore = ProcessCpu.now();
        long start = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            int id = i;
            Thread t = new Thread(
                    () -> client(id, server, senders, stop, latencies, accepted, other, errors), "bench-smtp-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        // The measurement window; the clients run meanwhile.
        Thread.sleep(millis);
        stop.set(true);
        Window window = new Window();
        window.seconds = (System.nanoTime() - start) / 1e9;
        window.jitMillis = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitBefore;
        window.cpuNanos = PROCESS.getProcessCpuTime() - cpuBefore;
        window.userAndKernel = ProcessCpu.now().flatMap(now -> userAndKernelBefore.map(now::since));
        window.messages250 = accepted.get();
        for (Thread t : threads) {
            t.join(15_000);
        }
        window.otherReplies = other.get();
        window.clientErrors = errors.get();
        return window;
    }

    private static void client(
            int id,
            InetSocketAddress server,
            ZipfDomains senders,
            AtomicBoolean stop,
            Latencies latencies,
            AtomicLong accepted,
            AtomicLong other,
            AtomicLong errors) {
        String message = message(id);
        Random random = new Random(id); // each client its own sequence of senders, the same for every server
        try (SmtpWire wire = SmtpWire.connect(server, Duration.ofSeconds(10))) {
            long n = 0;
            while (!stop.get()) {
                String sender = "alice@" + senders.draw(random);
                long start = System.nanoTime();
                wire.openTransaction("client" + id + ".example", sender, "rcpt@lab.example");
                wire.sendMessageAndDot(message.replace("@@FROM@@", sender).replace("@@ID@@", id + "." + n++));
                SmtpReply reply = wire.readReply();
                if (!stop.get()) {
                    latencies.record(System.nanoTime() - start);
                    if (reply.code() == 250) {
                        accepted.incrementAndGet();
                    } else {
                        other.incrementAndGet();
                    }
                }
            }
            wire.command("QUIT");
        } catch (IOException | RuntimeException e) {
            errors.incrementAndGet();
        }
    }

    private static String message(int id) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            body.append("line ")
                    .append(i)
                    .append(" of a benchmark message from client ")
                    .append(id)
                    .append("\r\n");
        }
        return "From: <@@FROM@@>\r\nTo: <rcpt@lab.example>\r\nMessage-ID: <@@ID@@@bench.example>"
                + "\r\nSubject: bench\r\n\r\n" + body;
    }
}
