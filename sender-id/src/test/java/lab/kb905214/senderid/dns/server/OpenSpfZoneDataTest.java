package lab.kb905214.senderid.dns.server;

import static lab.kb905214.senderid.dns.server.Dns.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

class OpenSpfZoneDataTest {
    private static final String SUITE = "/openspf/rfc7208-tests.yml";
    private static final List<Map<String, Object>> scenarios = new ArrayList<>();

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readSuite() throws Exception {
        try (InputStream in = OpenSpfZoneDataTest.class.getResourceAsStream(SUITE)) {
            for (Object doc : new Load(LoadSettings.builder().build()).loadAllFromInputStream(in)) {
                scenarios.add((Map<String, Object>) doc);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Zone scenario(String description) {
        return scenarios.stream()
                .filter(s -> description.equals(s.get("description")))
                .map(s -> OpenSpfZoneData.fromYaml((Map<String, Object>) s.get("zonedata")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no scenario " + description));
    }

    private static List<String> texts(Zone zone, String host, int type) {
        List<String> texts = new ArrayList<>();
        for (Record record : zone.records(name(host), type)) {
            texts.add(Dns.joined(record));
        }
        return texts;
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyScenarioOfTheSuiteLoads() {
        assertThat(scenarios).hasSize(16);
        int hosts = 0;
        int records = 0;
        for (Map<String, Object> scenario : scenarios) {
            Map<String, Object> zonedata = (Map<String, Object>) scenario.get("zonedata");
            Zone zone = OpenSpfZoneData.fromYaml(zonedata);
            for (String host : zonedata.keySet()) {
                assertThat(zone.hasName(name(host))).as(host).isTrue();
            }
            hosts += zonedata.size();
            records += zone.size();
        }
        assertThat(hosts).isEqualTo(256); // as counted in openspf/SOURCE.md
        assertThat(records).isGreaterThan(256);
    }

    @Test
    void spfEntriesAreAlsoServedAsTxtUnlessTheNameHasTxtOfItsOwn() {
        Zone zone = scenario("Record lookup");

        assertThat(texts(zone, "txtonly.example.net", Type.TXT)).containsExactly("v=spf1 -all");
        assertThat(texts(zone, "txtonly.example.net", Type.SPF)).isEmpty();
        // "TXT: NONE" adds no record but still stops the TXT copy of the SPF entry
        assertThat(texts(zone, "spfonly.example.net", Type.SPF)).containsExactly("v=spf1 -all");
        assertThat(texts(zone, "spfonly.example.net", Type.TXT)).isEmpty();

        Zone selecting = scenario("Selecting records");
        assertThat(texts(selecting, "example5.com", Type.SPF)).containsExactly("v=spf1 +all");
        assertThat(texts(selecting, "example5.com", Type.TXT)).containsExactly("v=spf1 -all", "v=spf1 +all");
        assertThat(texts(scenario("Record evaluation"), "t1.example.com", Type.TXT))
                .containsExactly("v=spf1 ip4:1.2.3.4 -all moo");
    }

    @Test
    void timeoutAnswersOnlyTheTypesListedBeforeIt() {
        Zone zone = scenario("Record lookup");

        assertThat(zone.timesOut(name("spftimeout.example.net"), Type.TXT)).isFalse();
        assertThat(zone.timesOut(name("spftimeout.example.net"), Type.SPF)).isTrue();
        // [SPF, TXT: NONE, TIMEOUT]: SPF answers, TXT (a NONE entry) times out, as txttimeout expects temperror
        assertThat(zone.timesOut(name("txttimeout.example.net"), Type.SPF)).isFalse();
        assertThat(zone.timesOut(name("txttimeout.example.net"), Type.TXT)).isTrue();
        assertThat(zone.timesOut(name("nospftxttimeout.example.net"), Type.TXT)).isTrue();
        assertThat(zone.timesOut(name("alltimeout.example.net"), Type.TXT)).isTrue();
        assertThat(zone.timesOut(name("alltimeout.example.net"), Type.A)).isTrue();
        assertThat(zone.timesOut(name("both.example.net"), Type.TXT)).isFalse();
    }

    @Test
    void spfBeforeTimeoutAnswersBothSpfAndItsTxtCopy() {
        Zone zone = OpenSpfZoneData.fromYaml(Map.of("half.example", List.of(Map.of("SPF", "v=spf1 -all"), "TIMEOUT")));

        assertThat(zone.timesOut(name("half.example"), Type.SPF)).isFalse();
        assertThat(zone.timesOut(name("half.example"), Type.TXT)).isFalse();
        assertThat(zone.timesOut(name("half.example"), Type.A)).isTrue();
        assertThat(texts(zone, "half.example", Type.TXT)).containsExactly("v=spf1 -all");
    }

    @Test
    void escapedCharsBecomeSingleBytes() {
        Zone zone = scenario("Initial processing");

        assertThat(zone.records(name("hosed.example.com"), Type.TXT))
                .singleElement()
                .satisfies(r -> assertThat(Dns.strings(r).get(0))
                        .startsWith("v=spf1 a:".getBytes(StandardCharsets.US_ASCII))
                        .contains((byte) 0xEF, (byte) 0xBB, (byte) 0xBF)
                        .hasSize("v=spf1 a:garbage.example.net -all".length() + 3));
        assertThat(texts(zone, "hosed2.example.com", Type.TXT)).containsExactly("v=spf1 \u0080a:example.net -all");
        assertThat(texts(zone, "ctrl.example.com", Type.TXT)).containsExactly("v=spf1 a:ctrl.example.com\rptr -all");
    }

    @Test
    void charsBeyondLatin1AreWrittenAsUtf8() {
        Zone zone = OpenSpfZoneData.fromYaml(Map.of("u.example", List.of(Map.of("TXT", "\u20ac"))));

        assertThat(Dns.strings(zone.records(name("u.example"), Type.TXT).get(0)).get(0))
                .containsExactly(0xE2 - 256, 0x82 - 256, 0xAC - 256);
    }

    @Test
    void aListIsSeveralStringsOfOneRecordAndAnEmptyListIsNone() {
        Zone zone = scenario("Initial processing");

        List<Record> txt = zone.records(name("null.example.com"), Type.TXT);

        assertThat(txt).hasSize(2);
        assertThat(Dns.strings(txt.get(0))).hasSize(2);
        assertThat(Dns.joined(txt.get(0))).isEqualTo("v=spf1 ip4:192.0.2.5 -all");
        assertThat(Dns.strings(txt.get(1))).isEmpty();
    }

    @Test
    void readsAddressPointerMailExchangerAndAliasEntries() {
        Zone zone = scenario("MX mechanism syntax");
        Zone ptr = scenario("PTR mechanism syntax");
        Zone a = scenario("A mechanism syntax");

        assertThat(zone.records(name("mail.example.com"), Type.MX))
                .singleElement()
                .satisfies(r -> assertThat(((MXRecord) r).getTarget()).isEqualTo(Name.root));
        assertThat(ptr.records(name("4.3.2.1.in-addr.arpa"), Type.PTR))
                .extracting(r -> ((PTRRecord) r).getTarget())
                .containsExactly(name("e3.example.com"), name("e4.example.com"), name("mail.example.com"));
        assertThat(ptr.records(name("loop4.example.com"), Type.CNAME)).hasSize(1);
        assertThat(ptr.records(
                        name("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.E.B.A.B.E.F.A.C.ip6.arpa"), Type.PTR))
                .hasSize(1);
        assertThat(a.records(name("ipv6.example.com"), Type.AAAA)).isNotEmpty();
    }

    @Test
    void supportsRcodeEntriesAndOtherTypesInZoneFileText() {
        Zone zone = OpenSpfZoneData.fromYaml(Map.of(
                "broken.example", List.of(Map.of("RCODE", 2)),
                "delegated.example", List.of(Map.of("NS", "ns1.example.")),
                "empty.example", List.of()));

        assertThat(zone.rcode(name("broken.example"))).hasValue(2);
        assertThat(zone.records(name("delegated.example"), Type.NS)).hasSize(1);
        assertThat(zone.hasName(name("empty.example"))).isTrue();
    }

    @Test
    void badDataIsRejectedNamingTheHost() {
        assertThatThrownBy(() -> OpenSpfZoneData.fromYaml(Map.of("x".repeat(64) + ".example", List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x".repeat(64));
        assertThatThrownBy(() -> OpenSpfZoneData.fromYaml(Map.of("a.example", List.of(Map.of("A", "not-an-ip")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a.example")
                .hasMessageContaining("A");
        assertThatThrownBy(() -> OpenSpfZoneData.fromYaml(Map.of("b.example", List.of(Map.of("BOGUS", "1")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("b.example");
        assertThatThrownBy(() -> OpenSpfZoneData.fromYaml(Map.of("c.example", List.of("SOMETIMES"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("c.example");
    }

    @Test
    void loadMergesTheZonedataOfEveryDocument() throws Exception {
        Path suite = Path.of(OpenSpfZoneDataTest.class.getResource(SUITE).toURI());

        Zone merged = OpenSpfZoneData.load(suite);

        // hosts of the first and the last scenario
        assertThat(merged.records(name("hosed.example.com"), Type.SPF)).hasSize(1);
        assertThat(merged.records(name("b.example.org"), Type.CNAME)).hasSize(1);
        // mail.example.com has an A record in several scenarios; identical ones are kept once
        assertThat(merged.records(name("mail.example.com"), Type.A)).isNotEmpty();
    }

    @Test
    void loadReadsABareZonedataMapping(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("zone.yml");
        Files.writeString(file, """
                example.org:
                  - TXT: "v=spf1 mx -all"
                  - MX: [10, mx.example.org]
                mx.example.org:
                  - A: 192.0.2.25
                ---
                Example.ORG:
                  - A: 192.0.2.80
                """);

        Zone zone = OpenSpfZoneData.load(file);

        assertThat(texts(zone, "example.org", Type.TXT)).containsExactly("v=spf1 mx -all");
        assertThat(zone.records(name("example.org"), Type.A)).hasSize(1);
        assertThat(zone.records(name("mx.example.org"), Type.A)).hasSize(1);
    }
}
