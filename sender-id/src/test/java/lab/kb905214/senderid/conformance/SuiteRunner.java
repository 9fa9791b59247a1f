package lab.kb905214.senderid.conformance;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import lab.kb905214.senderid.dns.DnsClient;
import lab.kb905214.senderid.dns.server.EmbeddedDnsServer;
import lab.kb905214.senderid.dns.server.OpenSpfZoneData;
import lab.kb905214.senderid.dns.server.Zone;
import lab.kb905214.senderid.spf.IpLiteral;
import lab.kb905214.senderid.spf.RecordSelector;
import lab.kb905214.senderid.spf.SpfEvaluator;
import lab.kb905214.senderid.spf.SpfOutcome;

/**
 * Runs one scenario's cases through the real stack: the embedded DNS server serving the scenario's zone on
 * loopback, dnsjava over UDP/TCP, and one shared {@link SpfEvaluator}.
 */
final class SuiteRunner implements AutoCloseable {
    /** Short, because the suite has names that never answer; well above loopback round trips. */
    static final Duration QUERY_TIMEOUT = Duration.ofMillis(400);

    private final EmbeddedDnsServer server;
    private final DnsClient dns;
    private final SpfEvaluator evaluator;

    SuiteRunner(OpenSpfSuite.Scenario scenario) throws IOException {
        this(OpenSpfZoneData.fromYaml(scenario.zonedata()));
    }

    /** A runner over any zone, e.g. one a test builds for cases the public suites lack. */
    SuiteRunner(Zone zone) throws IOException {
        this.server = EmbeddedDnsServer.start(zone);
        this.dns = DnsClient.create(server.address(), QUERY_TIMEOUT);
        this.evaluator = new SpfEvaluator(dns, SpfEvaluator.Options.defaults());
    }

    /** The evaluator every case of this runner shares (thread-safe, so tests may share it between threads). */
    SpfEvaluator evaluator() {
        return evaluator;
    }

    /** Evaluates one case as RFC 7208 §2.4 says: MAIL FROM, or postmaster@HELO when MAIL FROM is empty. */
    SpfOutcome run(OpenSpfSuite.Case c, RecordSelector selector) throws Exception {
        return run(evaluator, c, selector);
    }

    /** Evaluates one case with any evaluator (e.g. one whose DNS client asks a real server), as {@link #run} does. */
    static SpfOutcome run(SpfEvaluator evaluator, OpenSpfSuite.Case c, RecordSelector selector) throws Exception {
        InetAddress ip = IpLiteral.any(c.host()).orElseThrow(() -> new IllegalArgumentException("host " + c.host()));
        String sender = c.mailfrom().isEmpty() ? "postmaster@" + c.helo() : c.mailfrom();
        String domain = sender.substring(sender.lastIndexOf('@') + 1);
        return evaluator.checkHost(ip, domain, sender, c.helo(), selector).get(30, TimeUnit.SECONDS);
    }

    long queriesAnswered() {
        return server.queriesAnswered();
    }

    @Override
    public void close() {
        dns.close();
        server.close();
    }
}
