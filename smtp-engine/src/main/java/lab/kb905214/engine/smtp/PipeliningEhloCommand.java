package lab.kb905214.engine.smtp;

import java.io.IOException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * EHLO as SubEtha 7.2.2 answers it, but advertising PIPELINING (RFC 2920) and not CHUNKING.
 *
 * <p>SubEtha's session reads commands in order from a buffered stream, so pipelined commands work; it just does
 * not say so. The lab needs clients to pipeline (".\r\nQUIT\r\n" in one write is the protocol event behind the
 * race). CHUNKING is left out because the connection watcher follows DATA's dot framing only; BDAT stays
 * accepted for a client that sends it anyway. SubEtha's builder has no hook for commands, so this replaces the
 * EHLO entry of its (internal) command handler after the server is built.
 */
final class PipeliningEhloCommand extends BaseCommand {

    PipeliningEhloCommand() {
        super("EHLO", "Introduce yourself.", "<hostname>");
    }

    @Override
    public void execute(String commandString, Session session) throws IOException {
        String[] args = getArgs(commandString);
        if (args.length < 2) {
            session.sendResponse("501 Syntax: EHLO hostname");
            return;
        }
        session.resetMailTransaction();
        session.setHelo(args[1]);
        StringBuilder reply =
                new StringBuilder("250-").append(session.getServer().getHostName());
        reply.append("\r\n250-8BITMIME");
        int maxSize = session.getServer().getMaxMessageSize();
        if (maxSize > 0) {
            reply.append("\r\n250-SIZE ").append(maxSize);
        }
        reply.append("\r\n250-SMTPUTF8");
        reply.append("\r\n250 PIPELINING");
        session.sendResponse(reply.toString());
    }
}
