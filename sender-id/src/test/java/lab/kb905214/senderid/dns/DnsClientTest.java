package lab.kb905214.senderid.dns;

import static lab.kb905214.senderid.dns.Questions.WAIT_SECONDS;
import static lab.kb905214.senderid.dns.Questions.ask;
import static lab.kb905214.senderid.dns.Questions.ip;
import static lab.kb905214.senderid.dns.Questions.name;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lab.kb905214.senderid.dns.server.EmbeddedDnsServer;
import lab.kb905214.senderid.dns.server.Zone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** The DNS client against the embedded server over real UDP/TCP: statuses as RFC 7208 reads them, and threads. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DnsClientTest {
    /** Long enough that nothing but a deliberate fault times out. */
    private static final Duration PATIENT = Duration.ofSeconds(3);
    /** For the name that never answers. */
    private static final Duration IMPATIENT = Duration.ofMillis(300);
    /** About 6 kB of text: more than 512 bytes, and more than the 4,096 the server ever sends over UDP. */
    private static final List<String> BIG_TEXT = bigText(24);

    private EmbeddedDnsServer server;
    private final List<DnsClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        Zone zone = Zone.builder()
                .add(new ARecord(name("host.example"), DClass.IN, 300, ip("192.0.2.10")))
                .add(new ARecord(name("host.example"), DClass.IN, 300, ip("192.0.2.11")))
                .add(new AAAARecord(name("host.example"), DClass.IN, 300, ip("2001:db8::10")))
                .add(new CNAMERecord(name("alias.example"), DClass.IN, 300, name("host.example")))
                .add(new CNAMERecord(name("alias-of-alias.example"), DClass.IN, 300, name("alias.example")))
                .add(new ARecord(name("leaf.branch.example"), DClass.IN, 300, ip("192.0.2.20")))
                .add(new TXTRecord(name("big.example"), DClass.IN, 300, BIG_TEXT))
                .add(new ARecord(name("slow.example"), DClass.IN, 300, ip("192.0.2.30")))
                .rcode(name("refused.example"), Rcode.REFUSED)
                .build();
        server = EmbeddedDnsServer.start(zone);
        server.faults()
                .timeout(name("quiet.example"))
                .servfail(name("broken.example"))
                // Held long enough that callbacks are surely registered before the answer arrives.
                .latency(name("slow.example"), Duration.ofMillis(200), Duration.ZERO);
    }

    @AfterEach
    void stop() {
        clients.forEach(DnsClient::close);
        server.close();
    }

    @Test
    void recordsOfTheTypeAskedAreAnswers() throws Exception {
        DnsAnswer a = ask(client(PATIENT), "host.example", Type.A);
        DnsAnswer aaaa = ask(client(PATIENT), "host.example", Type.AAAA);

        assertThat(a.status()).isEqualTo(DnsAnswer.Status.ANSWERS);
        assertThat(a.records())
                .extracting(r -> ((ARecord) r).getAddress().getHostAddress())
                .containsExactlyInAnyOrder("192.0.2.10", "192.0.2.11");
        assertThat(a.isVoid()).isFalse();
        assertThat(a.isError()).isFalse();
        assertThat(a.describe()).isEqualTo("A host.example. -> 2 records");
        assertThat(aaaa.records())
                .extracting(r -> ((AAAARecord) r).getAddress())
                .containsExactly(ip("2001:db8::10"));
    }

    @Test
    void aMissingNameIsNxdomainAndAMissingTypeIsNodataBothVoid() throws Exception {
        DnsClient dns = client(PATIENT);
        DnsAnswer nxdomain = ask(dns, "missing.example", Type.TXT);
        DnsAnswer nodata = ask(dns, "host.example", Type.TXT);
        DnsAnswer emptyNonTerminal = ask(dns, "branch.example", Type.A);

        assertThat(nxdomain.status()).isEqualTo(DnsAnswer.Status.NXDOMAIN);
        assertThat(nodata.status()).isEqualTo(DnsAnswer.Status.NODATA);
        assertThat(emptyNonTerminal.status())
                .as("a name that exists only as a parent")
                .isEqualTo(DnsAnswer.Status.NODATA);
        assertThat(List.of(nxdomain, nodata, emptyNonTerminal)).allSatisfy(answer -> {
            assertThat(answer.isVoid()).isTrue();
            assertThat(answer.isError()).isFalse();
            assertThat(answer.records()).isEmpty();
        });
    }

    @Test
    void cnamesAreFollowedToTheRecordsOfTheTarget() throws Exception {
        DnsClient dns = client(PATIENT);
        DnsAnswer alias = ask(dns, "alias.example", Type.A);
        DnsAnswer chain = ask(dns, "alias-of-alias.example", Type.A);
        DnsAnswer aliasWithoutTxt = ask(dns, "alias.example", Type.TXT);

        assertThat(alias.status()).isEqualTo(DnsAnswer.Status.ANSWERS);
        assertThat(alias.records())
                .allSatisfy(r -> assertThat(r).isInstanceOf(ARecord.class))
                .extracting(r -> ((ARecord) r).getAddress().getHostAddress())
                .containsExactlyInAnyOrder("192.0.2.10", "192.0.2.11");
        assertThat(alias.name()).isEqualTo(name("alias.example"));
        assertThat(chain.records()).hasSize(2);
        assertThat(aliasWithoutTxt.status()).isEqualTo(DnsAnswer.Status.NODATA);
    }

    @Test
    void aNameThatNeverAnswersTimesOutAndTheFutureCompletes() throws Exception {
        DnsClient dns = client(IMPATIENT);

        CompletableFuture<DnsAnswer> query = dns.query(name("quiet.example"), Type.TXT);
        DnsAnswer answer = query.get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(query).isCompleted();
        assertThat(answer.status()).isEqualTo(DnsAnswer.Status.TIMEOUT);
        assertThat(answer.isError()).isTrue();
        assertThat(answer.isVoid())
                .as("a timeout is a TempError, never a void lookup")
                .isFalse();
        assertThat(answer.records()).isEmpty();
    }

    @Test
    void servfailAndOtherErrorRcodesAreServerFailures() throws Exception {
        DnsClient dns = client(PATIENT);
        DnsAnswer servfail = ask(dns, "broken.example", Type.TXT);
        DnsAnswer refused = ask(dns, "refused.example", Type.TXT);

        assertThat(servfail.status()).isEqualTo(DnsAnswer.Status.SERVER_FAILURE);
        assertThat(refused.status()).isEqualTo(DnsAnswer.Status.SERVER_FAILURE);
        assertThat(servfail.isError()).isTrue();
        assertThat(servfail.isVoid()).isFalse();
    }

    @Test
    void anAnswerTooBigForUdpArrivesWholeOverTcp() throws Exception {
        DnsClient dns = client(PATIENT);
        long receivedBefore = server.queriesReceived();

        DnsAnswer answer = ask(dns, "big.example", Type.TXT);

        assertThat(answer.status()).isEqualTo(DnsAnswer.Status.ANSWERS);
        assertThat(answer.records()).hasSize(1);
        List<String> strings = new ArrayList<>();
        for (byte[] string : ((TXTRecord) answer.records().get(0)).getStringsAsByteArrays()) {
            strings.add(new String(string, StandardCharsets.US_ASCII));
        }
        assertThat(strings).isEqualTo(BIG_TEXT);
        assertThat(server.queriesReceived() - receivedBefore)
                .as("one truncated UDP answer, then the same query over TCP")
                .isEqualTo(2);
        assertThat(dns.queriesSent()).isEqualTo(1);
    }

    @Test
    void callbacksRunOnTheClientsOwnThreads() throws Exception {
        DnsClient dns = client(IMPATIENT);
        List<CompletableFuture<String>> threads = new ArrayList<>();
        // Answers held by the server, a timeout, and an immediate error: every path through the client.
        for (int i = 0; i < 8; i++) {
            threads.add(dns.query(name("slow.example"), Type.A)
                    .thenApply(answer -> Thread.currentThread().getName()));
        }
        threads.add(dns.query(name("quiet.example"), Type.A)
                .thenApply(answer -> Thread.currentThread().getName()));

        for (CompletableFuture<String> thread : threads) {
            assertThat(thread.get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .startsWith("dns-client-")
                    .doesNotContain("ForkJoinPool")
                    .doesNotContain("dnsjava")
                    .doesNotContain("selector");
        }
    }

    @Test
    void everyQueryIsCountedOnce() throws Exception {
        DnsClient dns = client(PATIENT);
        ask(dns, "host.example", Type.A);
        ask(dns, "missing.example", Type.A);
        ask(dns, "alias.example", Type.A);

        assertThat(dns.queriesSent()).isEqualTo(3);
        assertThat(dns.timeout()).isEqualTo(PATIENT);
    }

    private DnsClient client(Duration timeout) {
        DnsClient client = DnsClient.create(server.address(), timeout);
        clients.add(client);
        return client;
    }

    private static List<String> bigText(int strings) {
        List<String> text = new ArrayList<>();
        for (int i = 0; i < strings; i++) {
            text.add(String.format("%03d", i) + "-" + "x".repeat(246));
        }
        return text;
    }
}
