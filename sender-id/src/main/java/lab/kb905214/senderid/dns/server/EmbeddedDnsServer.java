package lab.kb905214.senderid.dns.server;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An authoritative DNS server for one Zone on 127.0.0.1, UDP and TCP on the same ephemeral port. */
public final class EmbeddedDnsServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDnsServer.class);
    private static final InetAddress LOOPBACK = loopbackV4();
    /** Attempts at finding an ephemeral port free for both UDP and TCP. */
    private static final int BIND_ATTEMPTS = 10;
    /** Concurrent TCP connections served; more are closed at once (clients then retry or fail). */
    static final int MAX_TCP_CONNECTIONS = 64;
    /** How long a TCP connection may stay silent before the server closes it (RFC 7766 §6.2.3). */
    static final Duration TCP_IDLE_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(2);

    private final Responder responder;
    private final Faults faults;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final int port;
    /** Holds delayed replies, so latency never blocks the UDP loop or a TCP connection's reader. */
    private final ScheduledThreadPoolExecutor delayed;

    private final ExecutorService tcpConnections;
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    /** Every thread this server made, so close() can wait until each one has really ended. */
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    private final Thread udpThread;
    private final Thread tcpThread;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();

    private EmbeddedDnsServer(Zone zone, DatagramSocket udp, ServerSocket tcp) {
        this.faults = new Faults();
        this.responder = new Responder(zone, faults);
        this.udp = udp;
        this.tcp = tcp;
        this.port = udp.getLocalPort();
        this.delayed = new ScheduledThreadPoolExecutor(1, daemonThreads("embedded-dns-delay-" + port, false));
        delayed.setRemoveOnCancelPolicy(true);
        delayed.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.tcpConnections = new ThreadPoolExecutor(
                0,
                MAX_TCP_CONNECTIONS,
                10,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                daemonThreads("embedded-dns-tcp-" + port + "-conn", true));
        this.udpThread = daemonThreads("embedded-dns-udp-" + port, false).newThread(this::serveUdp);
        this.tcpThread = daemonThreads("embedded-dns-tcp-" + port, false).newThread(this::acceptTcp);
    }

    /** Starts a server for {@code zone} on 127.0.0.1, one ephemeral port number for both UDP and TCP. */
    public static EmbeddedDnsServer start(Zone zone) throws IOException {
        return start(zone, 0);
    }

    /** Starts a server for {@code zone} on 127.0.0.1:port, UDP and TCP (port 0 = an ephemeral port). */
    public static EmbeddedDnsServer start(Zone zone, int port) throws IOException {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        for (int attempt = 1; ; attempt++) {
            DatagramSocket udp = new DatagramSocket(null);
            ServerSocket tcp = new ServerSocket();
            try {
                udp.bind(new InetSocketAddress(LOOPBACK, port));
                tcp.setReuseAddress(true);
                // An ephemeral UDP port may be taken for TCP by someone else: then try another UDP port.
                tcp.bind(new InetSocketAddress(LOOPBACK, udp.getLocalPort()), 50);
                EmbeddedDnsServer server = new EmbeddedDnsServer(zone, udp, tcp);
                server.udpThread.start();
                server.tcpThread.start();
                return server;
            } catch (IOException | RuntimeException e) {
                udp.close();
                tcp.close();
                if (port != 0 || attempt >= BIND_ATTEMPTS || !(e instanceof BindException)) {
                    throw e;
                }
            }
        }
    }

    /** The address clients send queries to (127.0.0.1 and the port). */
    public InetSocketAddress address() {
        return new InetSocketAddress(LOOPBACK, port);
    }

    /** The port number, the same for UDP and TCP. */
    public int port() {
        return port;
    }

    /** The faults injected into this server's answers, changeable while it runs. */
    public Faults faults() {
        return faults;
    }

    /** Replies actually sent (UDP and TCP); queries that time out by fault or zone data are not answered. */
    public long queriesAnswered() {
        return answered.get();
    }

    /** Queries received (UDP datagrams and TCP messages), malformed ones included. */
    public long queriesReceived() {
        return received.get();
    }

    /** Queries that could not be parsed (answered FORMERR or dropped). */
    public long malformedQueries() {
        return malformed.get();
    }

    /** Closes the sockets and stops every thread; idempotent; the port is free when it returns. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        udp.close();
        closeQuietly(tcp);
        openSockets.forEach(EmbeddedDnsServer::closeQuietly);
        delayed.shutdownNow();
        tcpConnections.shutdownNow();
        long deadline = System.nanoTime() + SHUTDOWN_WAIT.toNanos();
        try {
            // Joined rather than awaitTermination(): a pool counts as terminated a moment before its threads end.
            for (Thread thread : threads) {
                if (thread != Thread.currentThread()) {
                    thread.join(remainingMillis(deadline));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "EmbeddedDnsServer[127.0.0.1:" + port + (closed.get() ? ", closed]" : "]");
    }

    private void serveUdp() {
        byte[] buffer = new byte[0xFFFF];
        while (!closed.get()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
            } catch (IOException e) {
                if (!closed.get()) {
                    log.debug("UDP receive failed on port {}", port, e);
                }
                continue;
            }
            byte[] query =
                    Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
            SocketAddress client = packet.getSocketAddress();
            Reply reply = decide(query);
            if (!reply.isSilent() && !faults.dropsUdpReply()) {
                dispatch(reply.delay(), () -> sendUdp(reply, client));
            }
        }
    }

    private void sendUdp(Reply reply, SocketAddress client) {
        byte[] bytes = reply.udpBytes();
        // Counted before sending: a client that holds the reply must already see it counted.
        answered.incrementAndGet();
        try {
            udp.send(new DatagramPacket(bytes, bytes.length, client));
        } catch (IOException | RuntimeException e) {
            answered.decrementAndGet();
            if (!closed.get()) {
                log.debug("UDP reply to {} failed", client, e);
            }
        }
    }

    private void acceptTcp() {
        while (!closed.get()) {
            Socket socket;
            try {
                socket = tcp.accept();
            } catch (IOException e) {
                if (!closed.get()) {
                    log.debug("TCP accept failed on port {}", port, e);
                }
                continue;
            }
            openSockets.add(socket);
            if (closed.get()) {
                closeQuietly(socket); // close() may have run its sweep before this socket was added
                openSockets.remove(socket);
                break;
            }
            try {
                tcpConnections.execute(new TcpConnection(socket, this));
            } catch (RejectedExecutionException e) {
                log.debug("too many TCP connections on port {}: closing one", port);
                closeQuietly(socket);
                openSockets.remove(socket);
            }
        }
    }

    /** Counts one received query and decides its reply; shared by UDP and TCP. */
    Reply decide(byte[] query) {
        received.incrementAndGet();
        Reply reply;
        try {
            reply = responder.respond(query);
        } catch (RuntimeException e) {
            // Responder is written not to throw; if it ever does, one query is lost, not the server.
            log.warn("unexpected failure answering a query on port {}", port, e);
            reply = Reply.silent(true);
        }
        if (reply.isMalformed()) {
            malformed.incrementAndGet();
        }
        return reply;
    }

    /** Counts a TCP message whose length prefix promised more bytes than arrived. */
    void countTruncatedTcpMessage() {
        received.incrementAndGet();
        malformed.incrementAndGet();
    }

    /** Counts one reply about to be written; counted first so a client holding it already sees it counted. */
    void countAnswered() {
        answered.incrementAndGet();
    }

    /** Takes back {@link #countAnswered()} for a reply whose write failed. */
    void uncountAnswered() {
        answered.decrementAndGet();
    }

    /** Runs {@code send} now, or on the delay executor after {@code delay}. */
    void dispatch(Duration delay, Runnable send) {
        if (delay.isZero()) {
            try {
                send.run();
            } catch (RuntimeException e) {
                // an encoding failure loses this reply, never the calling UDP loop or TCP reader
                log.warn("unexpected failure sending a reply on port {}", port, e);
            }
            return;
        }
        try {
            var unused = delayed.schedule(send, delay.toNanos(), TimeUnit.NANOSECONDS); // send logs its own failure
        } catch (RejectedExecutionException e) {
            // closing: the reply is dropped, as a real server going down would drop it
        }
    }

    /** Forgets a TCP connection that ended. */
    void connectionClosed(Socket socket) {
        openSockets.remove(socket);
    }

    static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // nothing useful to do: the socket is going away either way
        }
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    /** Daemon threads, so a test that forgets close() cannot keep its JVM alive; each is tracked for close(). */
    private ThreadFactory daemonThreads(String name, boolean numbered) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, numbered ? name + "-" + count.incrementAndGet() : name);
            thread.setDaemon(true);
            threads.removeIf(t -> t.getState() == Thread.State.TERMINATED); // pool threads retire when idle
            threads.add(thread);
            return thread;
        };
    }

    private static InetAddress loopbackV4() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
