package lab.kb905214.bench.smtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import lab.kb905214.bench.run.BenchSettings;
import lab.kb905214.bench.run.Latencies;
import lab.kb905214.bench.run.Stats;
import lab.kb905214.engine.check.WaitBound;
import lab.kb905214.senderid.dns.DnsCachePolicy;
import lab.kb905214.senderid.dns.DnsCacheStats;
import lab.kb905214.stress.client.SmtpReply;
import lab.kb905214.stress.client.SmtpWire;
import lab.kb905214.stress.files.FolderTree;
import lab.kb905214.stress.rig.EngineKind;
import lab.kb905214.stress.rig.EngineRig;

/**
 * Item 3: messages per second and transaction latency, engine-fixed with Sender ID on vs a bare SubEtha server with
 * no filter; the same clients (one connection each, one transaction after another) and the same messages, whose
 * senders come from {@link #DOMAINS} domains drawn with Zipf's law. engine-fixed runs twice: with the DNS cache a
 * deployed server has (the target), and without it, as the race harnesses run it (for information).
 */
public final class SmtpThroughput {
    /** The target of issue 7: at least 85% of the unfiltered throughput. */
    public static final double TARGET_RATIO = 0.85;
    /** Sender domains, and the Zipf exponent they are drawn with. */
    static final int DOMAINS = 1000;
    static final double ZIPF_EXPONENT = 1.0;

    private SmtpThroughput() {}

    /** Runs the three servers, bare first, each with a warm-up. */
    public static Map<String, Object> run(BenchSettings settings) throws Exception {
        ZipfDomains senders = new ZipfDomains(DOMAINS, ZIPF_EXPONENT);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("what", settings.smtpClients() + " clients on loopback, each on its own connection sending EHLO, "
                + "MAIL FROM:<alice@D>, RCPT, DATA and a ~600-byte message with From: alice@D, one transaction after "
                + "another, D drawn per transaction from " + senders.count() + " domains with Zipf's law (exponent "
                + senders.exponent() + ", each client seeded), every domain's record passing 127.0.0.1 after four "
                + "queries (TXT, MX, the MX host's A, A; TTL 1 h); transaction latency = EHLO to the reply to the final "
                + "dot; engine-fixed = the lab engine (Sender ID PRA check over the embedded DNS server on UDP, no "
                + "added DNS latency, connection watcher) started by stress's EngineRig, once with the DNS cache of a "
                + "deployed server (DnsCachePolicy.defaults(): the target) and once without (every query sent, as "
                + "the race harnesses run); bare = SubEtha 7.2.2 with a handler that spools and delivers into the "
                + "same Maildir code, no filter");
        out.put("senderDomains", senders.count());
        out.put("zipfExponent", senders.exponent());
        Path bareDir = Files.createTempDirectory("bench-bare-maildir-");
        Map<String, Object> bare;
        try (BareSubEthaServer server = BareSubEthaServer.start(bareDir, settings.smtpClients() * 2 + 8)) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
            drive(address, senders, settings.smtpClients(), settings.smtpWarmupMillis());
            bare = drive(address, senders, settings.smtpClients(), settings.smtpMillis());
            bare.put("storedAtEnd", server.storedCount());
        } finally {
            FolderTree.deleteQuietly(bareDir);
        }
        Map<String, Object> cached = engineFixed(settings, senders, DnsCachePolicy.defaults());
        Map<String, Object> uncached = engineFixed(settings, senders, null);
        out.put("bareSubEtha", bare);
        out.put("engineFixedWithSenderId", cached);
        out.put("engineFixedWithSenderIdNoDnsCache", uncached);
        double ratio = messagesPerSecond(cached) / messagesPerSecond(bare);
        out.put("throughputRatio", Stats.round(ratio));
        out.put("throughputRatioNoDnsCache", Stats.round(messagesPerSecond(uncached) / messagesPerSecond(bare)));
        out.put("dnsCacheHitRate", ((Map<?, ?>) cached.get("dnsCache")).get("hitRate"));
        out.put("p99Ratio", Stats.round(p99(cached) / p99(bare)));
        out.put("targetThroughputRatio", TARGET_RATIO);
        out.put("meetsTarget", ratio >= TARGET_RATIO);
        return out;
    }

    // engine-fixed with (cache != null) or without a DNS cache; the cache's counters are those of the measured window.
    private static Map<String, Object> engineFixed(BenchSettings settings, ZipfDomains senders, DnsCachePolicy cache)
            throws Exception {
        EngineRig.Options options = EngineRig.Options.harness().withZone(senders.zone())
                .withMaxConnections(settings.smtpClients() * 2 + 8).withVerdictWaitBound(WaitBound.unbounded());
        try (EngineRig rig = EngineRig.start(EngineKind.FIXED, options, cache)) {
            drive(rig.smtpAddress(), senders, settings.smtpClients(), settings.smtpWarmupMillis());
            Optional<DnsCacheStats> before = rig.dnsCacheStats();
            Map<String, Object> run = drive(rig.smtpAddress(), senders, settings.smtpClients(), settings.smtpMillis());
            run.put("storedAtEnd", rig.server().maildir().storedCount());
            run.put("dns", rig.dnsDescription());
            before.ifPresent(b -> run.put("dnsCache", window(b, rig.dnsCacheStats().orElseThrow())));
            return run;
        }
    }

    private static Map<String, Object> window(DnsCacheStats before, DnsCacheStats after) {
        DnsCacheStats window = new DnsCacheStats(after.hits() - before.hits(), after.joined() - before.joined(),
                after.misses() - before.misses(), after.entries());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("hits", window.hits());
        out.put("joinedInFlight", window.joined());
        out.put("misses", window.misses());
        out.put("entriesAtEnd", window.entries());
        out.put("hitRate", Stats.round(window.hitRate()));
        out.put("hitRateSinceStart", Stats.round(after.hitRate()));
        return out;
    }

    private static double messagesPerSecond(Map<String, Object> run) {
        return ((Number) run.get("messagesPerSecond")).doubleValue();
    }

    private static double p99(Map<String, Object> run) {
        return (double) ((Map<?, ?>) run.get("latency")).get("p99Ms");
    }

    private static Map<String, Object> drive(InetSocketAddress server, ZipfDomains senders, int clients, int millis)
            throws InterruptedException {
        Latencies latencies = new Latencies(2_000_000);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong accepted = new AtomicLong();
        AtomicLong other = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            int id = i;
            Thread t = new Thread(() -> client(id, server, senders, stop, latencies, accepted, other, errors),
                    "bench-smtp-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        // The measurement window; the clients run meanwhile.
        Thread.sleep(millis);
        stop.set(true);
        double seconds = (System.nanoTime() - start) / 1e9;
        long done = accepted.get();
        for (Thread t : threads) {
            t.join(15_000);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clients", clients);
        out.put("seconds", Stats.round(seconds));
        out.put("messages250", done);
        out.put("messagesPerSecond", Math.round(done / seconds));
        out.put("otherReplies", other.get());
        out.put("clientErrors", errors.get());
        out.put("latency", latencies.summary());
        return out;
    }

    private static void client(int id, InetSocketAddress server, ZipfDomains senders, AtomicBoolean stop,
            Latencies latencies, AtomicLong accepted, AtomicLong other, AtomicLong errors) {
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
            body.append("line ").append(i).append(" of a benchmark message from client ").append(id).append("\r\n");
        }
        return "From: <@@FROM@@>\r\nTo: <rcpt@lab.example>\r\nMessage-ID: <@@ID@@@bench.example>"
                + "\r\nSubject: bench\r\n\r\n" + body;
    }
}
