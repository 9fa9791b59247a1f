package lab.kb905214.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import lab.kb905214.senderid.dns.server.EmbeddedDnsServer;
import lab.kb905214.stress.rig.LabZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lab check} against the lab zone (embedded DNS server): a pass and a fail, as text and as JSON. */
class CheckCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void passForMailFromAsText() {
        CommandRun run = CommandRun.lab(
                "check", "--ip", "127.0.0.1", "--helo", "mail.example", "--mail-from", "alice@pass.example");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("scope spf")
                .containsPattern("identity\\s+alice@pass.example\\s+\\(MAIL FROM\\)")
                .containsPattern("record\\s+v=spf1 ip4:127.0.0.0/8 -all")
                .containsPattern("result\\s+pass\\n")
                .contains("TXT pass.example.");
    }

    @Test
    void passForMailFromAsJson() throws Exception {
        CommandRun run = CommandRun.lab(
                "check", "--ip", "127.0.0.1", "--helo", "mail.example", "--mail-from", "alice@pass.example", "--json");

        assertThat(run.code()).as(run.err()).isZero();
        JsonNode verdict = JSON.readTree(run.out());
        assertThat(verdict.path("result").asText()).isEqualTo("pass");
        assertThat(verdict.path("scope").asText()).isEqualTo("spf");
        assertThat(verdict.path("identity").asText()).isEqualTo("alice@pass.example");
        assertThat(verdict.path("identitySource").asText()).isEqualTo("mailfrom");
        assertThat(verdict.path("record").asText()).isEqualTo("v=spf1 ip4:127.0.0.0/8 -all");
        assertThat(verdict.path("dnsQueries").get(0).asText()).startsWith("TXT pass.example.");
    }

    @Test
    void theScopeChoosesTheRecord() throws Exception {
        // pass.example publishes spf2.0/pra and v=spf1: for mfrom, the spf2.0 record hides v=spf1 and covers only
        // pra, so there is no record (RFC 4406 §4.4 as SPEC-notes.md reads it).
        CommandRun run = CommandRun.lab(
                "check",
                "--ip",
                "127.0.0.1",
                "--helo",
                "mail.example",
                "--mail-from",
                "alice@pass.example",
                "--scope",
                "mfrom",
                "--json");

        assertThat(run.code()).as(run.err()).isZero();
        JsonNode verdict = JSON.readTree(run.out());
        assertThat(verdict.path("scope").asText()).isEqualTo("mfrom");
        assertThat(verdict.path("result").asText()).isEqualTo("none");
        assertThat(verdict.path("record").asText()).isEmpty();
    }

    @Test
    void failForThePraAsText() throws Exception {
        Path message = message("From: Mallory <mallory@fail.example>\r\n");

        CommandRun run =
                CommandRun.lab("check", "--ip", "127.0.0.1", "--helo", "mail.example", "--headers", message.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("scope pra")
                .contains("mallory@fail.example  (the PRA, from the From header)")
                .containsPattern("record\\s+spf2.0/pra ip4:192.0.2.0/24 -all")
                .containsPattern("result\\s+fail\\n")
                .containsPattern("explanation\\s+\\S")
                .contains("TXT fail.example.");
    }

    @Test
    void failForThePraAsJsonNamesTheSenderHeader() throws Exception {
        Path message = message("From: Alice <alice@pass.example>\r\nSender: Mallory <mallory@fail.example>\r\n");

        CommandRun run = CommandRun.lab(
                "check", "--ip", "127.0.0.1", "--helo", "mail.example", "--headers", message.toString(), "--json");

        assertThat(run.code()).as(run.err()).isZero();
        JsonNode verdict = JSON.readTree(run.out());
        assertThat(verdict.path("scope").asText()).isEqualTo("pra");
        assertThat(verdict.path("result").asText()).isEqualTo("fail");
        assertThat(verdict.path("identity").asText()).isEqualTo("mallory@fail.example");
        assertThat(verdict.path("identitySource").asText()).isEqualTo("sender");
        assertThat(verdict.path("record").asText()).isEqualTo("spf2.0/pra ip4:192.0.2.0/24 -all");
        assertThat(verdict.path("explanation").asText()).isNotEmpty();
        assertThat(verdict.path("reason").asText()).isNotEmpty();
        assertThat(verdict.path("dnsQueries")).isNotEmpty();
        assertThat(verdict.path("dnsQueries").get(0).asText()).startsWith("TXT fail.example.");
    }

    @Test
    void aMessageWithoutPraIsPermError() throws Exception {
        Path message = message("From: a@pass.example, b@pass.example\r\n");

        CommandRun run = CommandRun.lab(
                "check", "--ip", "127.0.0.1", "--helo", "mail.example", "--headers", message.toString(), "--json");

        assertThat(run.code()).as(run.err()).isZero();
        JsonNode verdict = JSON.readTree(run.out());
        assertThat(verdict.path("result").asText()).isEqualTo("permerror");
        assertThat(verdict.path("reason").asText()).contains("no Purported Responsible Address");
        assertThat(verdict.path("dnsQueries")).isEmpty();
    }

    @Test
    void aYamlZoneIsServedInsteadOfTheLabZone() throws Exception {
        Path zone = dir.resolve("zone.yml");
        Files.writeString(zone, "own.test:\n  - TXT: \"v=spf1 ip4:198.51.100.7 -all\"\n");

        CommandRun pass = CommandRun.lab(
                "check",
                "--ip",
                "198.51.100.7",
                "--helo",
                "x",
                "--mail-from",
                "a@own.test",
                "--zone",
                zone.toString(),
                "--json");
        CommandRun labDomain = CommandRun.lab(
                "check",
                "--ip",
                "127.0.0.1",
                "--helo",
                "x",
                "--mail-from",
                "a@pass.example",
                "--zone",
                zone.toString(),
                "--json");

        assertThat(JSON.readTree(pass.out()).path("result").asText()).isEqualTo("pass");
        assertThat(JSON.readTree(labDomain.out()).path("result").asText())
                .as("not in this zone")
                .isEqualTo("none");
    }

    @Test
    void aMasterFileZoneIsServed() throws Exception {
        Path zone = dir.resolve("own.zone");
        Files.writeString(zone, "$ORIGIN own.test.\n$TTL 300\n@ IN TXT \"v=spf1 ip4:198.51.100.0/24 ~all\"\n");

        CommandRun run = CommandRun.lab(
                "check",
                "--ip",
                "203.0.113.9",
                "--helo",
                "x",
                "--mail-from",
                "a@own.test",
                "--zone",
                zone.toString(),
                "--json");

        assertThat(run.code()).as(run.err()).isZero();
        JsonNode verdict = JSON.readTree(run.out());
        assertThat(verdict.path("result").asText()).isEqualTo("softfail");
        assertThat(verdict.path("record").asText()).isEqualTo("v=spf1 ip4:198.51.100.0/24 ~all");
    }

    @Test
    void aRealDnsServerCanBeAskedByAddress() throws Exception {
        try (EmbeddedDnsServer server = EmbeddedDnsServer.start(LabZone.load())) {
            CommandRun run = CommandRun.lab(
                    "check",
                    "--ip",
                    "127.0.0.1",
                    "--helo",
                    "x",
                    "--mail-from",
                    "a@softfail.example",
                    "--dns",
                    "127.0.0.1:" + server.port(),
                    "--json");

            assertThat(run.code()).as(run.err()).isZero();
            JsonNode verdict = JSON.readTree(run.out());
            assertThat(verdict.path("result").asText()).isEqualTo("softfail");
            assertThat(verdict.path("dns").asText()).contains("127.0.0.1:" + server.port());
            assertThat(server.queriesAnswered()).as("the named server answered").isPositive();
        }
    }

    @Test
    void aRelativePathIsRelativeToWhereTheUserRanTheCommand() throws Exception {
        Files.writeString(dir.resolve("here.yml"), "own.test:\n  - TXT: \"v=spf1 +all\"\n");
        String before = System.getProperty(LabPaths.USER_DIR_PROPERTY);
        System.setProperty(LabPaths.USER_DIR_PROPERTY, dir.toString());
        try {
            CommandRun run = CommandRun.lab(
                    "check",
                    "--ip",
                    "192.0.2.1",
                    "--helo",
                    "x",
                    "--mail-from",
                    "a@own.test",
                    "--zone",
                    "here.yml",
                    "--json");

            assertThat(run.code()).as(run.err()).isZero();
            assertThat(JSON.readTree(run.out()).path("result").asText()).isEqualTo("pass");
        } finally {
            if (before == null) {
                System.clearProperty(LabPaths.USER_DIR_PROPERTY);
            } else {
                System.setProperty(LabPaths.USER_DIR_PROPERTY, before);
            }
        }
    }

    private Path message(String headers) throws Exception {
        Path file = dir.resolve("message.eml");
        Files.writeString(file, headers + "To: <bob@lab.example>\r\nSubject: test\r\n\r\nHello.\r\n");
        return file;
    }
}
