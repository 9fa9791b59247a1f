package lab.kb905214.bench.memory;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import lab.kb905214.senderid.check.Scope;
import lab.kb905214.senderid.check.SenderIdChecker;
import lab.kb905214.senderid.check.SenderIdRequest;
import lab.kb905214.senderid.check.SenderIdVerdict;
import lab.kb905214.senderid.dns.DnsClient;
import lab.kb905214.senderid.dns.server.EmbeddedDnsServer;
import lab.kb905214.senderid.dns.server.OpenSpfZoneData;
import lab.kb905214.senderid.spf.SpfEvaluator;
import lab.kb905214.stress.client.SmtpWire;
import lab.kb905214.stress.rig.EngineKind;
import lab.kb905214.stress.rig.EngineRig;

/**
 * Item 5, in a JVM of its own so nothing else is on the heap: heap used (after System.gc, MemoryMXBean) before and
 * after N idle SMTP connections to engine-fixed, and before and after N Sender ID checks left in flight. An
 * estimate: the heap also moves for reasons of its own; thread stacks are not heap and are not counted.
 * Prints one line {@code MEMPROBE {json}}. Usage: {@code MemoryProbe N}.
 */
public final class MemoryProbe {
    /** The prefix of the result line the parent looks for. */
    public static final String PREFIX = "MEMPROBE ";

    private MemoryProbe() {}

    /** Measures both and prints the result line. */
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("idleConnection", idleConnections(n));
        out.put("inFlightCheck", inFlightChecks(n));
        System.out.println(PREFIX + new ObjectMapper().writeValueAsString(out));
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    private static Map<String, Object> idleConnections(int n) throws Exception {
        EngineRig.Options options = EngineRig.Options.harness().withMaxConnections(n + 16);
        try (EngineRig rig = EngineRig.start(EngineKind.FIXED, options)) {
            // One connection first, so classes and pools the first one loads are not charged to the n.
            List<SmtpWire> wires = new ArrayList<>();
            wires.add(open(rig));
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            long before = heapUsedAfterGc();
            for (int i = 0; i < n; i++) {
                wires.add(open(rig));
            }
            long after = heapUsedAfterGc();
            int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
            for (SmtpWire w : wires) {
                w.close();
            }
            return figures(
                    n,
                    before,
                    after,
                    threadsAfter - threadsBefore,
                    "connections to engine-fixed that sent EHLO and got 250, then stay idle (session thread, read-ahead "
                            + "watcher, buffers); client sockets are in the same JVM and are counted too");
        }
    }

    private static SmtpWire open(EngineRig rig) throws Exception {
        SmtpWire wire = SmtpWire.connect(rig.smtpAddress(), Duration.ofSeconds(30));
        if (wire.command("EHLO memory.example").code() != 250) {
            throw new IllegalStateException("EHLO refused");
        }
        return wire;
    }

    private static Map<String, Object> inFlightChecks(int n) throws Exception {
        // A name that never answers: each check waits on its first query, held by the DNS client, nothing server-side.
        var zone = OpenSpfZoneData.fromYaml(Map.of("slow.example", List.of("TIMEOUT")));
        try (EmbeddedDnsServer server = EmbeddedDnsServer.start(zone);
                DnsClient dns = DnsClient.create(server.address(), Duration.ofSeconds(60))) {
            SenderIdChecker checker = new SenderIdChecker(
                    new SpfEvaluator(dns, new SpfEvaluator.Options("memory.example", Duration.ofSeconds(60))));
            InetAddress ip = InetAddress.getLoopbackAddress();
            List<CompletionStage<SenderIdVerdict>> pending = new ArrayList<>();
            pending.add(
                    checker.check(new SenderIdRequest(ip, "h.example", "warm@slow.example", List.of(), Scope.MFROM)));
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            long before = heapUsedAfterGc();
            for (int i = 0; i < n; i++) {
                pending.add(checker.check(
                        new SenderIdRequest(ip, "h.example", "u" + i + "@slow.example", List.of(), Scope.MFROM)));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (server.queriesReceived() < n + 1 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            long after = heapUsedAfterGc();
            int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
            long stillPending = pending.stream()
                    .filter(p -> !p.toCompletableFuture().isDone())
                    .count();
            Map<String, Object> out = figures(
                    n,
                    before,
                    after,
                    threadsAfter - threadsBefore,
                    "SenderIdChecker checks (mfrom) whose first DNS query is never answered, held in flight by the "
                            + "lab's DnsClient over dnsjava (query state, timeout timers, futures)");
            out.put("stillInFlightAtMeasure", stillPending - 1);
            out.put("queriesSeenByServer", server.queriesReceived());
            return out;
        }
    }

    private static Map<String, Object> figures(int n, long before, long after, int threads, String what) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("what", what);
        out.put("count", n);
        out.put("heapUsedBeforeBytes", before);
        out.put("heapUsedAfterBytes", after);
        out.put("bytesEach", (after - before) / n);
        out.put("kibEach", Math.round((after - before) / (double) n / 1024 * 10) / 10.0);
        out.put("threadsAdded", threads);
        return out;
    }

    // Several collections in a row: one may leave floating garbage a finalizer or reference queue frees later.
    private static long heapUsedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
