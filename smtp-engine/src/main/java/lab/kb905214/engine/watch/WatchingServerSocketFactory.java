package lab.kb905214.engine.watch;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import lab.kb905214.engine.check.SessionId;
import org.subethamail.smtp.server.ServerSocketCreator;

/**
 * SubEtha's server socket factory ({@code SMTPServer.Builder.serverSocketFactory}) whose server socket hands out
 * {@link WatchedSocket}s, each watched by its own thread from the moment it is accepted.
 */
public final class WatchingServerSocketFactory implements ServerSocketCreator {
    // JVM-wide, so watcher thread names and session ids never repeat across engines in one JVM.
    private static final AtomicLong SESSION_IDS = new AtomicLong();

    private final WatchListener listener;
    private final int readAheadBytes;
    private final Connections connections = new Connections();
    private volatile ServerSocket serverSocket;

    /** A factory whose connections report to {@code listener} and read ahead at most {@code readAheadBytes}. */
    public WatchingServerSocketFactory(WatchListener listener, int readAheadBytes) {
        this.listener = Objects.requireNonNull(listener, "listener");
        if (readAheadBytes < 1) {
            throw new IllegalArgumentException("readAheadBytes must be positive: " + readAheadBytes);
        }
        this.readAheadBytes = readAheadBytes;
    }

    /** Creates the (unbound) server socket; SubEtha binds it. */
    @Override
    public ServerSocket createServerSocket() throws IOException {
        ServerSocket socket = new WatchingServerSocket();
        serverSocket = socket;
        return socket;
    }

    /** The live connections accepted by this factory's server socket. */
    public Connections connections() {
        return connections;
    }

    /** The bound local port, or -1 before SubEtha bound the server socket. */
    public int localPort() {
        ServerSocket socket = serverSocket;
        return socket == null ? -1 : socket.getLocalPort();
    }

    /** Closes the server socket (frees the port even when SubEtha's stop never returns). */
    public void closeServerSocket() {
        ServerSocket socket = serverSocket;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // Already unusable.
            }
        }
    }

    private final class WatchingServerSocket extends ServerSocket {
        WatchingServerSocket() throws IOException {
            super();
        }

        @Override
        public Socket accept() throws IOException {
            if (isClosed()) {
                throw new SocketException("Socket is closed");
            }
            WatchedSocket socket = new WatchedSocket(
                    new SessionId(SESSION_IDS.incrementAndGet()), readAheadBytes, listener, connections::remove);
            try {
                implAccept(socket);
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
            socket.startWatching();
            connections.add(socket);
            return socket;
        }
    }
}
