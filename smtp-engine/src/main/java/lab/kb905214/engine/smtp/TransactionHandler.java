package lab.kb905214.engine.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import lab.kb905214.engine.watch.WatchedSocket;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.Session;

/** One mail transaction (SubEtha creates one per MAIL): keeps the envelope and hands DATA to the Sender ID stage. */
final class TransactionHandler implements MessageHandler {
    private final SenderIdStage stage;
    private final MessageContext context;
    private final WatchedSocket connection;
    private final int maxRecipients;
    private String mailFrom = "";
    private int recipients;

    TransactionHandler(SenderIdStage stage, MessageContext context, WatchedSocket connection, int maxRecipients) {
        this.stage = stage;
        this.context = context;
        this.connection = connection;
        this.maxRecipients = maxRecipients;
    }

    @Override
    public void from(String from) {
        mailFrom = reversePath(from);
    }

    @Override
    public void recipient(String recipient) throws RejectException {
        // Checked before counting: SubEtha adds the recipient only when this returns normally.
        if (recipients >= maxRecipients) {
            throw new RejectException(452, "4.5.3 Too many recipients");
        }
        recipients++;
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
        InetAddress remoteIp = ((InetSocketAddress) context.getRemoteAddress()).getAddress();
        try {
            return stage.process(
                    data,
                    new SenderIdStage.Envelope(
                            connection.sessionId(),
                            connection,
                            remoteIp,
                            context.getHelo().orElse(""),
                            mailFrom,
                            recipients));
        } catch (RejectException e) {
            // RFC 5321 4.1.1.4: the end of the data clears the envelope whatever the reply. SubEtha 7.2.2 resets
            // it only after a 250, so a client retrying without RSET would get "503 Sender already specified".
            if (context instanceof Session session) {
                session.resetMailTransaction();
            }
            throw e;
        }
    }

    @Override
    public void done() {
        // Nothing held between transactions: the stage frees its spool before DATA is answered.
    }

    // SubEtha passes the address without angle brackets; "<>" (the null reverse-path) may still arrive bracketed.
    private static String reversePath(String from) {
        if (from == null) {
            return "";
        }
        String s = from.trim();
        if (s.startsWith("<") && s.endsWith(">")) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }
}
