package lab.kb905214.bench.smtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import lab.kb905214.bench.run.BenchSettings;
import lab.kb905214.bench.run.Latencies;
import lab.kb905214.bench.run.Stats;
import lab.kb905214.stress.client.SmtpReply;
import lab.kb905214.stress.client.SmtpWire;
import lab.kb905214.stress.rig.EngineKind;
import lab.kb905214.stress.rig.EngineRig;
import lab.kb905214.stress.rig.LabZone;

/**
 * Item 3: messages per second and transaction latency, engine-fixed with Sender ID on vs a bare SubEtha server with
 * no filter; the same clients (one connection each, one transaction after another) and the same messages.
 */
public final class SmtpThroughput {
    /** The target of issue 7: at least 85% of the unfiltered throughput. */
    public static final double TARGET_RATIO = 0.85;

    private SmtpThroughput() {}

    /** Runs both servers, bare first, each with a warm-up. */
    public static Map<String, Object> run(BenchSettings settings) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("what", settings.smtpClients() + " clients on loopback, each on its own connection sending EHLO, "
                + "MAIL FROM:<alice@" + LabZone.PASS + ">, RCPT, DATA and a ~600-byte message with From: alice@"
                + LabZone.PASS + ", one transaction after another; transaction latency = EHLO to the reply to the final "
                + "dot; engine-fixed = the lab engine (Sender ID PRA check over the embedded DNS server on UDP, no "
                + "added DNS latency, connection watcher) started by stress's EngineRig; bare = SubEtha 7.2.2 with a "
                + "handler that spools and delivers into the same Maildir code, no filter");
        Path bareDir = Files.createTempDirectory("bench-bare-maildir-");
        Map<String, Object> bare;
        try (BareSubEthaServer server = BareSubEthaServer.start(bareDir, settings.smtpClients() * 2 + 8)) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
            drive(address, settings.smtpClients(), settings.smtpWarmupMillis());
            bare = drive(address, settings.smtpClients(), settings.smtpMillis());
            bare.put("storedAtEnd", server.storedCount());
        } finally {
            deleteQuietly(bareDir);
        }
        Map<String, Object> fixed;
        EngineRig.Options options = EngineRig.Options.harness().withMaxConnections(settings.smtpClients() * 2 + 8)
                .withVerdictWaitBound(null);
        try (EngineRig rig = EngineRig.start(EngineKind.FIXED, options)) {
            drive(rig.smtpAddress(), settings.smtpClients(), settings.smtpWarmupMillis());
            fixed = drive(rig.smtpAddress(), settings.smtpClients(), settings.smtpMillis());
            fixed.put("storedAtEnd", rig.server().maildir().storedCount());
        }
        out.put("bareSubEtha", bare);
        out.put("engineFixedWithSenderId", fixed);
        double ratio = ((Number) fixed.get("messagesPerSecond")).doubleValue()
                / ((Number) bare.get("messagesPerSecond")).doubleValue();
        out.put("throughputRatio", Stats.round(ratio));
        out.put("p99Ratio", Stats.round(p99(fixed) / p99(bare)));
        out.put("targetThroughputRatio", TARGET_RATIO);
        out.put("meetsTarget", ratio >= TARGET_RATIO);
        return out;
    }

    private static double p99(Map<String, Object> run) {
        return (double) ((Map<?, ?>) run.get("latency")).get("p99Ms");
    }

    private static Map<String, Object> drive(InetSocketAddress server, int clients, int millis)
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
            Thread t = new Thread(() -> client(id, server, stop, latencies, accepted, other, errors), "bench-smtp-" + i);
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

    private static void client(int id, InetSocketAddress server, AtomicBoolean stop, Latencies latencies,
            AtomicLong accepted, AtomicLong other, AtomicLong errors) {
        String message = message(id);
        try (SmtpWire wire = SmtpWire.connect(server, Duration.ofSeconds(10))) {
            long n = 0;
            while (!stop.get()) {
                long start = System.nanoTime();
                wire.openTransaction("client" + id + ".example", "alice@" + LabZone.PASS, "rcpt@lab.example");
                wire.sendMessageAndDot(message.replace("@@ID@@", id + "." + n++));
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
        return "From: <alice@" + LabZone.PASS + ">\r\nTo: <rcpt@lab.example>\r\nMessage-ID: <@@ID@@@bench.example>"
                + "\r\nSubject: bench\r\n\r\n" + body;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp folder is harmless
        }
    }
}
