package lab.kb905214.senderid.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import lab.kb905214.senderid.dns.DnsClient;
import lab.kb905214.senderid.dns.server.MasterFileWriter;
import lab.kb905214.senderid.dns.server.OpenSpfZoneData;
import lab.kb905214.senderid.dns.server.RequiredTool;
import lab.kb905214.senderid.dns.server.Zone;
import lab.kb905214.senderid.dns.server.process.NsdProcess;
import lab.kb905214.senderid.spf.RecordSelector;
import lab.kb905214.senderid.spf.SpfEvaluator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The OpenSPF RFC 7208 suite against NSD, a real authoritative server: each scenario's zone data is written as a
 * master file of the root zone ({@link MasterFileWriter}), served by an NSD process of its own on 127.0.0.1, and
 * every case runs through the lab's evaluator and DNS client asking that NSD. Writes
 * {@code target/conformance/rfc7208-nsd.json} in the shape of {@code rfc7208.json}.
 *
 * <p>One NSD per scenario, because every scenario is a whole DNS of its own (the root zone) and they disagree:
 * example.com holds different records in almost every one. A case is not applicable only when it asked NSD for a
 * name and type the suite's zone makes time out (NSD always answers) or whose record NSD refuses to load; every
 * other case must give the suite's result.
 */
class Rfc7208NsdSuiteTest {
    private static final OpenSpfSuite SUITE = OpenSpfSuite.load("/openspf/rfc7208-tests.yml");
    private static final SuiteReport REPORT = new SuiteReport(SUITE);
    private static final Duration NSD_READY_WITHIN = Duration.ofSeconds(10);

    @TempDir
    static Path work;

    private static Path nsd;
    private static Path nsdCheckzone;
    private static String nsdVersion;

    /** The scenario NSD serves now; a case of the next scenario stops it and starts the next. */
    private static ServedScenario served;

    private static int scenariosServed;
    private static long dnsReplies;
    private static Duration nsdStartup = Duration.ZERO;
    private static final List<Map<String, Object>> REFUSED = new ArrayList<>();

    @BeforeAll
    static void requireNsd() throws Exception {
        nsd = RequiredTool.find("nsd", "nsd");
        nsdCheckzone = RequiredTool.find("nsd-checkzone", "nsd");
        nsdVersion = NsdProcess.version(nsd);
    }

    @TestFactory
    Stream<DynamicNode> rfc7208SuiteOverNsd() {
        return SUITE.scenarios().stream()
                .map(scenario -> DynamicContainer.dynamicContainer(
                        scenario.description(),
                        scenario.cases().stream()
                                .map(c -> DynamicTest.dynamicTest(c.displayName(), () -> runCase(scenario, c)))));
    }

    private static void runCase(OpenSpfSuite.Scenario scenario, OpenSpfSuite.Case c) throws Exception {
        ServedScenario server = serve(scenario);
        int mark = server.resolver.questionCount();
        Object outcome;
        try {
            outcome = SuiteRunner.run(server.evaluator, c, RecordSelector.SPF);
        } catch (Exception e) {
            outcome = e;
        }
        Optional<String> unservable = server.unservable(server.resolver.questionsSince(mark));
        if (unservable.isPresent()) {
            REPORT.notApplicable(c, unservable.get(), outcome);
            Assumptions.abort("not applicable over NSD: " + unservable.get());
        }
        String problem = REPORT.judge(c, outcome);
        assertThat(problem)
                .as("%s (spec %s), over NSD", c.displayName(), c.spec())
                .isNull();
    }

    private static ServedScenario serve(OpenSpfSuite.Scenario scenario) throws Exception {
        if (served != null && served.scenario.equals(scenario)) {
            return served;
        }
        stopServed();
        scenariosServed++;
        served = new ServedScenario(scenario, work.resolve("scenario-" + scenariosServed));
        nsdStartup = nsdStartup.plus(served.nsd.startup());
        return served;
    }

    private static void stopServed() {
        if (served != null) {
            ServedScenario stopping = served;
            served = null; // even if stopping fails, the next scenario gets an NSD of its own
            dnsReplies += stopping.resolver.replies();
            stopping.close();
        }
    }

    @AfterAll
    static void writeReport() throws Exception {
        stopServed();
        if (nsdVersion == null) {
            return; // NSD is missing and the tests were skipped: there is nothing to report
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("server", nsdVersion + ", one process per scenario on 127.0.0.1 (" + scenariosServed + " in all)");
        extra.put("nsdStartupSeconds", nsdStartup.toNanos() / 1e9);
        extra.put("refusedRecords", REFUSED);
        REPORT.write("rfc7208-nsd.json", dnsReplies, extra);
    }

    /** One scenario served by its own NSD, and the evaluator that asks it. */
    private static final class ServedScenario implements AutoCloseable {
        final OpenSpfSuite.Scenario scenario;
        final Zone zone;
        final Map<RecordKey, String> refused = new LinkedHashMap<>();
        final NsdProcess nsd;
        final RecordingResolver resolver;
        final DnsClient dns;
        final SpfEvaluator evaluator;

        ServedScenario(OpenSpfSuite.Scenario scenario, Path directory) throws Exception {
            this.scenario = scenario;
            this.zone = OpenSpfZoneData.fromYaml(scenario.zonedata());
            Files.createDirectories(directory);
            Path zoneFile = directory.resolve("root.zone");
            Files.writeString(zoneFile, MasterFileWriter.ofOpenSpf(scenario.zonedata()), StandardCharsets.US_ASCII);
            for (NsdProcess.RefusedLine line : NsdProcess.dropRefusedLines(nsdCheckzone, Name.root, zoneFile)) {
                refused.put(RecordKey.of(line.line()), line.nsdError());
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("scenario", scenario.description());
                entry.put("record", line.line());
                entry.put("nsdError", line.nsdError());
                REFUSED.add(entry);
            }
            this.nsd =
                    NsdProcess.start(Rfc7208NsdSuiteTest.nsd, directory, Map.of(Name.root, zoneFile), NSD_READY_WITHIN);
            this.resolver = new RecordingResolver(new SimpleResolver(nsd.address()));
            this.dns = DnsClient.create(resolver, SuiteRunner.QUERY_TIMEOUT);
            this.evaluator = new SpfEvaluator(dns, SpfEvaluator.Options.defaults());
        }

        /** Why NSD cannot answer these questions as the suite means, or empty when it can. */
        Optional<String> unservable(List<RecordingResolver.Question> questions) {
            for (RecordingResolver.Question q : questions) {
                String asked = Type.string(q.type()) + " " + q.name();
                if (zone.timesOut(q.name(), q.type())) {
                    return Optional.of("asked for " + asked + ", which the suite's zone makes time out (TIMEOUT);"
                            + " NSD answers every query");
                }
                String nsdError = refused.get(new RecordKey(q.name(), q.type()));
                if (nsdError != null) {
                    return Optional.of("asked for " + asked + ", a record NSD refuses to load: " + nsdError);
                }
            }
            return Optional.empty();
        }

        @Override
        public void close() {
            dns.close();
            nsd.close();
        }
    }

    /**
     * An owner name and type, as a master-file line names them ({@code owner TAB ttl TAB class TAB type TAB rdata}).
     */
    private record RecordKey(Name name, int type) {
        static RecordKey of(String masterFileLine) throws TextParseException {
            String[] fields = masterFileLine.split("\t", -1);
            if (fields.length < 5) {
                throw new IllegalArgumentException("not a line MasterFileWriter writes: " + masterFileLine);
            }
            return new RecordKey(Name.fromString(fields[0]), Type.value(fields[3]));
        }
    }
}
