package lab.kb905214.stress.rig;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import lab.kb905214.engine.assembly.SenderIdEngine;
import lab.kb905214.engine.check.WaitBound;
import lab.kb905214.engine.smtp.VirtualServer;
import lab.kb905214.senderid.check.SenderIdCheck;
import lab.kb905214.senderid.dns.DnsCachePolicy;
import lab.kb905214.senderid.dns.DnsCacheStats;
import lab.kb905214.senderid.dns.server.EmbeddedDnsServer;
import lab.kb905214.senderid.dns.server.Zone;
import lab.kb905214.senderid.spf.SpfEvaluator;
import lab.kb905214.stress.files.MaildirFolder;

/**
 * One engine under test with everything real around it: the embedded DNS server on loopback serving the lab zone
 * (or an external DNS server, such as Unbound resolving from NSD), a fresh Maildir, and the engine itself as the
 * product assembles it ({@link SenderIdEngine}: the dnsjava client, the Sender ID checker, the virtual server).
 * Closing it stops the engine with a time limit and abandons it if it is hung (its deadlocked threads stay in the JVM,
 * which a harness throws away afterwards).
 */
public final class EngineRig implements AutoCloseable {
    /** The Sender ID evaluation's settings: RFC 7208's defaults, a check bounded at 20 s. */
    private static final SpfEvaluator.Options EVALUATOR_OPTIONS = SpfEvaluator.Options.defaults();

    private final EngineUnderTest kind;
    /** Null when the DNS client asks an external server. */
    private final EmbeddedDnsServer dns;

    private final ExternalDns externalDns;
    private final MaildirFolder maildir;
    private final SenderIdEngine engine;

    private EngineRig(
            EngineUnderTest kind,
            EmbeddedDnsServer dns,
            ExternalDns externalDns,
            MaildirFolder maildir,
            SenderIdEngine engine) {
        this.kind = kind;
        this.dns = dns;
        this.externalDns = externalDns;
        this.maildir = maildir;
        this.engine = engine;
    }

    /**
     * Settings of a rig.
     *
     * @param zone the zone the embedded DNS server serves
     * @param dnsTimeout the DNS client's per-query timeout
     * @param verdictWaitBound the fixed coordinator's bound on a session's wait (unbounded in the harnesses)
     * @param maxConnections the engine's connection limit
     * @param smtpPort the engine's loopback port (0: ephemeral)
     * @param dnsPort the embedded DNS server's loopback port, UDP and TCP (0: ephemeral)
     * @param maildir the Maildir to store into, kept when the rig closes (null: a temporary one, deleted on close)
     * @param externalDns the DNS server the client asks instead of the embedded one (null: the embedded one, which
     *     then serves {@code zone} at {@code dnsPort})
     * @param injectDefects whether checks of senders at {@link LabZone#DEFECT} fail as a defect would (a schedule's
     *     way to drive the error path)
     */
    public record Options(
            Zone zone,
            Duration dnsTimeout,
            WaitBound verdictWaitBound,
            int maxConnections,
            int smtpPort,
            int dnsPort,
            Path maildir,
            ExternalDns externalDns,
            boolean injectDefects) {
        /** The original four settings, with ephemeral ports, a temporary Maildir and the embedded DNS server. */
        public Options(Zone zone, Duration dnsTimeout, WaitBound verdictWaitBound, int maxConnections) {
            this(zone, dnsTimeout, verdictWaitBound, maxConnections, 0, 0, null, null, false);
        }

        /** The harness defaults: the lab zone, 2 s DNS timeout, unbounded waits, 64 connections. */
        public static Options harness() {
            return new Options(LabZone.load(), Duration.ofSeconds(2), WaitBound.unbounded(), 64);
        }

        /** The same options with another verdict wait bound. */
        public Options withVerdictWaitBound(WaitBound bound) {
            return new Options(
                    zone, dnsTimeout, bound, maxConnections, smtpPort, dnsPort, maildir, externalDns, injectDefects);
        }

        /** The same options with a deployment's bound: the evaluation's own timeout plus {@link WaitBound#MARGIN}. */
        public Options withDeploymentWaitBound() {
            return withVerdictWaitBound(WaitBound.afterEvaluation(EVALUATOR_OPTIONS.evaluationTimeout()));
        }

        /** The same options with another connection limit. */
        public Options withMaxConnections(int limit) {
            return new Options(
                    zone, dnsTimeout, verdictWaitBound, limit, smtpPort, dnsPort, maildir, externalDns, injectDefects);
        }

        /** The same options with another zone for the embedded DNS server. */
        public Options withZone(Zone newZone) {
            return new Options(
                    newZone,
                    dnsTimeout,
                    verdictWaitBound,
                    maxConnections,
                    smtpPort,
                    dnsPort,
                    maildir,
                    externalDns,
                    injectDefects);
        }

        /** The same options with the engine on another loopback port (0 = ephemeral). */
        public Options withSmtpPort(int port) {
            return new Options(
                    zone,
                    dnsTimeout,
                    verdictWaitBound,
                    maxConnections,
                    port,
                    dnsPort,
                    maildir,
                    externalDns,
                    injectDefects);
        }

        /** The same options with the embedded DNS server on another loopback port (0 = ephemeral). */
        public Options withDnsPort(int port) {
            return new Options(
                    zone,
                    dnsTimeout,
                    verdictWaitBound,
                    maxConnections,
                    smtpPort,
                    port,
                    maildir,
                    externalDns,
                    injectDefects);
        }

        /**
         * The same options storing into {@code dir}, which closing the rig leaves in place (null = a temporary one).
         */
        public Options withMaildir(Path dir) {
            return new Options(
                    zone,
                    dnsTimeout,
                    verdictWaitBound,
                    maxConnections,
                    smtpPort,
                    dnsPort,
                    dir,
                    externalDns,
                    injectDefects);
        }

        /** The same options with checks of senders at {@link LabZone#DEFECT} failing as a defect would. */
        public Options withInjectedDefects() {
            return new Options(
                    zone, dnsTimeout, verdictWaitBound, maxConnections, smtpPort, dnsPort, maildir, externalDns, true);
        }

        /** The same options with the DNS client asking {@code server} instead of the embedded one (null: embedded). */
        public Options withExternalDns(ExternalDns server) {
            return new Options(
                    zone,
                    dnsTimeout,
                    verdictWaitBound,
                    maxConnections,
                    smtpPort,
                    dnsPort,
                    maildir,
                    server,
                    injectDefects);
        }
    }

    /**
     * A DNS server outside the rig that the engine's DNS client asks.
     *
     * @param address where it listens (UDP, and TCP for truncated answers)
     * @param description what it is, for results files, e.g. "unbound 1.17.1 at 127.0.0.1:41234 -> NSD ..."
     */
    public record ExternalDns(InetSocketAddress address, String description) {}

    /**
     * Starts the embedded DNS server (unless {@code options} name an external one), then the engine of {@code kind}
     * on loopback, at the ports {@code options} name.
     */
    public static EngineRig start(EngineUnderTest kind, Options options) throws IOException {
        // No DNS cache in a harness: every check's queries reach the server, whose latency and faults are the
        // experiment.
        return start(kind, options, (DnsCachePolicy) null);
    }

    /**
     * As {@link #start(EngineUnderTest, Options)}, with the DNS client caching answers under {@code dnsCache} (null:
     * no cache), as a deployed server's would ({@code lab serve}, the SMTP benchmark).
     */
    public static EngineRig start(EngineUnderTest kind, Options options, DnsCachePolicy dnsCache) throws IOException {
        return start(kind, options, dnsCache, check -> check);
    }

    /**
     * As {@link #start(EngineUnderTest, Options)}, every check's verdict handed to the engine only once {@code held}
     * ends its evaluation (a replay that orders several sessions' completions).
     */
    public static EngineRig start(EngineUnderTest kind, Options options, HeldEvaluations held) throws IOException {
        return start(kind, options, null, held::around);
    }

    private static EngineRig start(
            EngineUnderTest kind, Options options, DnsCachePolicy dnsCache, UnaryOperator<SenderIdCheck> hold)
            throws IOException {
        // With an external server the embedded one is not started at all: nothing would ask it, so its faults API
        // would inject latency and drops into a server no query reaches, and a harness would believe it had.
        // dns() fails instead, so a harness that relies on faults finds out at once.
        EmbeddedDnsServer dns =
                options.externalDns() == null ? EmbeddedDnsServer.start(options.zone(), options.dnsPort()) : null;
        InetSocketAddress dnsAddress =
                dns != null ? dns.address() : options.externalDns().address();
        MaildirFolder maildir = null;
        try {
            maildir = MaildirFolder.givenOrTemporary(options.maildir());
            SenderIdEngine engine = SenderIdEngine.builder(dnsAddress, maildir.path())
                    .dnsTimeout(options.dnsTimeout())
                    .dnsCache(dnsCache)
                    .evaluation(EVALUATOR_OPTIONS)
                    .wrapCheck(check -> hold.apply(
                            options.injectDefects() ? new DefectInjectingCheck(check, LabZone.DEFECT) : check))
                    .server(server -> server.port(options.smtpPort())
                            .maxConnections(options.maxConnections())
                            .verdictWaitBound(options.verdictWaitBound()))
                    .start(kind::start);
            return new EngineRig(kind, dns, options.externalDns(), maildir, engine);
        } catch (IOException | RuntimeException e) {
            closeIfStarted(dns);
            if (maildir != null) {
                maildir.close();
            }
            throw e;
        }
    }

    /** The longest a check can take: its evaluation's bound, past which the verdict is a TempError. */
    public Duration longestCheck() {
        return engine.longestCheck();
    }

    /** The engine. */
    public VirtualServer server() {
        return engine.server();
    }

    /** Which engine this is. */
    public EngineUnderTest kind() {
        return kind;
    }

    /**
     * The coordinator's class and its superclasses (up to Object): a thread stuck inside any of them is stuck in the
     * coordinator, whichever class declared the method it waits in.
     */
    public List<String> coordinatorClasses() {
        List<String> names = new ArrayList<>();
        for (Class<?> c = engine.server().coordinator().getClass();
                c != null && c != Object.class;
                c = c.getSuperclass()) {
            names.add(c.getName());
        }
        return names;
    }

    /** The embedded DNS server; fails when the rig asks an external server instead (see {@link #externalDns()}). */
    public EmbeddedDnsServer dns() {
        if (dns == null) {
            throw new IllegalStateException("this rig asks the external DNS server " + externalDns.description()
                    + "; the embedded server, and with it fault injection, was not started");
        }
        return dns;
    }

    /** The external DNS server the engine asks, or empty when it asks the embedded one. */
    public Optional<ExternalDns> externalDns() {
        return Optional.ofNullable(externalDns);
    }

    /** What the engine's DNS client asks, for results files: the external server's description or the embedded one. */
    public String dnsDescription() {
        String server = externalDns != null
                ? externalDns.description()
                : "embedded server at " + dns.address().getHostString() + ":"
                        + dns.address().getPort();
        return server
                + (engine.cachesDns()
                        ? "; DNS cache on"
                        : "; DNS cache off (every query reaches the server: its latency and faults are part of the experiment)");
    }

    /** The DNS client's cache counters (hits, shared queries, misses), or empty when it has no cache. */
    public Optional<DnsCacheStats> dnsCacheStats() {
        return engine.dnsCacheStats();
    }

    /** Where SMTP clients connect. */
    public InetSocketAddress smtpAddress() {
        return new InetSocketAddress(
                engine.server().config().bindAddress(), engine.server().port());
    }

    /** Where accepted messages are stored (the Maildir's root). */
    public Path maildirPath() {
        return maildir.path();
    }

    /**
     * Stops everything; a hung engine is abandoned after a short limit. A temporary Maildir is deleted, one given
     * through {@link Options#withMaildir} is kept. Returns false if the engine was abandoned.
     */
    public boolean closeAbandoningIfHung(Duration limit) {
        boolean stopped = engine.closeAbandoningIfHung(limit);
        closeIfStarted(dns);
        maildir.close();
        return stopped;
    }

    @Override
    public void close() {
        closeAbandoningIfHung(Duration.ofSeconds(2));
    }

    private static void closeIfStarted(EmbeddedDnsServer dns) {
        if (dns != null) {
            dns.close();
        }
    }
}
