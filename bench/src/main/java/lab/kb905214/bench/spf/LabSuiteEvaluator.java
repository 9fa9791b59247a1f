package lab.kb905214.bench.spf;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import lab.kb905214.senderid.dns.DnsClient;
import lab.kb905214.senderid.spf.IpLiteral;
import lab.kb905214.senderid.spf.RecordSelector;
import lab.kb905214.senderid.spf.SpfEvaluator;
import lab.kb905214.senderid.spf.SpfResult;

/**
 * This project's evaluator over the suite: one {@link DnsClient} (over a {@link ZoneResolver}) and one
 * {@link SpfEvaluator} per scenario, shared by every benchmark thread, as the engine shares one per virtual server.
 */
public final class LabSuiteEvaluator implements SuiteEvaluator {
    /** The DnsClient's per-query bound; never reached, the zone answers (or fails a TIMEOUT name) at once. */
    private static final Duration QUERY_TIMEOUT = Duration.ofMillis(400);

    private final List<DnsClient> clients = new ArrayList<>();
    private final List<SpfEvaluator> evaluators = new ArrayList<>();
    // The engine gets the client's address from its socket, already an InetAddress; parsing the suite's text form on
    // every evaluation (a regex) would be the harness's cost, not the evaluator's. jSPF's API takes the text itself.
    private final Map<String, InetAddress> addresses = new ConcurrentHashMap<>();

    /** Builds one client and evaluator per scenario of {@code suite}. */
    public LabSuiteEvaluator(OpenSpfSuite suite) {
        for (int i = 0; i < suite.scenarioCount(); i++) {
            DnsClient client = DnsClient.create(new ZoneResolver(suite.zone(i)), QUERY_TIMEOUT);
            clients.add(client);
            evaluators.add(new SpfEvaluator(client, SpfEvaluator.Options.defaults()));
        }
    }

    @Override
    public SpfResult evaluate(SuiteCase c) {
        InetAddress ip = addresses.computeIfAbsent(
                c.host(), host -> IpLiteral.any(host).orElseThrow(() -> new IllegalArgumentException("host " + host)));
        try {
            return evaluators
                    .get(c.scenario())
                    .checkHost(ip, c.domain(), c.sender(), c.helo(), RecordSelector.SPF)
                    .get(30, TimeUnit.SECONDS)
                    .result();
        } catch (Exception e) {
            throw new IllegalStateException(c.name() + ": " + e, e);
        }
    }

    @Override
    public void close() {
        clients.forEach(DnsClient::close);
    }
}
