package lab.kb905214.engine.watch;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import lab.kb905214.engine.check.SessionId;
import lab.kb905214.engine.thread.ThreadRole;

/**
 * An accepted connection whose input is read ahead by a watcher thread ("watcher-&lt;session id&gt;"): SubEtha's
 * session reads {@link #getInputStream()}, which the watcher fills from the real socket, so the connection is
 * still watched while the session thread waits for a Sender ID verdict.
 *
 * <p>The object is the accepted socket itself (filled by {@code ServerSocket.implAccept}), so output, addresses and
 * close behave as usual. The session's read timeout ({@link #setSoTimeout}) applies to its reads from the buffer,
 * not to the watcher, which must keep waiting for the client however long the session is busy.
 */
public final class WatchedSocket extends Socket {
    private final SessionId sessionId;
    private final ReadAheadBuffer buffer;
    private final ConnectionWatcher watcher;
    private final Consumer<WatchedSocket> onClose;
    private final AtomicBoolean closedLocally = new AtomicBoolean();
    private volatile SocketAddress remote;
    private volatile Thread watcherThread;

    WatchedSocket(SessionId sessionId, int readAheadBytes, WatchListener listener, Consumer<WatchedSocket> onClose) {
        this.sessionId = sessionId;
        this.buffer = new ReadAheadBuffer(readAheadBytes, this::closeQuietly);
        this.watcher = new ConnectionWatcher(this, buffer, listener);
        this.onClose = onClose;
    }

    /** Called once the socket is accepted: records the peer and starts the watcher thread. */
    void startWatching() {
        remote = super.getRemoteSocketAddress();
        Thread thread = new Thread(watcher, ThreadRole.WATCHER.threadName(sessionId.value()));
        // Daemon: an engine abandoned with a hung session must not keep the JVM alive through its watchers.
        thread.setDaemon(true);
        watcherThread = thread;
        thread.start();
    }

    /** The session this connection carries. */
    public SessionId sessionId() {
        return sessionId;
    }

    /** The client's address as accepted (still known after close). */
    public SocketAddress remoteAddress() {
        return remote;
    }

    /** Session thread: marks a Sender ID check in flight; {@code release} frees its transaction on a teardown. */
    public void checkStarted(Runnable release) {
        watcher.checkStarted(release);
    }

    /** Session thread: the check is no longer in flight; later client events tear nothing down. */
    public void checkEnded() {
        watcher.checkEnded();
    }

    /** The watcher thread, or null before the connection was accepted. */
    public Thread watcherThread() {
        return watcherThread;
    }

    /** The read-ahead buffer (for tests and diagnostics). */
    public ReadAheadBuffer buffer() {
        return buffer;
    }

    /** Whether this side closed the socket (as opposed to the client leaving). */
    public boolean isClosedLocally() {
        return closedLocally.get();
    }

    /** The session's input: the bytes the watcher read ahead, in order. */
    @Override
    public InputStream getInputStream() throws IOException {
        if (isClosed()) {
            throw new IOException("Socket is closed");
        }
        return buffer.inputStream();
    }

    /** Sets the session's read timeout (on the buffer; the watcher's own reads never time out). */
    // Socket's monitor guards its own fields; the state these read and write is the buffer's, which has its own lock.
    @SuppressWarnings("UnsynchronizedOverridesSynchronized")
    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout can't be negative");
        }
        buffer.setReadTimeout(timeout);
    }

    /** The session's read timeout. */
    // Socket's monitor guards its own fields; the state these read and write is the buffer's, which has its own lock.
    @SuppressWarnings("UnsynchronizedOverridesSynchronized")
    @Override
    public int getSoTimeout() {
        return buffer.readTimeout();
    }

    /** Closes the connection: the real socket, the buffer (waking the session), and so the watcher thread. */
    // Socket's monitor guards its own fields; closing once is the atomic flag's job, and super.close() locks as it
    // needs.
    @SuppressWarnings("UnsynchronizedOverridesSynchronized")
    @Override
    public void close() throws IOException {
        if (!closedLocally.compareAndSet(false, true)) {
            return;
        }
        buffer.close();
        try {
            super.close();
        } finally {
            onClose.accept(this);
        }
    }

    InputStream rawInputStream() throws IOException {
        return super.getInputStream();
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            // Closing is best effort: the socket is unusable either way.
        }
    }
}
