package lab.kb905214.engine.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import lab.kb905214.engine.check.CheckCoordinator;
import lab.kb905214.engine.failpoint.Failpoints;
import lab.kb905214.engine.store.Maildir;
import lab.kb905214.engine.thread.ThreadRole;
import lab.kb905214.engine.watch.Connections;
import lab.kb905214.engine.watch.WatchedSocket;
import lab.kb905214.engine.watch.WatchingServerSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * One SMTP virtual server on SubEtha SMTP with Sender ID filtering, its behaviour under the race decided only by
 * the {@link CheckCoordinator} it is given. Owns the SubEtha server, the connection watchers, the single completion
 * thread ("completion-&lt;port&gt;") and the Maildir.
 */
public final class VirtualServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VirtualServer.class);

    private final EngineConfig config;
    private final CheckCoordinator coordinator;
    private final Maildir maildir;
    private final EngineCounters counters;
    private final WatchingServerSocketFactory sockets;
    private final ExecutorService completionThread;
    private final AtomicReference<Thread> completer;
    private final SessionExecutor sessions;
    private final SMTPServer smtp;
    private final int port;
    private boolean closed;
    private volatile boolean abandoned;

    private VirtualServer(
            EngineConfig config,
            CheckCoordinator coordinator,
            Maildir maildir,
            EngineCounters counters,
            WatchingServerSocketFactory sockets,
            ExecutorService completionThread,
            AtomicReference<Thread> completer,
            SessionExecutor sessions,
            SMTPServer smtp) {
        this.config = config;
        this.coordinator = coordinator;
        this.maildir = maildir;
        this.counters = counters;
        this.sockets = sockets;
        this.completionThread = completionThread;
        this.completer = completer;
        this.sessions = sessions;
        this.smtp = smtp;
        this.port = sockets.localPort();
    }

    /** Builds and starts a server answering on {@code config}'s address with {@code coordinator} in the race. */
    public static VirtualServer start(EngineConfig config, CheckCoordinator coordinator) throws IOException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(coordinator, "coordinator");
        Maildir maildir = Maildir.open(config.maildir(), config.hostName());
        EngineCounters counters = new EngineCounters();
        WatchingServerSocketFactory sockets =
                new WatchingServerSocketFactory(new TeardownListener(coordinator, counters), config.readAheadBytes());
        // Threads are created on first use, after the bind, so the names carry the real port.
        AtomicReference<Thread> completer = new AtomicReference<>();
        ExecutorService completionThread =
                new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, ThreadRole.COMPLETION.threadName(sockets.localPort()));
                    thread.setDaemon(true);
                    completer.set(thread);
                    return thread;
                });
        SessionExecutor sessions = new SessionExecutor(coordinator, sockets::localPort);
        SenderIdStage stage =
                new SenderIdStage(config, coordinator, maildir, counters, neverRejecting(completionThread));
        SMTPServer smtp = SMTPServer.port(config.port())
                .bindAddress(config.bindAddress())
                .hostName(config.hostName())
                .maxConnections(config.maxConnections())
                .connectionTimeout((int) config.connectionTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .maxMessageSize(config.maxMessageSize())
                .serverSocketFactory(sockets)
                .executorService(sessions)
                .serverThreadNameProvider(server -> ThreadRole.ACCEPT.threadName(sockets.localPort()))
                .messageHandlerFactory(context -> handlerFor(context, sockets.connections(), stage, config))
                .build();
        smtp.getCommandHandler().addCommand(new PipeliningEhloCommand());
        try {
            smtp.start();
        } catch (RuntimeException e) {
            sockets.closeServerSocket();
            completionThread.shutdownNow();
            sessions.shutdownNow();
            throw new IOException(
                    "cannot start the SMTP server on " + config.bindAddress().getHostAddress() + ":" + config.port(),
                    e);
        }
        VirtualServer server = new VirtualServer(
                config, coordinator, maildir, counters, sockets, completionThread, completer, sessions, smtp);
        log.info(
                "virtual server {} listening on {}:{}",
                config.hostName(),
                config.bindAddress().getHostAddress(),
                server.port);
        return server;
    }

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    /** The configuration it runs with. */
    public EngineConfig config() {
        return config;
    }

    /** What it did with the transactions that reached DATA. */
    public EngineCounters counters() {
        return counters;
    }

    /** The coordinator installed at start. */
    public CheckCoordinator coordinator() {
        return coordinator;
    }

    /** The Maildir accepted messages go to. */
    public Maildir maildir() {
        return maildir;
    }

    /** The connections open now. */
    public Connections connections() {
        return sockets.connections();
    }

    /** The name of the server's completion thread. */
    public String completionThreadName() {
        return ThreadRole.COMPLETION.threadName(port);
    }

    /** The failpoints of the installed coordinator (off unless a schedule arms them). */
    public Failpoints failpoints() {
        return coordinator.failpoints();
    }

    /**
     * The live threads this server runs now: its accept thread, session threads, connection watchers and
     * completion thread; with several engines in one JVM, a hang detector looks at these only.
     */
    public Set<Thread> threads() {
        Set<Thread> threads = new HashSet<>(sessions.sessionThreads());
        for (WatchedSocket connection : sockets.connections().live()) {
            Thread watcher = connection.watcherThread();
            if (watcher != null) {
                threads.add(watcher);
            }
        }
        Thread completion = completer.get();
        if (completion != null) {
            threads.add(completion);
        }
        String acceptName = ThreadRole.ACCEPT.threadName(port);
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals(acceptName)) {
                threads.add(thread);
            }
        }
        threads.removeIf(thread -> !thread.isAlive());
        return threads;
    }

    /** Whether {@link #close()} gave up waiting for SubEtha to stop and left the server's threads behind. */
    public boolean isAbandoned() {
        return abandoned;
    }

    /** Stops the server, waiting at most {@link EngineConfig#stopLimit()}; a hung server is abandoned. */
    @Override
    public void close() {
        closeAbandoningIfHung(config.stopLimit());
    }

    /**
     * Stops the server, waiting at most {@code limit} for SubEtha's {@code stop()}, which waits without a limit
     * for every session thread and so never returns on a hung engine. If it does not return in time the server is
     * abandoned: its port and client sockets are closed, its threads interrupted (a thread blocked on a monitor
     * stays blocked: daemon, it cannot keep the JVM alive) and it is marked {@link #isAbandoned() abandoned}.
     *
     * @return true if the server stopped within the limit
     */
    public synchronized boolean closeAbandoningIfHung(Duration limit) {
        if (closed) {
            return !abandoned;
        }
        closed = true;
        Thread stopper = new Thread(smtp::stop, ThreadRole.STOP.threadName(port));
        stopper.setDaemon(true);
        stopper.start();
        boolean stopped;
        try {
            stopper.join(Math.max(1, limit.toMillis()));
            stopped = !stopper.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = false;
        }
        if (!stopped) {
            abandoned = true;
            sockets.closeServerSocket();
            for (WatchedSocket connection : sockets.connections().live()) {
                try {
                    connection.close();
                } catch (IOException e) {
                    // Best effort while abandoning.
                }
            }
            sessions.shutdownNow();
            log.warn("virtual server on port {} did not stop within {}; abandoned", port, limit);
        }
        completionThread.shutdownNow();
        return stopped;
    }

    private static MessageHandler handlerFor(
            MessageContext context, Connections connections, SenderIdStage stage, EngineConfig config) {
        Optional<WatchedSocket> connection = connections.find(context.getRemoteAddress());
        if (connection.isEmpty()) {
            // Only a connection closed under the session gets here; it cannot carry a transaction.
            return new UntrackedConnection();
        }
        return new TransactionHandler(stage, context, connection.get(), config.maxRecipients());
    }

    // After close, a late DNS answer must not throw into dnsjava's or the test's thread: it is dropped (its
    // session is being stopped or abandoned anyway).
    private static Executor neverRejecting(ExecutorService executor) {
        return task -> {
            try {
                executor.execute(task);
            } catch (RejectedExecutionException e) {
                log.debug("completion dropped: the server is closing");
            }
        };
    }

    /** Refuses transactions on a connection the watcher no longer tracks. */
    private static final class UntrackedConnection implements MessageHandler {
        @Override
        public void from(String from) throws RejectException {
            throw new RejectException(451, "4.3.0 Connection is closing");
        }

        @Override
        public void recipient(String recipient) throws RejectException {
            throw new RejectException(451, "4.3.0 Connection is closing");
        }

        @Override
        public String data(InputStream data) throws RejectException {
            throw new RejectException(451, "4.3.0 Connection is closing");
        }

        @Override
        public void done() {}
    }
}
