package lab.kb905214.senderid.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import lab.kb905214.senderid.check.Scope;
import lab.kb905214.senderid.check.SenderIdRequest;
import lab.kb905214.senderid.check.SenderIdVerdict;
import lab.kb905214.senderid.spf.IpLiteral;
import lab.kb905214.senderid.spf.SpfResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The stamped header lines: Received-SPF (RFC 7208 §9.1), Authentication-Results (RFC 8601), the status. */
class ResultHeadersTest {
    private static final String RECEIVER = "mx.receiver.example";
    private static final InetAddress CLIENT = IpLiteral.any("192.0.2.1").orElseThrow();

    @Test
    void anSpfCheckOfMailFromGetsAllThreeLines() {
        SenderIdRequest request = request("alice@example.com", "mail.example.com", Scope.SPF);
        SenderIdVerdict verdict = verdict(SpfResult.FAIL, Scope.SPF, "alice@example.com", "mailfrom");

        List<String> lines = ResultHeaders.stamp(verdict, request, RECEIVER);

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0))
                .isEqualTo("Received-SPF: fail (mx.receiver.example: domain of alice@example.com"
                        + " does not designate 192.0.2.1 as permitted sender) client-ip=192.0.2.1;"
                        + " envelope-from=\"alice@example.com\"; helo=mail.example.com; receiver=mx.receiver.example;"
                        + " identity=mailfrom");
        assertThat(lines.get(1))
                .startsWith("Authentication-Results: mx.receiver.example; spf=fail ")
                .endsWith(" smtp.mailfrom=alice@example.com");
        assertThat(lines.get(2)).isEqualTo("X-Sender-Id-Status: 0x3 (fail)");
    }

    @Test
    void anSpfCheckOfHeloSaysSo() {
        SenderIdRequest request = request("", "mail.example.com", Scope.SPF);
        SenderIdVerdict verdict = verdict(SpfResult.PASS, Scope.SPF, "mail.example.com", "helo");

        List<String> lines = ResultHeaders.stamp(verdict, request, RECEIVER);

        assertThat(lines.get(0))
                .startsWith("Received-SPF: pass (")
                .contains(
                        " client-ip=192.0.2.1;",
                        " envelope-from=\"\";",
                        " helo=mail.example.com;",
                        " receiver=mx.receiver.example;")
                .endsWith(" identity=helo");
        assertThat(lines.get(1)).contains("; spf=pass ").endsWith(" smtp.helo=mail.example.com");
    }

    @Test
    void aPraVerdictNamesTheHeaderThePraCameFrom() {
        SenderIdRequest request = request("bounce@lists.example", "mail.example.com", Scope.PRA);

        for (String header : List.of("from", "sender", "resent-from", "resent-sender")) {
            SenderIdVerdict verdict = verdict(SpfResult.PASS, Scope.PRA, "bob@example.org", header);

            List<String> lines = ResultHeaders.stamp(verdict, request, RECEIVER);

            // Received-SPF describes an SMTP identity only: a PRA verdict has none.
            assertThat(lines).noneMatch(line -> line.startsWith("Received-SPF:"));
            assertThat(lines.get(0))
                    .startsWith("Authentication-Results: mx.receiver.example; sender-id=pass ")
                    .endsWith(" header." + header + "=bob@example.org");
            assertThat(lines.get(1)).isEqualTo("X-Sender-Id-Status: 0x2 (pass)");
        }
    }

    @Test
    void anMfromVerdictIsSenderIdOverTheEnvelope() {
        SenderIdRequest request = request("alice@example.com", "mail.example.com", Scope.MFROM);
        SenderIdVerdict verdict = verdict(SpfResult.SOFTFAIL, Scope.MFROM, "alice@example.com", "mailfrom");

        List<String> lines = ResultHeaders.stamp(verdict, request, RECEIVER);

        assertThat(lines.get(0)).startsWith("Received-SPF: softfail (").endsWith(" identity=mailfrom");
        assertThat(lines.get(1)).contains("; sender-id=softfail ").endsWith(" smtp.mailfrom=alice@example.com");
    }

    @ParameterizedTest
    @EnumSource(SpfResult.class)
    void everyResultIsWrittenByItsKeywordAndStatus(SpfResult result) {
        SenderIdRequest request = request("alice@example.com", "mail.example.com", Scope.SPF);

        List<String> lines =
                ResultHeaders.stamp(verdict(result, Scope.SPF, "alice@example.com", "mailfrom"), request, RECEIVER);

        assertThat(lines.get(0)).startsWith("Received-SPF: " + result.keyword() + " (");
        assertThat(lines.get(1)).contains("; spf=" + result.keyword() + " ");
        assertThat(lines.get(2))
                .isEqualTo(ResultHeaders.STATUS_HEADER + ": "
                        + SenderIdStatus.of(result).hex() + " (" + result.keyword() + ")");
    }

    @ParameterizedTest
    @EnumSource(Scope.class)
    void crLfAndNonAsciiInTheIdentitiesCannotAddHeaders(Scope scope) {
        String evil = "alice@example.com\r\nX-Injected: yes\r\n\r\nbody";
        SenderIdRequest request =
                new SenderIdRequest(CLIENT, "mail.example.com\r\nBcc: victim@example.net", evil, List.of(), scope);
        SenderIdVerdict verdict = new SenderIdVerdict(
                SpfResult.PERMERROR,
                scope,
                "j\u00f6rg@exa\u00efmple.com\nX-Evil: 1",
                scope == Scope.PRA ? "from" : "mailfrom",
                "v=spf1 -all",
                "",
                "record of ex\u00e4mple.com:\r\nX-Reason: injected",
                List.of());

        List<String> lines = ResultHeaders.stamp(verdict, request, RECEIVER + "\r\nX-Host: 1");

        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            assertThat(line.chars()).as("printable US-ASCII only: %s", line).allMatch(c -> c >= 0x20 && c <= 0x7e);
            assertThat(line).doesNotContain("\r", "\n");
        });
        assertThat(lines)
                .noneMatch(line -> line.startsWith("X-Injected")
                        || line.startsWith("X-Evil")
                        || line.startsWith("Bcc")
                        || line.startsWith("X-Reason")
                        || line.startsWith("X-Host"));
    }

    @Test
    void aCraftedIdentityCannotAddAResultOrCloseTheComment() {
        SenderIdRequest request = request("x)@example.com", "mail.example.com", Scope.SPF);
        SenderIdVerdict spf = verdict(SpfResult.FAIL, Scope.SPF, "x) (y@example.com; spf=pass", "mailfrom");
        SenderIdVerdict pra = verdict(SpfResult.FAIL, Scope.PRA, "a@b.example; sender-id=pass", "from");

        String receivedSpf = ResultHeaders.stamp(spf, request, RECEIVER).get(0);
        String spfResults = ResultHeaders.stamp(spf, request, RECEIVER).get(1);
        String praResults = ResultHeaders.stamp(pra, request, RECEIVER).get(0);

        // The comment holds no parenthesis of its own, so it ends where the header writer ended it.
        String comment = receivedSpf.substring(receivedSpf.indexOf('(') + 1, receivedSpf.indexOf(')'));
        assertThat(comment).startsWith("mx.receiver.example: domain of x] [y@example.com");
        // Outside quoted strings, one ';' only: the one after the authserv-id. No second result can appear.
        assertThat(unquoted(spfResults)).containsOnlyOnce(";").doesNotContain("spf=pass");
        assertThat(unquoted(praResults)).containsOnlyOnce(";").doesNotContain("sender-id=pass");
        assertThat(praResults).endsWith(" header.from=\"a@b.example; sender-id=pass\"");
    }

    private static SenderIdRequest request(String mailFrom, String helo, Scope scope) {
        return new SenderIdRequest(CLIENT, helo, mailFrom, List.of(), scope);
    }

    private static SenderIdVerdict verdict(SpfResult result, Scope scope, String identity, String source) {
        return new SenderIdVerdict(result, scope, identity, source, "v=spf1 -all", "", "", List.of());
    }

    /** The line with every quoted-string (and its escapes) removed. */
    private static String unquoted(String line) {
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
