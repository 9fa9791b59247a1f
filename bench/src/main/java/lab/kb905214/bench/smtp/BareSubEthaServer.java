package lab.kb905214.bench.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import lab.kb905214.engine.smtp.EngineConfig;
import lab.kb905214.engine.store.Maildir;
import lab.kb905214.engine.store.Spool;
import lab.kb905214.engine.watch.WatchListener;
import lab.kb905214.engine.watch.WatchedSocket;
import lab.kb905214.engine.watch.WatchingServerSocketFactory;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The peer for SMTP throughput: the same SubEtha SMTP server with no filter, storing each message into the same kind
 * of Maildir the engine stores into (spool to tmp/, then deliver to new/); with no connection watcher, or, as a step
 * of the cost ladder, with the engine's watcher reading every connection ahead (no check is ever in flight, so it
 * never reports anything: what it costs is its thread and its hand-over of every byte).
 */
public final class BareSubEthaServer implements AutoCloseable {
    /** No check is ever in flight on a bare server, so a watcher never calls this. */
    private static final WatchListener NOBODY_LISTENS = new WatchListener() {
        @Override
        public void clientGone(WatchedSocket connection, Runnable release) {}

        @Override
        public void pipelinedReset(WatchedSocket connection, Runnable release) {}
    };

    private final SMTPServer smtp;
    private final Maildir maildir;

    private BareSubEthaServer(SMTPServer smtp, Maildir maildir) {
        this.smtp = smtp;
        this.maildir = maildir;
    }

    /** Starts on an ephemeral loopback port, storing into {@code maildirRoot}; no connection watcher. */
    public static BareSubEthaServer start(Path maildirRoot, int maxConnections) throws IOException {
        return start(maildirRoot, maxConnections, false);
    }

    /** As {@link #start(Path, int)}, with every connection read ahead by the engine's watcher when {@code watched}. */
    public static BareSubEthaServer start(Path maildirRoot, int maxConnections, boolean watched) throws IOException {
        Maildir maildir = Maildir.open(maildirRoot, "bare.lab.example");
        SMTPServer.Builder builder = SMTPServer.port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("bare.lab.example")
                .maxConnections(maxConnections)
                .messageHandlerFactory(context -> new StoringHandler(maildir));
        if (watched) {
            builder.serverSocketFactory(
                    new WatchingServerSocketFactory(NOBODY_LISTENS, EngineConfig.DEFAULT_READ_AHEAD_BYTES));
        }
        SMTPServer smtp = builder.build();
        smtp.start();
        return new BareSubEthaServer(smtp, maildir);
    }

    /** The port it listens on. */
    public int port() {
        return smtp.getPortAllocated();
    }

    /** Messages in new/. */
    public int storedCount() throws IOException {
        return maildir.storedCount();
    }

    /** Stops the server (nothing here can hang: no filter, no coordinator). */
    @Override
    public void close() {
        smtp.stop();
    }

    /** Stores the message as the engine does, without any check and without result headers. */
    private static final class StoringHandler implements MessageHandler {
        private final Maildir maildir;

        StoringHandler(Maildir maildir) {
            this.maildir = maildir;
        }

        @Override
        public void from(String from) {}

        @Override
        public void recipient(String recipient) {}

        @Override
        public String data(InputStream data) throws IOException {
            Spool spool = maildir.newSpool();
            try {
                data.transferTo(spool.output());
                spool.deliver(List.of());
                return "2.6.0 Message accepted, queued as " + spool.name();
            } finally {
                spool.discard(); // a no-op once delivered
            }
        }

        @Override
        public void done() {}
    }
}
