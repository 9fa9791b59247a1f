package lab.kb905214.senderid.spf;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lab.kb905214.senderid.dns.DnsClient;
import lab.kb905214.senderid.dns.server.EmbeddedDnsServer;
import lab.kb905214.senderid.dns.server.OpenSpfZoneData;
import lab.kb905214.senderid.dns.server.Zone;

/**
 * The real stack for one test: an embedded DNS server on loopback serving a small zone, a DnsClient over UDP/TCP,
 * and an SpfEvaluator. Every wait is bounded.
 */
final class LoopbackEvaluator implements AutoCloseable {
    /** Per DNS query; short because some tests wait for names that never answer, far above loopback round trips. */
    static final Duration QUERY_TIMEOUT = Duration.ofMillis(400);
    /** The longest a test waits for one check: well past the evaluator's own 20 s bound. */
    static final long CHECK_BOUND_SECONDS = 30;

    private final EmbeddedDnsServer server;
    private final DnsClient dns;
    private final SpfEvaluator evaluator;

    /** Starts the server for {@code zone} and a client and evaluator over it. */
    LoopbackEvaluator(Zone zone) throws IOException {
        this.server = EmbeddedDnsServer.start(zone);
        this.dns = DnsClient.create(server.address(), QUERY_TIMEOUT);
        this.evaluator = new SpfEvaluator(dns, SpfEvaluator.Options.defaults());
    }

    /** Starts building a zone in the OpenSPF zonedata form (TXT text is split into 255-byte strings). */
    static ZoneText zone() {
        return new ZoneText();
    }

    /** The server, for fault injection and its counters. */
    EmbeddedDnsServer server() {
        return server;
    }

    /** check_host() for {@code sender}'s domain from {@code clientIp}, RFC 7208 selection; waits a bounded time. */
    SpfOutcome check(String clientIp, String sender) throws Exception {
        return start(clientIp, sender).get(CHECK_BOUND_SECONDS, TimeUnit.SECONDS);
    }

    /** Starts check_host() without waiting. */
    CompletableFuture<SpfOutcome> start(String clientIp, String sender) {
        InetAddress ip = IpLiteral.any(clientIp).orElseThrow(() -> new IllegalArgumentException(clientIp));
        String domain = sender.substring(sender.lastIndexOf('@') + 1);
        return evaluator.checkHost(ip, domain, sender, "helo.example", RecordSelector.SPF);
    }

    @Override
    public void close() {
        dns.close();
        server.close();
    }

    /** Counts the queries of an outcome of one type, e.g. "A" or "TXT". */
    static long queriesOfType(SpfOutcome outcome, String type) {
        return outcome.dnsQueries().stream()
                .filter(q -> q.startsWith(type + " "))
                .count();
    }

    /** A zone in the OpenSPF YAML zonedata form, built in code. */
    static final class ZoneText {
        private final Map<String, List<Object>> hosts = new LinkedHashMap<>();

        /** Adds a TXT record; text longer than 255 bytes is split into several character-strings. */
        ZoneText txt(String host, String text) {
            return entry(host, Map.of("TXT", text));
        }

        ZoneText a(String host, String address) {
            return entry(host, Map.of("A", address));
        }

        ZoneText cname(String host, String target) {
            return entry(host, Map.of("CNAME", target));
        }

        ZoneText mx(String host, int preference, String target) {
            return entry(host, Map.of("MX", List.of(preference, target)));
        }

        ZoneText ptr(String host, String target) {
            return entry(host, Map.of("PTR", target));
        }

        /** The name times out for every type not added before this call (the suite's bare TIMEOUT entry). */
        ZoneText timeout(String host) {
            return entry(host, "TIMEOUT");
        }

        /** The zone, served as the OpenSPF reference driver serves zonedata. */
        Zone build() {
            return OpenSpfZoneData.fromYaml(hosts);
        }

        /** Builds the zone and starts a server, client and evaluator over it. */
        LoopbackEvaluator start() throws IOException {
            return new LoopbackEvaluator(build());
        }

        private ZoneText entry(String host, Object entry) {
            hosts.computeIfAbsent(host, h -> new ArrayList<>()).add(entry);
            return this;
        }
    }
}
