package lab.kb905214.stress.rig;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import lab.kb905214.engine.smtp.EngineConfig;
import lab.kb905214.engine.smtp.VirtualServer;
import lab.kb905214.senderid.check.SenderIdChecker;
import lab.kb905214.senderid.dns.DnsClient;
import lab.kb905214.senderid.dns.server.EmbeddedDnsServer;
import lab.kb905214.senderid.dns.server.Zone;
import lab.kb905214.senderid.spf.SpfEvaluator;

/**
 * One engine under test with everything real around it: the embedded DNS server on loopback serving the lab zone,
 * the dnsjava client, the Sender ID checker, and a fresh Maildir. Closing it stops the engine with a time limit and
 * abandons it if it is hung (its deadlocked threads stay in the JVM, which a harness throws away afterwards).
 */
public final class EngineRig implements AutoCloseable {
    private final EngineKind kind;
    private final EmbeddedDnsServer dns;
    private final DnsClient dnsClient;
    private final Path maildir;
    private final VirtualServer server;

    private EngineRig(EngineKind kind, EmbeddedDnsServer dns, DnsClient dnsClient, Path maildir, VirtualServer server) {
        this.kind = kind;
        this.dns = dns;
        this.dnsClient = dnsClient;
        this.maildir = maildir;
        this.server = server;
    }

    /** Settings of a rig; {@code verdictWaitBound} null means unbounded (the harness setting). */
    public record Options(Zone zone, Duration dnsTimeout, Duration verdictWaitBound, int maxConnections) {
        /** The harness defaults: the lab zone, 2 s DNS timeout, unbounded waits, 64 connections. */
        public static Options harness() {
            return new Options(LabZone.load(), Duration.ofSeconds(2), null, 64);
        }

        /** The same options with another verdict wait bound (null = unbounded). */
        public Options withVerdictWaitBound(Duration bound) {
            return new Options(zone, dnsTimeout, bound, maxConnections);
        }

        /** The same options with another connection limit. */
        public Options withMaxConnections(int limit) {
            return new Options(zone, dnsTimeout, verdictWaitBound, limit);
        }
    }

    /** Starts the DNS server, then the engine of {@code kind} on an ephemeral loopback port. */
    public static EngineRig start(EngineKind kind, Options options) throws IOException {
        EmbeddedDnsServer dns = EmbeddedDnsServer.start(options.zone());
        DnsClient client = DnsClient.create(dns.address(), options.dnsTimeout());
        Path maildir = Files.createTempDirectory("lab-maildir-");
        try {
            SpfEvaluator evaluator = new SpfEvaluator(client, SpfEvaluator.Options.defaults());
            EngineConfig.Builder config = EngineConfig.builder(maildir, new SenderIdChecker(evaluator))
                    .maxConnections(options.maxConnections())
                    .verdictWaitBound(options.verdictWaitBound());
            return new EngineRig(kind, dns, client, maildir, kind.start(config.build()));
        } catch (IOException | RuntimeException e) {
            client.close();
            dns.close();
            throw e;
        }
    }

    /** The engine. */
    public VirtualServer server() {
        return server;
    }

    /** Which engine this is. */
    public EngineKind kind() {
        return kind;
    }

    /** The embedded DNS server. */
    public EmbeddedDnsServer dns() {
        return dns;
    }

    /** Where SMTP clients connect. */
    public InetSocketAddress smtpAddress() {
        return new InetSocketAddress(server.config().bindAddress(), server.port());
    }

    /** Stops everything; a hung engine is abandoned after a short limit. Returns false if it was abandoned. */
    public boolean closeAbandoningIfHung(Duration limit) {
        boolean stopped = server.closeAbandoningIfHung(limit);
        dnsClient.close();
        dns.close();
        deleteQuietly(maildir);
        return stopped;
    }

    @Override
    public void close() {
        closeAbandoningIfHung(Duration.ofSeconds(2));
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp folder is harmless
        }
    }
}
