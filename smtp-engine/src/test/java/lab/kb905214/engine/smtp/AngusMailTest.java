package lab.kb905214.engine.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import lab.kb905214.senderid.check.Scope;
import lab.kb905214.senderid.check.SenderIdRequest;
import lab.kb905214.senderid.policy.FilterAction;
import lab.kb905214.senderid.policy.FilterPolicy;
import lab.kb905214.senderid.spf.SpfResult;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A real mail client (Angus Mail) against the server: each policy decision gives its reply and its store effect. */
@Timeout(60)
class AngusMailTest extends ServerFixture {

    @Test
    void passIsAcceptedStampedAndStoredOnce() throws Exception {
        start();
        String reply = send("pass");

        assertThat(reply).startsWith("250 2.6.0").contains("queued as ");
        String queueId = reply.substring(reply.indexOf("queued as ") + "queued as ".length())
                .trim();
        List<Path> stored = server.maildir().storedMessages();
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).getFileName()).hasToString(queueId);
        String text = Files.readString(stored.get(0), StandardCharsets.ISO_8859_1);
        // The stamped lines come first, then the message exactly as received.
        assertThat(text).startsWith("Authentication-Results: mx.lab.test; sender-id=pass");
        assertThat(text).contains("\r\nX-Sender-Id-Status: 0x2 (pass)\r\n");
        assertThat(text).contains("\r\nSubject: pass\r\n").endsWith("Hello Bob.\r\n");
        assertThat(server.counters().snapshot().accepted()).isEqualTo(1);

        SenderIdRequest request = check.requests.get(0);
        assertThat(request.scope()).isEqualTo(Scope.PRA);
        assertThat(request.mailFrom()).isEqualTo("alice@example.com");
        assertThat(request.helo()).isEqualTo("client.test");
        assertThat(request.clientIp().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(request.headers()).anySatisfy(h -> assertThat(h.name()).isEqualTo("From"));
        // The verdict was posted on the server's own completion thread, never the caller's or a pool's.
        assertThat(coordinator.completionThreads).containsOnly(server.completionThreadName());
    }

    @Test
    void failWithRejectIsRefusedWith550AndNothingIsStored() throws Exception {
        check.answering(SpfResult.FAIL);
        start(b -> b.filterPolicy(FilterPolicy.defaults().withOnFail(FilterAction.REJECT)));

        SMTPSendFailedException e = catchThrowableOfType(() -> send("fail"), SMTPSendFailedException.class);

        assertThat(e.getReturnCode()).isEqualTo(550);
        assertThat(e.getMessage()).contains("5.7.1 Sender ID check failed: fail");
        assertThat(server.maildir().storedCount()).isZero();
        assertThat(server.counters().snapshot().rejected()).isEqualTo(1);
    }

    @Test
    void failWithDeleteIsAnswered250ButDroppedAndCounted() throws Exception {
        check.answering(SpfResult.FAIL);
        start(b -> b.filterPolicy(FilterPolicy.defaults().withOnFail(FilterAction.DELETE)));

        String reply = send("delete me");

        assertThat(reply).startsWith("250 ");
        assertThat(server.maildir().storedCount()).isZero();
        assertThat(server.maildir().deletedByPolicy()).isEqualTo(1);
        assertThat(server.counters().snapshot().deleted()).isEqualTo(1);
    }

    @Test
    void tempErrorIsDeferredWith451() throws Exception {
        check.answering(SpfResult.TEMPERROR);
        start();

        SMTPSendFailedException e = catchThrowableOfType(() -> send("later"), SMTPSendFailedException.class);

        assertThat(e.getReturnCode()).isEqualTo(451);
        assertThat(e.getMessage()).contains("4.4.3");
        assertThat(server.maildir().storedCount()).isZero();
        assertThat(server.counters().snapshot().deferred()).isEqualTo(1);
    }

    @Test
    void aFailureOfTheEvaluationStillCompletesTheCheck() throws Exception {
        // A check whose stage fails (a defect) reaches the coordinator as a failure; the test coordinator turns
        // it into TempError, which the default policy defers.
        check.failingWith(new IllegalStateException("defect"));
        start();

        SMTPSendFailedException e = catchThrowableOfType(() -> send("defect"), SMTPSendFailedException.class);

        assertThat(e.getReturnCode()).isEqualTo(451);
        assertThat(coordinator.completionThreads).containsOnly(server.completionThreadName());
    }

    @Test
    void severalMessagesOnOneConnectionAreEachStoredOnce() throws Exception {
        start();
        try (SMTPTransport transport = transport()) {
            transport.connect();
            for (int i = 0; i < 5; i++) {
                MimeMessage m = mimeMessage("message " + i);
                transport.sendMessage(m, m.getAllRecipients());
                assertThat(transport.getLastServerResponse()).startsWith("250 2.6.0");
            }
        }
        assertThat(server.maildir().storedCount()).isEqualTo(5);
    }

    private String send(String subject) throws MessagingException {
        try (SMTPTransport transport = transport()) {
            transport.connect();
            MimeMessage m = mimeMessage(subject);
            transport.sendMessage(m, m.getAllRecipients());
            return transport.getLastServerResponse();
        }
    }

    private SMTPTransport transport() throws MessagingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(server.port()));
        props.put("mail.smtp.localhost", "client.test"); // no local host name lookup
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "10000");
        jakarta.mail.Session session = jakarta.mail.Session.getInstance(props);
        return (SMTPTransport) session.getTransport("smtp");
    }

    private static MimeMessage mimeMessage(String subject) throws MessagingException {
        MimeMessage m = new MimeMessage((jakarta.mail.Session) null);
        m.setFrom(new InternetAddress("alice@example.com"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.net"));
        m.setSubject(subject);
        m.setText("Hello Bob.\r\n");
        return m;
    }
}
