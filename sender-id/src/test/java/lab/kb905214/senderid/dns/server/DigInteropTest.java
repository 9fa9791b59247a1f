package lab.kb905214.senderid.dns.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code dig} (BIND's client) against the server, over UDP and TCP. */
@Timeout(60)
class DigInteropTest {
    private static final long DIG_WAIT_SECONDS = 20;

    @TempDir
    Path dir;

    private EmbeddedDnsServer server;

    @BeforeEach
    void start() throws Exception {
        List<Object> bigEntries = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            bigEntries.add(Map.of("TXT", String.format("%02d-%s", i, "y".repeat(100))));
        }
        server = EmbeddedDnsServer.start(OpenSpfZoneData.fromYaml(Map.of(
                "example.com", List.of(Map.of("SPF", "v=spf1 mx -all")),
                "mx.example.com", List.of(Map.of("A", "192.0.2.25")),
                "big.example.com", bigEntries)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Path dig() {
        return RequiredTool.find("dig", "bind9-dnsutils");
    }

    private List<String> run(String... args) throws Exception {
        List<String> command = new ArrayList<>(
                List.of(dig().toString(), "@127.0.0.1", "-p", String.valueOf(server.port()), "+tries=1", "+time=5"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "dig", ".out");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        if (!process.waitFor(DIG_WAIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("dig did not finish within " + DIG_WAIT_SECONDS + " s: " + command);
        }
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("dig exit status, output: %s", lines).isZero();
        return lines;
    }

    @Test
    void digGetsTxtOverUdpAndTcp() throws Exception {
        assertThat(run("example.com", "TXT", "+short")).containsExactly("\"v=spf1 mx -all\"");
        assertThat(run("+tcp", "example.com", "TXT", "+short")).containsExactly("\"v=spf1 mx -all\"");
        assertThat(run("mx.example.com", "A", "+short")).containsExactly("192.0.2.25");
    }

    @Test
    void digFallsBackToTcpForATruncatedAnswer() throws Exception {
        List<String> udpOnly = run("+ignore", "+bufsize=512", "big.example.com", "TXT");
        List<String> whole = run("+bufsize=512", "big.example.com", "TXT", "+short");

        assertThat(String.join("\n", udpOnly)).contains("flags: qr aa tc rd").contains("ANSWER: 0");
        assertThat(whole).hasSize(30);
    }

    @Test
    void digSeesNxdomainAndAuthority() throws Exception {
        List<String> lines = run("nowhere.example.com", "A");

        assertThat(String.join("\n", lines)).contains("status: NXDOMAIN").contains("flags: qr aa rd");
    }
}
