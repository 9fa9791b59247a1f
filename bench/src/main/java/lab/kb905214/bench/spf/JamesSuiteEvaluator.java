package lab.kb905214.bench.spf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lab.kb905214.senderid.spf.SpfResult;
import org.apache.james.jspf.executor.SynchronousSPFExecutor;
import org.apache.james.jspf.impl.DNSServiceXBillImpl;
import org.apache.james.jspf.impl.SPF;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Lookup;

/**
 * Apache James jSPF 1.0.5 over the suite: its synchronous executor and its dnsjava DNS service (DNSServiceXBillImpl)
 * over a {@link ZoneResolver} per scenario. One instance belongs to one thread: jSPF's {@code SPF} object is not
 * safe to share (a shared one gives wrong results), so every benchmark thread builds its own.
 */
public final class JamesSuiteEvaluator implements SuiteEvaluator {
    private final List<SPF> perScenario = new ArrayList<>();

    /** Builds one jSPF {@code SPF} per scenario of {@code suite}, for the calling thread's use only. */
    public JamesSuiteEvaluator(OpenSpfSuite suite) {
        disableLookupCache();
        for (int i = 0; i < suite.scenarioCount(); i++) {
            DNSServiceXBillImpl dns = new DNSServiceXBillImpl(new ZoneResolver(suite.zone(i)));
            perScenario.add(new SPF(dns, new SynchronousSPFExecutor(dns)));
        }
    }

    /**
     * jSPF's lookups go through dnsjava's {@code Lookup}, whose default cache is one per JVM: it would serve one
     * scenario's answers to another (the scenarios reuse names) and let jSPF skip the resolver the lab's client
     * always asks. An empty cache and no search path make both evaluators ask the same zone for every query.
     */
    static synchronized void disableLookupCache() {
        Cache none = new Cache(DClass.IN);
        none.setMaxEntries(0);
        Lookup.setDefaultCache(none, DClass.IN);
        Lookup.setDefaultSearchPath(List.of());
    }

    @Override
    public SpfResult evaluate(SuiteCase c) {
        String result = perScenario
                .get(c.scenario())
                .checkSPF(c.host(), c.mailFrom(), c.helo())
                .getResult();
        return keyword(result);
    }

    /** jSPF's result words; "error" and "unknown" are RFC 4408's names for temperror and permerror. */
    static SpfResult keyword(String result) {
        return switch (result.trim().toLowerCase(Locale.ROOT)) {
            case "error" -> SpfResult.TEMPERROR;
            case "unknown" -> SpfResult.PERMERROR;
            default -> SpfResult.ofKeyword(result);
        };
    }

    @Override
    public void close() {
        // jSPF's synchronous executor owns no threads.
    }
}
