package lab.kb905214.engine.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import lab.kb905214.engine.assembly.SenderIdEngine;
import lab.kb905214.engine.check.WaitBound;
import lab.kb905214.senderid.dns.DnsCachePolicy;
import lab.kb905214.senderid.dns.server.EmbeddedDnsServer;
import lab.kb905214.senderid.dns.server.OpenSpfZoneData;
import lab.kb905214.senderid.spf.SpfEvaluator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product's assembly ({@link SenderIdEngine}, in {@code engine/assembly}; tested here beside the server's own
 * test coordinator and client): one message through a real DNS server, and the settings it derives.
 */
@Timeout(60)
class SenderIdEngineTest {
    @TempDir
    Path dir;

    private EmbeddedDnsServer dns;

    @BeforeEach
    void startDns() throws IOException {
        dns = EmbeddedDnsServer.start(OpenSpfZoneData.fromYaml(
                Map.of("pass.lab.test", List.of(Map.of("TXT", "spf2.0/pra ip4:127.0.0.1 -all")))));
    }

    @AfterEach
    void stopDns() {
        dns.close();
    }

    @Test
    void aMessageIsCheckedAgainstTheDnsServerTheEngineWasGivenAndStoredWithItsResult() throws Exception {
        long queriesBefore = dns.queriesAnswered();
        try (SenderIdEngine engine = SenderIdEngine.builder(dns.address(), dir.resolve("maildir"))
                .dnsCache(DnsCachePolicy.defaults())
                .start(config -> VirtualServer.start(config, new SimpleTestCoordinator()))) {
            try (RawClient client = new RawClient(engine.server().port())) {
                client.hello();
                client.send("MAIL FROM:<alice@pass.lab.test>\r\nRCPT TO:<bob@lab.test>\r\nDATA\r\n");
                assertThat(client.reply()).startsWith("250");
                assertThat(client.reply()).startsWith("250");
                assertThat(client.reply()).startsWith("354");
                client.send("From: <alice@pass.lab.test>\r\nSubject: assembled\r\n\r\nHello.\r\n.\r\n");
                assertThat(client.reply()).startsWith("250");
            }
            assertThat(engine.cachesDns()).isTrue();
            assertThat(engine.dnsCacheStats().orElseThrow().misses()).isPositive();
        }
        assertThat(dns.queriesAnswered()).isGreaterThan(queriesBefore);
        try (Stream<Path> stored = Files.list(dir.resolve("maildir").resolve("new"))) {
            List<Path> files = stored.toList();
            assertThat(files).hasSize(1);
            assertThat(Files.readString(files.get(0)))
                    .contains("sender-id=pass")
                    .contains("Subject: assembled");
        }
    }

    @Test
    void theVerdictWaitIsBoundedByTheEvaluationsOwnLimitUnlessTheSettingsSayOtherwise() throws Exception {
        Duration evaluation = Duration.ofSeconds(7);
        try (SenderIdEngine engine = SenderIdEngine.builder(dns.address(), dir.resolve("bounded"))
                .evaluation(
                        new SpfEvaluator.Options(SpfEvaluator.Options.defaults().receiver(), evaluation))
                .start(config -> VirtualServer.start(config, new SimpleTestCoordinator()))) {
            assertThat(engine.longestCheck()).isEqualTo(evaluation);
            assertThat(engine.server().config().verdictWaitBound()).isEqualTo(WaitBound.afterEvaluation(evaluation));
            assertThat(engine.cachesDns()).isFalse();
        }
        try (SenderIdEngine engine = SenderIdEngine.builder(dns.address(), dir.resolve("unbounded"))
                .server(server -> server.verdictWaitBound(WaitBound.unbounded()))
                .start(config -> VirtualServer.start(config, new SimpleTestCoordinator()))) {
            assertThat(engine.server().config().verdictWaitBound()).isEqualTo(WaitBound.unbounded());
        }
    }

    @Test
    void anEngineThatCannotStartReportsWhy() {
        assertThatThrownBy(() -> SenderIdEngine.builder(dns.address(), dir.resolve("never"))
                        .start(config -> {
                            throw new IOException("port taken");
                        }))
                .isInstanceOf(IOException.class)
                .hasMessage("port taken");
    }
}
