package lab.kb905214.senderid.spf;

import static lab.kb905214.senderid.spf.LoopbackEvaluator.queriesOfType;
import static lab.kb905214.senderid.spf.LoopbackEvaluator.zone;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.Name;

/**
 * Hostile and broken input, through the embedded DNS server over real UDP/TCP: every check ends, with the result
 * RFC 7208 asks for. No test measures time; each waits a bounded time for a result that must come.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BadInputTest {
    private static final String CLIENT = "192.0.2.1";

    // ---- record syntax ------------------------------------------------------------------------------------------

    @Test
    void aRecordWithNonAsciiBytesIsPermErrorEvenIfAnEarlierTermWouldMatch() throws Exception {
        try (LoopbackEvaluator spf = zone().txt(
                        "latin1.example", "v=spf1 ip4:192.0.2.1 a:caf\u00e9.example -all") // one raw byte 0xE9
                .txt("utf8.example", "v=spf1 ip4:192.0.2.1 a:caf\u00c3\u00a9.example -all") // UTF-8 bytes C3 A9
                .txt("control.example", "v=spf1 ip4:192.0.2.1 a:x\u0001.example -all")
                .start()) {
            for (String domain : List.of("latin1.example", "utf8.example", "control.example")) {
                SpfOutcome outcome = spf.check(CLIENT, "alice@" + domain);

                // §4.6: a syntax error anywhere in the record is a PermError before any term is evaluated.
                assertThat(outcome.result()).as(domain).isEqualTo(SpfResult.PERMERROR);
                assertThat(outcome.reason()).as(domain).contains("non-ASCII or control character");
            }
        }
    }

    @Test
    void aThousandIp4MechanismsAreReadToTheEnd() throws Exception {
        String ip4s = IntStream.range(0, 1000)
                .mapToObj(i -> "ip4:10." + (i / 256) + "." + (i % 256) + ".1")
                .collect(Collectors.joining(" "));
        // About 16 kB of text: the UDP answer is truncated and dnsjava fetches it again over TCP.
        try (LoopbackEvaluator spf =
                zone().txt("many.example", "v=spf1 " + ip4s + " -all").start()) {
            SpfOutcome outcome = spf.check(CLIENT, "alice@many.example");

            assertThat(outcome.result()).as(outcome.reason()).isEqualTo(SpfResult.FAIL);
            assertThat(outcome.reason()).contains("-all");
            assertThat(outcome.dnsQueries()).containsExactly("TXT many.example. -> 1 record");
            assertThat(spf.check("10.3.231.1", "alice@many.example").result())
                    .as("the last of the 1,000 networks (10.3.231.1) still matches")
                    .isEqualTo(SpfResult.PASS);
        }
    }

    @Test
    void aThousandAMechanismsStopAtTheTenthLookup() throws Exception {
        String as = String.join(" ", Collections.nCopies(1000, "a"));
        // The domain has an address (not the client's), so no lookup is void: only the term limit can stop it.
        try (LoopbackEvaluator spf = zone().txt("many-a.example", "v=spf1 " + as + " -all")
                .a("many-a.example", "198.51.100.7")
                .start()) {
            SpfOutcome outcome = spf.check(CLIENT, "alice@many-a.example");

            assertThat(outcome.result()).isEqualTo(SpfResult.PERMERROR);
            assertThat(outcome.reason()).contains("more than 10 DNS-querying terms");
            assertThat(queriesOfType(outcome, "A")).isEqualTo(10);
        }
    }

    // ---- macros that would blow up -------------------------------------------------------------------------------

    @Test
    void thousandsOfLocalPartMacrosAreTruncatedFromTheLeft() throws Exception {
        // 15,000 %{l} (a 60 kB record) times a 64-character local part with a dot every other character: one
        // million characters and half a million labels, of which at most 253 characters may be asked for (§7.3).
        String bomb = "v=spf1 exists:" + "%{l}".repeat(15_000) + ".bomb.example -all";
        String localPart = "a.".repeat(31) + "zz";
        try (LoopbackEvaluator spf = zone().txt("bomb.example", bomb).start()) {
            SpfOutcome outcome = spf.check(CLIENT, localPart + "@bomb.example");

            assertThat(outcome.result()).as(outcome.reason()).isEqualTo(SpfResult.FAIL);
            String exists = onlyQuery(outcome, "A");
            String asked = nameOf(exists);
            assertThat(asked).endsWith(".a.a.zz.bomb.example.").contains(".zza.a.");
            // Whole labels dropped from the left until it fits: the longest label here is "zza" (4 with its dot),
            // so what is left is 250 to 253 characters long (without the root dot).
            assertThat(asked.length() - 1).isBetween(250, 253);
            assertThat(exists).endsWith("-> NXDOMAIN");
        }
    }

    @Test
    void aDomainMacroOverA250CharacterDomainKeepsTheRightmostLabelsThatFit() throws Exception {
        String domain = longDomain(250);
        try (LoopbackEvaluator spf = zone().txt(domain, "v=spf1 exists:%{d}.%{d}.%{d}.%{d} -all")
                .a(domain, "127.0.0.2")
                .start()) {
            SpfOutcome outcome = spf.check(CLIENT, "alice@" + domain);

            // 1,003 characters, truncated from the left: exactly the 250-character domain remains, and it exists.
            assertThat(outcome.result()).as(outcome.reason()).isEqualTo(SpfResult.PASS);
            assertThat(nameOf(onlyQuery(outcome, "A"))).isEqualTo(domain + ".");
        }
    }

    @Test
    void hugeDigitTransformersAreCappedNotOverflowed() throws Exception {
        String domain = longDomain(250);
        try (LoopbackEvaluator spf = zone().txt(
                        domain, "v=spf1 exists:%{d999r}.%{d99999999999999999999r}.rev.example -all")
                .start()) {
            SpfOutcome outcome = spf.check(CLIENT, "alice@" + domain);

            assertThat(outcome.result()).as(outcome.reason()).isEqualTo(SpfResult.FAIL);
            String asked = nameOf(onlyQuery(outcome, "A"));
            assertThat(asked).endsWith(".rev.example.");
            assertThat(asked.length() - 1).isLessThanOrEqualTo(253);
        }
    }

    // ---- loops -------------------------------------------------------------------------------------------------

    @Test
    void anIncludeLoopIsPermError() throws Exception {
        try (LoopbackEvaluator spf = zone().txt("a.loop.example", "v=spf1 include:b.loop.example -all")
                .txt("b.loop.example", "v=spf1 include:a.loop.example -all")
                .txt("self.loop.example", "v=spf1 include:self.loop.example -all")
                .start()) {
            for (String domain : List.of("a.loop.example", "self.loop.example")) {
                SpfOutcome outcome = spf.check(CLIENT, "alice@" + domain);

                assertThat(outcome.result()).as(domain).isEqualTo(SpfResult.PERMERROR);
                assertThat(outcome.reason()).as(domain).contains("more than 10 DNS-querying terms");
                assertThat(queriesOfType(outcome, "TXT")).as(domain).isLessThanOrEqualTo(11);
            }
        }
    }

    @Test
    void aRedirectLoopIsPermError() throws Exception {
        try (LoopbackEvaluator spf = zone().txt("a.redirect.example", "v=spf1 redirect=b.redirect.example")
                .txt("b.redirect.example", "v=spf1 redirect=a.redirect.example")
                .txt("self.redirect.example", "v=spf1 redirect=self.redirect.example")
                .start()) {
            for (String domain : List.of("a.redirect.example", "self.redirect.example")) {
                SpfOutcome outcome = spf.check(CLIENT, "alice@" + domain);

                assertThat(outcome.result()).as(domain).isEqualTo(SpfResult.PERMERROR);
                assertThat(queriesOfType(outcome, "TXT")).as(domain).isLessThanOrEqualTo(11);
            }
        }
    }

    // ---- CNAMEs ------------------------------------------------------------------------------------------------

    @Test
    void aCnameChainLeadsToTheRecordAndToAddresses() throws Exception {
        try (LoopbackEvaluator spf = zone().cname("a.chain.example", "b.chain.example")
                .cname("b.chain.example", "c.chain.example")
                .txt("c.chain.example", "v=spf1 a:host-alias.chain.example -all")
                .cname("host-alias.chain.example", "host.chain.example")
                .a("host.chain.example", CLIENT)
                .start()) {
            SpfOutcome outcome = spf.check(CLIENT, "alice@a.chain.example");

            assertThat(outcome.result()).as(outcome.reason()).isEqualTo(SpfResult.PASS);
            assertThat(outcome.record()).isEqualTo("v=spf1 a:host-alias.chain.example -all");
            assertThat(spf.check("192.0.2.2", "alice@a.chain.example").result()).isEqualTo(SpfResult.FAIL);
        }
    }

    /**
     * A CNAME loop gives None, not TempError. The embedded server stops at the first name it has already visited and
     * answers NOERROR with the looping CNAMEs; the client follows the chain inside that answer, finds no TXT record,
     * and reads it as NODATA: the domain publishes no record. (A recursive resolver would answer SERVFAIL, which
     * would be a TempError.) Either way the check ends: here it ends at once.
     */
    @Test
    void aCnameLoopEndsAsNone() throws Exception {
        try (LoopbackEvaluator spf = zone().cname("ping.cname.example", "pong.cname.example")
                .cname("pong.cname.example", "ping.cname.example")
                .txt("uses-loop.cname.example", "v=spf1 a:ping.cname.example ip4:192.0.2.1 -all")
                .start()) {
            SpfOutcome outcome = spf.check(CLIENT, "alice@ping.cname.example");

            assertThat(outcome.result()).as(outcome.reason()).isEqualTo(SpfResult.NONE);
            assertThat(outcome.dnsQueries()).containsExactly("TXT ping.cname.example. -> no data");
            // As a mechanism's target, the loop is one void lookup, and evaluation goes on.
            assertThat(spf.check(CLIENT, "alice@uses-loop.cname.example").result())
                    .isEqualTo(SpfResult.PASS);
        }
    }

    // ---- over-long names in the identity (§4.3) -----------------------------------------------------------------

    @Test
    void overLongLabelsAndNamesInTheIdentityAreNoneWithoutAnyQuery() throws Exception {
        String label63 = "l".repeat(63);
        String label64 = "l".repeat(64);
        try (LoopbackEvaluator spf = zone().txt(label63 + ".example", "v=spf1 -all")
                .txt(longDomain(253), "v=spf1 -all")
                .start()) {
            SpfOutcome longLabel = spf.check(CLIENT, "alice@" + label64 + ".example");
            SpfOutcome longName = spf.check(CLIENT, "alice@" + longDomain(254));

            assertThat(longLabel.result()).isEqualTo(SpfResult.NONE);
            assertThat(longLabel.dnsQueries()).isEmpty();
            assertThat(longName.result()).isEqualTo(SpfResult.NONE);
            assertThat(longName.dnsQueries()).isEmpty();
            // The limits themselves are fine: 63-character labels and 253-character names are looked up.
            assertThat(spf.check(CLIENT, "alice@" + label63 + ".example").result())
                    .isEqualTo(SpfResult.FAIL);
            assertThat(spf.check(CLIENT, "alice@" + longDomain(253)).result()).isEqualTo(SpfResult.FAIL);
        }
    }

    // ---- DNS that misbehaves -----------------------------------------------------------------------------------

    @Test
    void aRecordThatNeverAnswersIsTempError() throws Exception {
        try (LoopbackEvaluator spf = zone().txt("quiet.example", "v=spf1 -all").start()) {
            spf.server().faults().timeout(Name.fromString("quiet.example."));

            CompletableFuture<SpfOutcome> check = spf.start(CLIENT, "alice@quiet.example");
            SpfOutcome outcome = check.get(LoopbackEvaluator.CHECK_BOUND_SECONDS, TimeUnit.SECONDS);

            assertThat(check).isCompleted();
            assertThat(outcome.result()).isEqualTo(SpfResult.TEMPERROR);
            assertThat(outcome.dnsQueries()).containsExactly("TXT quiet.example. -> timeout");
        }
    }

    @Test
    void aMechanismTargetThatNeverAnswersIsTempErrorNotAVoidLookup() throws Exception {
        try (LoopbackEvaluator spf = zone().txt("asks-quiet.example", "v=spf1 a:quiet-host.example ip4:192.0.2.1 -all")
                .txt("asks-mx.example", "v=spf1 mx:quiet-host.example ip4:192.0.2.1 -all")
                .timeout("quiet-host.example") // the suite's bare TIMEOUT: no answer for any type
                .start()) {
            CompletableFuture<SpfOutcome> check = spf.start(CLIENT, "alice@asks-quiet.example");
            SpfOutcome outcome = check.get(LoopbackEvaluator.CHECK_BOUND_SECONDS, TimeUnit.SECONDS);
            SpfOutcome mx = spf.check(CLIENT, "alice@asks-mx.example");

            assertThat(check).isCompleted();
            assertThat(outcome.result()).as(outcome.reason()).isEqualTo(SpfResult.TEMPERROR);
            assertThat(mx.result()).as(mx.reason()).isEqualTo(SpfResult.TEMPERROR);
        }
    }

    @Test
    void garbageSentToTheServerDoesNotStopItAnswering() throws Exception {
        try (LoopbackEvaluator spf =
                zone().txt("fine.example", "v=spf1 ip4:192.0.2.1 -all").start()) {
            long malformedBefore = spf.server().malformedQueries();
            try (DatagramSocket socket =
                    new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                Random random = new Random(905214);
                for (int i = 0; i < 50; i++) {
                    byte[] garbage = new byte[1 + random.nextInt(700)];
                    random.nextBytes(garbage);
                    if (garbage.length > 2) {
                        garbage[2] &= 0x7f; // a "query" (QR clear), so the server must at least try to read it
                    }
                    send(socket, spf, garbage);
                }
                // A header promising five questions and carrying none.
                send(socket, spf, new byte[] {0x12, 0x34, 0x01, 0x00, 0, 5, 0, 0, 0, 0, 0, 0});
            }

            SpfOutcome outcome = spf.check(CLIENT, "alice@fine.example");

            assertThat(outcome.result()).isEqualTo(SpfResult.PASS);
            assertThat(spf.server().malformedQueries()).isGreaterThan(malformedBefore);
        }
    }

    // ---- §4.6.4 limits -----------------------------------------------------------------------------------------

    @Test
    void twoVoidLookupsAreAllowed() throws Exception {
        try (LoopbackEvaluator spf = zone().txt(
                        "two-void.example", "v=spf1 a:nx1.example exists:nx2.example ip4:192.0.2.1 -all")
                .start()) {
            SpfOutcome outcome = spf.check(CLIENT, "alice@two-void.example");

            assertThat(outcome.result()).as(outcome.reason()).isEqualTo(SpfResult.PASS);
            assertThat(outcome.dnsQueries())
                    .filteredOn(q -> q.endsWith("NXDOMAIN"))
                    .hasSize(2);
        }
    }

    @Test
    void aThirdVoidLookupIsPermError() throws Exception {
        try (LoopbackEvaluator spf = zone().txt(
                        "three-void.example", "v=spf1 a:nx1.example mx:nx2.example a:nodata.example ip4:192.0.2.1 -all")
                .mx("nodata.example", 10, "unused.example") // exists, but has no A record: NODATA is void too
                .start()) {
            SpfOutcome outcome = spf.check(CLIENT, "alice@three-void.example");

            assertThat(outcome.result()).isEqualTo(SpfResult.PERMERROR);
            assertThat(outcome.reason()).contains("more than 2 void lookups");
            assertThat(outcome.dnsQueries()).last().isEqualTo("A nodata.example. -> no data");
        }
    }

    @Test
    void anMxWithElevenNamesIsPermErrorAndTenAreFine() throws Exception {
        LoopbackEvaluator.ZoneText zone =
                zone().txt("eleven-mx.example", "v=spf1 mx ip4:192.0.2.1 -all").txt("ten-mx.example", "v=spf1 mx -all");
        for (int i = 1; i <= 11; i++) {
            zone.mx("eleven-mx.example", i, "mx" + i + ".hosts.example")
                    .a("mx" + i + ".hosts.example", "198.51.100." + i);
            if (i <= 10) {
                zone.mx("ten-mx.example", i, "mx" + i + ".hosts.example");
            }
        }
        zone.a("mx10.hosts.example", CLIENT);
        try (LoopbackEvaluator spf = zone.start()) {
            SpfOutcome eleven = spf.check(CLIENT, "alice@eleven-mx.example");
            SpfOutcome ten = spf.check(CLIENT, "alice@ten-mx.example");

            assertThat(eleven.result()).isEqualTo(SpfResult.PERMERROR);
            assertThat(eleven.reason()).contains("11 MX names");
            assertThat(queriesOfType(eleven, "A")).as("no MX host is looked up").isZero();
            assertThat(ten.result()).as(ten.reason()).isEqualTo(SpfResult.PASS);
            assertThat(queriesOfType(ten, "A")).isEqualTo(10);
        }
    }

    @Test
    void aPtrWithElevenNamesLooksAtTenOnly() throws Exception {
        LoopbackEvaluator.ZoneText zone = zone().txt("ptr.example", "v=spf1 ptr -all");
        for (int i = 1; i <= 11; i++) {
            zone.ptr("1.2.0.192.in-addr.arpa", "host" + i + ".ptr.example").a("host" + i + ".ptr.example", CLIENT);
        }
        try (LoopbackEvaluator spf = zone.start()) {
            SpfOutcome outcome = spf.check(CLIENT, "alice@ptr.example");

            assertThat(outcome.result()).as(outcome.reason()).isEqualTo(SpfResult.PASS);
            assertThat(queriesOfType(outcome, "PTR")).isEqualTo(1);
            assertThat(outcome.dnsQueries())
                    .filteredOn(q -> q.startsWith("PTR "))
                    .first()
                    .asString()
                    .endsWith("-> 11 records");
            assertThat(queriesOfType(outcome, "A")).isEqualTo(10);
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** A valid domain of exactly {@code length} characters: 63-character labels, then ".example"-style filler. */
    private static String longDomain(int length) {
        StringBuilder domain = new StringBuilder("example");
        char fill = 'a';
        while (domain.length() < length) {
            int room = length - domain.length() - 1; // one for the dot
            int label = Math.min(63, room);
            if (label <= 0) {
                throw new IllegalArgumentException("cannot make a domain of " + length);
            }
            domain.insert(0, String.valueOf(fill++).repeat(label) + ".");
        }
        return domain.toString();
    }

    private static String onlyQuery(SpfOutcome outcome, String type) {
        List<String> queries = outcome.dnsQueries().stream()
                .filter(q -> q.startsWith(type + " "))
                .toList();
        assertThat(queries).as("%s queries in %s", type, outcome.dnsQueries()).hasSize(1);
        return queries.get(0);
    }

    /** The name of a query as {@link lab.kb905214.senderid.dns.DnsAnswer#describe()} writes it. */
    private static String nameOf(String query) {
        return query.split(" ", -1)[1];
    }

    private static void send(DatagramSocket socket, LoopbackEvaluator spf, byte[] bytes) throws Exception {
        socket.send(new DatagramPacket(bytes, bytes.length, spf.server().address()));
    }
}
