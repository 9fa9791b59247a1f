package lab.kb905214.engine.fixed;

import static lab.kb905214.engine.fixed.RealStack.FAIL;
import static lab.kb905214.engine.fixed.RealStack.PASS;
import static lab.kb905214.engine.fixed.RealStack.PERMERROR;
import static lab.kb905214.engine.fixed.RealStack.SOFTFAIL;
import static lab.kb905214.engine.fixed.RealStack.TEMPERROR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;
import lab.kb905214.engine.smtp.EngineConfig;
import lab.kb905214.engine.smtp.EngineCounters;
import lab.kb905214.senderid.policy.ErrorHandling;
import lab.kb905214.senderid.policy.FilterAction;
import lab.kb905214.senderid.policy.FilterPolicy;
import lab.kb905214.senderid.policy.PerimeterIps;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real clients (Angus Mail and a raw socket) against engine-fixed with the real Sender ID stack behind it: every
 * result of the zone gets the reply RFC 5321 and the policy call for, and every 250 is exactly one stored message
 * carrying the stamped headers.
 */
@Timeout(60)
class RealClientsTest {
    private static final FilterPolicy REJECT_FAIL = FilterPolicy.defaults().withOnFail(FilterAction.REJECT);

    @TempDir
    Path dir;

    private RealStack stack;
    /** The Message-IDs the server answered 250 for and should have stored (not those it deleted). */
    private final List<String> expectedStored = new ArrayList<>();

    @AfterEach
    void everyAcceptedMessageIsStoredExactlyOnce() throws IOException {
        if (stack == null) {
            return;
        }
        try {
            stack.assertStoreConsistent();
            assertThat(stack.storedMessageIds()).containsExactlyInAnyOrderElementsOf(expectedStored);
            assertThat(stack.server().coordinator().lostVerdicts())
                    .as("lost verdicts")
                    .isZero();
        } finally {
            stack.close();
        }
    }

    @Test
    void passIsAnswered250AndStoredOnceWithTheStampedHeaders() throws Exception {
        start(b -> b);
        MimeMessage m = mimeMessage(PASS);

        String reply = send(m);

        assertThat(reply).startsWith("250 2.6.0");
        expectedStored.add(m.getMessageID());
        String stored = stack.storedFor(reply);
        // The stamp comes first, then the message as received.
        assertThat(stored)
                .startsWith("Authentication-Results: " + RealStack.HOST + "; sender-id=pass")
                .contains(" header.from=alice@" + PASS + "\r\n")
                .contains("\r\nX-Sender-Id-Status: 0x2 (pass)\r\n")
                .contains("\r\nMessage-ID: " + m.getMessageID() + "\r\n");
        assertThat(counts().accepted()).isEqualTo(1);
    }

    @Test
    void failWithRejectIsRefused550AndNothingIsStored() throws Exception {
        start(b -> b.filterPolicy(REJECT_FAIL));

        SMTPSendFailedException e = catchThrowableOfType(() -> send(mimeMessage(FAIL)), SMTPSendFailedException.class);

        assertThat(e.getReturnCode()).isEqualTo(550);
        assertThat(e.getMessage()).contains("5.7.1 Sender ID check failed: fail");
        assertThat(stack.server().maildir().storedCount()).isZero();
        assertThat(counts().rejected()).isEqualTo(1);
    }

    @Test
    void failWithDeleteIsAnswered250ButNothingIsStored() throws Exception {
        start(b -> b.filterPolicy(FilterPolicy.defaults().withOnFail(FilterAction.DELETE)));

        String reply = send(mimeMessage(FAIL));

        assertThat(reply).startsWith("250 2.6.0");
        assertThat(stack.server().maildir().storedCount()).isZero();
        assertThat(counts().deleted()).isEqualTo(1);
        assertThat(stack.server().maildir().deletedByPolicy()).isEqualTo(1);
    }

    @Test
    void failWithTheDefaultAcceptIsStoredWithFailStamped() throws Exception {
        start(b -> b);
        MimeMessage m = mimeMessage(FAIL);

        String reply = send(m);

        expectedStored.add(m.getMessageID());
        assertThat(stack.storedFor(reply))
                .startsWith("Authentication-Results: " + RealStack.HOST + "; sender-id=fail")
                .contains(" header.from=alice@" + FAIL + "\r\n")
                .contains("\r\nX-Sender-Id-Status: 0x3 (fail)\r\n");
    }

    @Test
    void softFailIsAcceptedAndStamped() throws Exception {
        start(b -> b.filterPolicy(REJECT_FAIL)); // Reject applies to Fail only, never to SoftFail
        MimeMessage m = mimeMessage(SOFTFAIL);

        String reply = send(m);

        expectedStored.add(m.getMessageID());
        assertThat(stack.storedFor(reply)).contains("sender-id=softfail").contains("0x4 (softfail)");
    }

    @Test
    void aNameThatNeverAnswersIsATempErrorDeferredWith451() throws Exception {
        start(b -> b);

        SMTPSendFailedException e =
                catchThrowableOfType(() -> send(mimeMessage(TEMPERROR)), SMTPSendFailedException.class);

        assertThat(e.getReturnCode()).isEqualTo(451);
        assertThat(e.getMessage()).contains("4.4.3 Sender ID check returned temperror");
        assertThat(stack.server().maildir().storedCount()).isZero();
        // The DNS timeout made the TempError, not the engine's bound on the wait (20 s by default).
        assertThat(counts().deferred()).isEqualTo(1);
        assertThat(counts().timedOut()).isZero();
    }

    @Test
    void permErrorIsAcceptedAndStampedByDefault() throws Exception {
        start(b -> b);
        MimeMessage m = mimeMessage(PERMERROR);

        String reply = send(m);

        expectedStored.add(m.getMessageID());
        assertThat(stack.storedFor(reply)).contains("sender-id=permerror").contains("0x80000007 (permerror)");
    }

    @Test
    void permErrorTreatedAsFailIsRejectedWhenFailIsRejected() throws Exception {
        start(b -> b.filterPolicy(REJECT_FAIL.withOnPermError(ErrorHandling.TREAT_AS_FAIL)));

        SMTPSendFailedException e =
                catchThrowableOfType(() -> send(mimeMessage(PERMERROR)), SMTPSendFailedException.class);

        assertThat(e.getReturnCode()).isEqualTo(550);
        assertThat(e.getMessage()).contains("5.7.1 Sender ID check failed: permerror");
        assertThat(counts().rejected()).isEqualTo(1);
    }

    @Test
    void behindAPerimeterRelayTheVerdictFollowsTheAddressTheRelayRecorded() throws Exception {
        // 127.0.0.1 is the relay; the Received header it wrote names 192.0.2.10, which fail.test designates and
        // pass.test does not. Checking 127.0.0.1 would give the opposite answers.
        PerimeterIps perimeter = PerimeterIps.of(List.of(InetAddress.getLoopbackAddress()));
        start(b -> b.filterPolicy(REJECT_FAIL).perimeterIps(perimeter));
        MimeMessage fromFail = relayed(mimeMessage(FAIL));
        MimeMessage fromPass = relayed(mimeMessage(PASS));

        String reply = send(fromFail);
        SMTPSendFailedException e = catchThrowableOfType(() -> send(fromPass), SMTPSendFailedException.class);

        expectedStored.add(fromFail.getMessageID());
        assertThat(stack.storedFor(reply)).contains("sender-id=pass").contains(" header.from=alice@" + FAIL);
        assertThat(e.getReturnCode()).isEqualTo(550);
        assertThat(e.getMessage()).contains("5.7.1 Sender ID check failed: fail");
    }

    @Test
    void aMessageWithTwoFromHeadersHasNoPraAndIsAPermError() throws Exception {
        start(b -> b);
        String twoFroms = "From: alice@" + PASS + "\r\n" + RealStack.message(PASS, "<two-froms@client.test>");
        String reply;
        try (RealStack.Client client = stack.connect()) {
            client.hello();
            reply = client.transaction(PASS, twoFroms);
        }

        assertThat(reply).startsWith("250 2.6.0");
        expectedStored.add("<two-froms@client.test>");
        assertThat(stack.storedFor(reply)).contains("sender-id=permerror").contains("multiple From headers");
        // Without a PRA there is nothing to look up.
        assertThat(stack.dns().queriesReceived()).isZero();
    }

    @Test
    void aMessageWithTwoFromHeadersIsRejectedWhenPermErrorCountsAsFail() throws Exception {
        start(b -> b.filterPolicy(REJECT_FAIL.withOnPermError(ErrorHandling.TREAT_AS_FAIL)));
        String twoFroms = "From: alice@" + PASS + "\r\n" + RealStack.message(PASS, "<two-froms@client.test>");
        try (RealStack.Client client = stack.connect()) {
            client.hello();
            assertThat(client.transaction(PASS, twoFroms))
                    .startsWith("550 5.7.1 Sender ID check failed: permerror")
                    .contains("multiple From headers");
            // RFC 5321 4.1.1.4: the failed DATA ended the transaction; the session goes on.
            assertThat(client.command("QUIT")).startsWith("221 ");
        }
    }

    @Test
    void aRawConversationGetsTheRfc5321ReplyCodes() throws Exception {
        start(b -> b.filterPolicy(REJECT_FAIL));
        try (RealStack.Client client = stack.connect()) {
            assertThat(client.reply()).startsWith("220 " + RealStack.HOST);
            client.send("EHLO client.test\r\n");
            assertThat(client.replyLines()).first().asString().startsWith("250-" + RealStack.HOST);
            assertThat(client.command("RCPT TO:<bob@example.net>"))
                    .as("RCPT before MAIL")
                    .startsWith("503 ");
            assertThat(client.command("DATA")).as("DATA before MAIL").startsWith("503 ");
            assertThat(client.command("FROB nicate")).as("unknown command").startsWith("500 ");
            assertThat(client.command("NOOP")).startsWith("250 ");

            assertThat(client.transaction(PASS, RealStack.message(PASS, "<raw-1@client.test>")))
                    .startsWith("250 2.6.0 Message accepted, queued as ");
            expectedStored.add("<raw-1@client.test>");
            assertThat(client.transaction(FAIL, RealStack.message(FAIL, "<raw-2@client.test>")))
                    .startsWith("550 5.7.1 ");
            assertThat(client.transaction(TEMPERROR, RealStack.message(TEMPERROR, "<raw-3@client.test>")))
                    .startsWith("451 4.4.3 ");

            assertThat(client.command("MAIL FROM:<alice@" + PASS + ">")).startsWith("250 ");
            assertThat(client.command("RSET")).startsWith("250 ");
            assertThat(client.command("QUIT")).startsWith("221 ");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void severalMessagesOnOneConnectionAreEachStoredOnceWithTheirOwnVerdict() throws Exception {
        start(b -> b);
        List<MimeMessage> messages = List.of(
                mimeMessage(PASS), mimeMessage(FAIL), mimeMessage(SOFTFAIL), mimeMessage(PERMERROR), mimeMessage(PASS));
        List<String> replies = new ArrayList<>();
        try (SMTPTransport transport = transport()) {
            transport.connect();
            for (MimeMessage m : messages) {
                transport.sendMessage(m, m.getAllRecipients());
                replies.add(transport.getLastServerResponse());
                expectedStored.add(m.getMessageID());
            }
        }

        String[] results = {"pass", "fail", "softfail", "permerror", "pass"};
        for (int i = 0; i < messages.size(); i++) {
            assertThat(stack.storedFor(replies.get(i)))
                    .contains("sender-id=" + results[i] + " ")
                    .contains("\r\nMessage-ID: " + messages.get(i).getMessageID() + "\r\n");
        }
    }

    private void start(UnaryOperator<EngineConfig.Builder> settings) throws IOException {
        stack = RealStack.start(dir, settings);
    }

    private EngineCounters.Snapshot counts() {
        return stack.server().counters().snapshot();
    }

    /** Sends one message over a new connection and returns the server's reply to its DATA. */
    private String send(MimeMessage m) throws MessagingException {
        try (SMTPTransport transport = transport()) {
            transport.connect();
            transport.sendMessage(m, m.getAllRecipients());
            return transport.getLastServerResponse();
        }
    }

    private SMTPTransport transport() throws MessagingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(stack.port()));
        props.put("mail.smtp.localhost", "client.test"); // no lookup of the local host name
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "10000");
        return (SMTPTransport) jakarta.mail.Session.getInstance(props).getTransport("smtp");
    }

    /** A message from alice@{@code domain} with its Message-ID already assigned. */
    private static MimeMessage mimeMessage(String domain) throws MessagingException {
        MimeMessage m = new MimeMessage((jakarta.mail.Session) null);
        m.setFrom(new InternetAddress("alice@" + domain));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.net"));
        m.setSubject("to " + domain);
        m.setText("Hello Bob.\r\n");
        m.saveChanges(); // assigns the Message-ID now, so the test knows it before sending
        return m;
    }

    /** The message as the perimeter relay hands it on: with the Received header the relay wrote on top. */
    private static MimeMessage relayed(MimeMessage m) throws MessagingException {
        m.addHeader(
                "Received",
                "from relay ([" + RealStack.RELAYED_CLIENT + "]) by perimeter.lab.test;"
                        + " Tue, 1 Nov 2005 10:00:00 +0000");
        return m;
    }
}
