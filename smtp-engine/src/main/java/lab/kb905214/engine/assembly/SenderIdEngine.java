package lab.kb905214.engine.assembly;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import lab.kb905214.engine.smtp.EngineConfig;
import lab.kb905214.engine.smtp.VirtualServer;
import lab.kb905214.senderid.check.SenderIdCheck;
import lab.kb905214.senderid.check.SenderIdChecker;
import lab.kb905214.senderid.dns.DnsCachePolicy;
import lab.kb905214.senderid.dns.DnsCacheStats;
import lab.kb905214.senderid.dns.DnsClient;
import lab.kb905214.senderid.spf.SpfEvaluator;

/**
 * A running engine with its Sender ID check wired the one way the product wires it: a dnsjava client asking one DNS
 * server, the SPF evaluator over that client, the Sender ID checker over the evaluator, and a virtual server around
 * the engine's coordinator. The harnesses, {@code lab serve} and a deployment all start their engine here and differ
 * only in the settings they state (a DNS cache, the verdict wait's bound, ports).
 */
public final class SenderIdEngine implements AutoCloseable {

    /** Starts one engine module's server around a configuration, e.g. {@code FixedEngine::start}. */
    @FunctionalInterface
    public interface Starter {
        /** Starts the server. */
        VirtualServer start(EngineConfig config) throws IOException;
    }

    private final DnsClient dnsClient;
    private final Duration longestCheck;
    private final VirtualServer server;

    private SenderIdEngine(DnsClient dnsClient, Duration longestCheck, VirtualServer server) {
        this.dnsClient = dnsClient;
        this.longestCheck = longestCheck;
        this.server = server;
    }

    /** A builder for an engine whose checks ask {@code dnsServer} and whose accepted messages go to {@code maildir}. */
    public static Builder builder(InetSocketAddress dnsServer, Path maildir) {
        return new Builder(dnsServer, maildir);
    }

    /** The virtual server. */
    public VirtualServer server() {
        return server;
    }

    /** The longest a check can take: its evaluation's bound, past which the verdict is a TempError. */
    public Duration longestCheck() {
        return longestCheck;
    }

    /** Whether the DNS client caches answers. */
    public boolean cachesDns() {
        return dnsClient.cacheStats().isPresent();
    }

    /** The DNS cache's counters (hits, shared queries, misses), or empty when the client has no cache. */
    public Optional<DnsCacheStats> dnsCacheStats() {
        return dnsClient.cacheStats();
    }

    /** Stops the server, abandoning it if it is hung after {@code limit}, then the DNS client; false if abandoned. */
    public boolean closeAbandoningIfHung(Duration limit) {
        try {
            return server.closeAbandoningIfHung(limit);
        } finally {
            dnsClient.close();
        }
    }

    /** Stops the server within its configured stop limit, then the DNS client. */
    @Override
    public void close() {
        closeAbandoningIfHung(server.config().stopLimit());
    }

    /** The settings of an engine to start; each has the default its method states. */
    public static final class Builder {
        private final InetSocketAddress dnsServer;
        private final Path maildir;
        private Duration dnsTimeout = Duration.ofSeconds(2);
        private DnsCachePolicy dnsCache;
        private SpfEvaluator.Options evaluation = SpfEvaluator.Options.defaults();
        private UnaryOperator<SenderIdCheck> checkWrapper = UnaryOperator.identity();
        private Consumer<EngineConfig.Builder> serverSettings = server -> {};

        private Builder(InetSocketAddress dnsServer, Path maildir) {
            this.dnsServer = Objects.requireNonNull(dnsServer, "dnsServer");
            this.maildir = Objects.requireNonNull(maildir, "maildir");
        }

        /** The DNS client's per-query timeout (default 2 s). */
        public Builder dnsTimeout(Duration timeout) {
            this.dnsTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Caches DNS answers under {@code policy}, as a deployed mail host does (null, the default: no cache, so every
         * query reaches the server, as a race harness needs: its DNS latency and faults are the experiment).
         */
        public Builder dnsCache(DnsCachePolicy policy) {
            this.dnsCache = policy;
            return this;
        }

        /** The evaluation's settings (default {@link SpfEvaluator.Options#defaults()}: a check bounded at 20 s). */
        public Builder evaluation(SpfEvaluator.Options options) {
            this.evaluation = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Wraps the Sender ID check, e.g. to inject a defect for a harness (default: the check as it is). */
        public Builder wrapCheck(UnaryOperator<SenderIdCheck> wrapper) {
            this.checkWrapper = Objects.requireNonNull(wrapper, "wrapper");
            return this;
        }

        /**
         * Settings of the virtual server beyond the check and the Maildir (port, connection limit, the verdict wait's
         * bound...); what it leaves alone keeps {@link EngineConfig}'s defaults.
         */
        public Builder server(Consumer<EngineConfig.Builder> settings) {
            this.serverSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Creates the DNS client and the check, and starts the server through {@code engine}. */
        public SenderIdEngine start(Starter engine) throws IOException {
            DnsClient client = dnsCache == null
                    ? DnsClient.create(dnsServer, dnsTimeout)
                    : DnsClient.create(dnsServer, dnsTimeout, dnsCache);
            try {
                SenderIdCheck check = checkWrapper.apply(new SenderIdChecker(new SpfEvaluator(client, evaluation)));
                EngineConfig.Builder config = EngineConfig.builder(maildir, check);
                serverSettings.accept(config);
                return new SenderIdEngine(client, evaluation.evaluationTimeout(), engine.start(config.build()));
            } catch (IOException | RuntimeException e) {
                client.close();
                throw e;
            }
        }
    }
}
