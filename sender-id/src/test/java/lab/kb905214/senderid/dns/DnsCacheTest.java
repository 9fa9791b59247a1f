package lab.kb905214.senderid.dns;

import static lab.kb905214.senderid.dns.Questions.WAIT_SECONDS;
import static lab.kb905214.senderid.dns.Questions.ask;
import static lab.kb905214.senderid.dns.Questions.ip;
import static lab.kb905214.senderid.dns.Questions.name;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import lab.kb905214.senderid.dns.server.EmbeddedDnsServer;
import lab.kb905214.senderid.dns.server.Zone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The DNS client's cache against the embedded server over real UDP, on a clock the test moves by hand: TTLs,
 * negative answers per RFC 2308, failures never kept, one query in flight per name and type.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DnsCacheTest {
    private static final Duration PATIENT = Duration.ofSeconds(3);
    private static final Duration IMPATIENT = Duration.ofMillis(300);
    /** The negative zone's SOA: its own TTL 300 s, its MINIMUM 30 s; RFC 2308 takes the smaller. */
    private static final long SOA_TTL = 300;

    private static final long SOA_MINIMUM = 30;

    private EmbeddedDnsServer server;
    private final AtomicLong clockNanos = new AtomicLong();
    private final List<DnsClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        Zone zone = Zone.builder()
                .add(new ARecord(name("host.example"), DClass.IN, 60, ip("192.0.2.10")))
                .add(new ARecord(name("long.example"), DClass.IN, 86_400, ip("192.0.2.11")))
                .add(new CNAMERecord(name("alias.example"), DClass.IN, 20, name("host.example")))
                .add(new ARecord(name("slow.example"), DClass.IN, 300, ip("192.0.2.30")))
                .add(new SOARecord(
                        name("neg.example"),
                        DClass.IN,
                        SOA_TTL,
                        name("ns.neg.example"),
                        name("hostmaster.neg.example"),
                        1,
                        3600,
                        600,
                        86_400,
                        SOA_MINIMUM))
                .add(new ARecord(name("host.neg.example"), DClass.IN, 300, ip("192.0.2.40")))
                .build();
        server = EmbeddedDnsServer.start(zone);
        server.faults()
                .timeout(name("quiet.example"))
                .servfail(name("broken.example"))
                // Held long enough that the whole burst is asking before the answer leaves the server.
                .latency(name("slow.example"), Duration.ofMillis(300), Duration.ZERO);
    }

    @AfterEach
    void stop() {
        clients.forEach(DnsClient::close);
        server.close();
    }

    @Test
    void anAnswerIsKeptForItsTtlThenAskedAgain() throws Exception {
        DnsClient dns = cachingClient(PATIENT, DnsCachePolicy.defaults());

        DnsAnswer first = ask(dns, "host.example", Type.A);
        advance(Duration.ofSeconds(59));
        DnsAnswer second = ask(dns, "host.example", Type.A);
        assertThat(dns.queriesSent()).as("within the TTL of 60 s").isEqualTo(1);
        assertThat(second).isEqualTo(first);

        advance(Duration.ofSeconds(2));
        DnsAnswer third = ask(dns, "host.example", Type.A);
        assertThat(dns.queriesSent()).as("past the TTL").isEqualTo(2);
        assertThat(third.status()).isEqualTo(DnsAnswer.Status.ANSWERS);
        assertThat(dns.cacheStats()).get().satisfies(stats -> {
            assertThat(stats.hits()).isEqualTo(1);
            assertThat(stats.misses()).isEqualTo(2);
        });
    }

    @Test
    void aCnameChainExpiresWithItsShortestTtl() throws Exception {
        DnsClient dns = cachingClient(PATIENT, DnsCachePolicy.defaults());

        ask(dns, "alias.example", Type.A);
        advance(Duration.ofSeconds(21));
        ask(dns, "alias.example", Type.A);

        assertThat(dns.queriesSent())
                .as("the CNAME's 20 s, not the target's 60 s")
                .isEqualTo(2);
    }

    @Test
    void noAnswerIsKeptPastThePolicysCap() throws Exception {
        DnsClient dns = cachingClient(PATIENT, new DnsCachePolicy(100, Duration.ofMinutes(5)));

        ask(dns, "long.example", Type.A);
        advance(Duration.ofMinutes(5).plusSeconds(1));
        ask(dns, "long.example", Type.A);

        assertThat(dns.queriesSent()).as("a TTL of a day, capped at 5 minutes").isEqualTo(2);
    }

    @Test
    void negativeAnswersAreKeptForTheSoaMinimum() throws Exception {
        DnsClient dns = cachingClient(PATIENT, DnsCachePolicy.defaults());

        DnsAnswer nxdomain = ask(dns, "missing.neg.example", Type.TXT);
        DnsAnswer nodata = ask(dns, "host.neg.example", Type.TXT);
        assertThat(nxdomain.status()).isEqualTo(DnsAnswer.Status.NXDOMAIN);
        assertThat(nodata.status()).isEqualTo(DnsAnswer.Status.NODATA);

        advance(Duration.ofSeconds(SOA_MINIMUM - 1));
        assertThat(ask(dns, "missing.neg.example", Type.TXT)).isEqualTo(nxdomain);
        assertThat(ask(dns, "host.neg.example", Type.TXT)).isEqualTo(nodata);
        assertThat(dns.queriesSent())
                .as("both kept within min(SOA TTL, MINIMUM) = 30 s")
                .isEqualTo(2);

        advance(Duration.ofSeconds(2));
        ask(dns, "missing.neg.example", Type.TXT);
        ask(dns, "host.neg.example", Type.TXT);
        assertThat(dns.queriesSent()).as("and asked again after it").isEqualTo(4);
    }

    @Test
    void aNegativeAnswerWithoutAnSoaIsNotKept() throws Exception {
        DnsClient dns = cachingClient(PATIENT, DnsCachePolicy.defaults());

        // .example has no SOA in this zone: RFC 2308 §5 says such an answer should not be cached.
        assertThat(ask(dns, "missing.example", Type.TXT).status()).isEqualTo(DnsAnswer.Status.NXDOMAIN);
        ask(dns, "missing.example", Type.TXT);

        assertThat(dns.queriesSent()).isEqualTo(2);
    }

    @Test
    void aServfailOrATimeoutIsNeverKept() throws Exception {
        DnsClient dns = cachingClient(IMPATIENT, DnsCachePolicy.defaults());

        for (int round = 0; round < 2; round++) {
            assertThat(ask(dns, "broken.example", Type.TXT).status()).isEqualTo(DnsAnswer.Status.SERVER_FAILURE);
            assertThat(ask(dns, "quiet.example", Type.TXT).status()).isEqualTo(DnsAnswer.Status.TIMEOUT);
        }

        assertThat(dns.queriesSent()).as("both asked again in the second round").isEqualTo(4);
        assertThat(dns.cacheStats()).get().satisfies(stats -> {
            assertThat(stats.hits()).isZero();
            assertThat(stats.entries()).isZero();
        });
    }

    @Test
    void aBurstOfTheSameQuestionSendsOneQuery() throws Exception {
        DnsClient dns = cachingClient(PATIENT, DnsCachePolicy.defaults());
        long receivedBefore = server.queriesReceived();

        List<CompletableFuture<DnsAnswer>> burst = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            burst.add(dns.query(name("slow.example"), Type.A));
        }
        for (CompletableFuture<DnsAnswer> answer : burst) {
            assertThat(answer.get(WAIT_SECONDS, TimeUnit.SECONDS).status()).isEqualTo(DnsAnswer.Status.ANSWERS);
        }

        assertThat(dns.queriesSent()).isEqualTo(1);
        assertThat(server.queriesReceived() - receivedBefore).isEqualTo(1);
        assertThat(dns.cacheStats()).get().satisfies(stats -> {
            assertThat(stats.misses()).isEqualTo(1);
            assertThat(stats.joined() + stats.hits()).isEqualTo(49);
        });
    }

    @Test
    void otherTypesAndNamesAreOtherQuestions() throws Exception {
        DnsClient dns = cachingClient(PATIENT, DnsCachePolicy.defaults());

        ask(dns, "host.example", Type.A);
        ask(dns, "host.example", Type.TXT);
        ask(dns, "HOST.example", Type.A);

        assertThat(dns.queriesSent())
                .as("A and TXT are two questions; names compare without case")
                .isEqualTo(2);
    }

    @Test
    void aClientWithoutACacheAsksEveryTime() throws Exception {
        DnsClient dns = DnsClient.create(server.address(), PATIENT);
        clients.add(dns);

        ask(dns, "host.example", Type.A);
        ask(dns, "host.example", Type.A);

        assertThat(dns.queriesSent()).isEqualTo(2);
        assertThat(dns.cacheStats()).isEmpty();
    }

    private DnsClient cachingClient(Duration timeout, DnsCachePolicy policy) {
        DnsClient client =
                new DnsClient(new SimpleResolver(server.address()), timeout, 2, new DnsCache(policy, clockNanos::get));
        clients.add(client);
        return client;
    }

    private void advance(Duration by) {
        clockNanos.addAndGet(by.toNanos());
    }
}
