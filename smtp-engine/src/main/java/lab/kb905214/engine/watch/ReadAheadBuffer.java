package lab.kb905214.engine.watch;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Objects;

/**
 * The bounded byte ring between a connection's watcher (which reads the socket ahead) and its SMTP session (which
 * reads from here): same bytes, same order, end of stream or the socket's error after the last byte.
 *
 * <p>Bytes after the end of a DATA section are <em>held</em>: the session cannot see them until it asks for more
 * than what came before them. SubEtha reads through its own 8 KiB buffer, so without holding, a
 * ".\r\nQUIT\r\n" written in one piece would be swallowed by the session before its check is even in flight, and
 * the watcher could not tell that the QUIT arrived while the session was waiting. Holding never delays the session:
 * it only asks past the end of DATA once its reply to DATA is sent.
 *
 * <p>When the ring is full the writer waits, so a client that keeps sending while the session is busy costs at
 * most the capacity, never unbounded memory. The ring starts small and doubles up to the capacity only when a client
 * gets that far ahead of its session: an idle connection holds {@value #INITIAL_BYTES} bytes, not the capacity. The
 * buffer's monitor also guards the watcher's in-flight state ({@link ConnectionWatcher}), whose waits depend on both.
 */
public final class ReadAheadBuffer {
    /** The ring's size when a connection opens: a command line, or a small message, fits without growing. */
    static final int INITIAL_BYTES = 2048;

    private final int capacity;
    private byte[] ring;
    private int start;
    private int count;
    private int releasable; // a prefix of the stored bytes the session may read; the rest is held
    private long releases;
    private boolean eof;
    private IOException failure;
    private boolean endDelivered;
    private boolean closed;
    private int readTimeoutMillis;
    private final InputStream input;

    /** A buffer holding at most {@code capacity} bytes; {@code onClose} runs when the session closes its stream. */
    public ReadAheadBuffer(int capacity, Runnable onClose) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.ring = new byte[Math.min(capacity, INITIAL_BYTES)];
        this.input = new SessionInput(onClose);
    }

    /** The stream the session reads. */
    public InputStream inputStream() {
        return input;
    }

    /**
     * Watcher side: appends {@code len} bytes, waiting for room when full. Bytes from chunk index {@code holdFrom}
     * on are held, and so are all of them when bytes are held already.
     *
     * @return the chunk index from which bytes were held ({@code len} if none), or -1 if the buffer was closed
     */
    public synchronized int append(byte[] chunk, int off, int len, int holdFrom) throws InterruptedException {
        int heldFrom = count > releasable ? 0 : Math.min(Math.max(holdFrom, 0), len);
        int i = 0;
        while (i < len) {
            while (count == capacity && !closed) {
                wait();
            }
            if (closed) {
                return -1;
            }
            if (count + (len - i) > ring.length && ring.length < capacity) {
                grow(count + (len - i));
            }
            int n = Math.min(len - i, ring.length - count);
            int released = count > releasable ? 0 : Math.max(0, Math.min(n, heldFrom - i));
            copyIn(chunk, off + i, n);
            count += n;
            releasable += released;
            i += n;
            notifyAll();
        }
        return heldFrom;
    }

    /** Watcher side: the client closed its side; the session reads end of stream after the last byte. */
    public synchronized void finish() {
        eof = true;
        notifyAll();
    }

    /** Watcher side: reading the socket failed; the session gets the error after the last byte. */
    public synchronized void fail(IOException error) {
        failure = error;
        notifyAll();
    }

    /** Closes the buffer: the session's reads fail as on a closed socket and a waiting writer gives up. */
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** Sets how long a session read waits for bytes before a {@link SocketTimeoutException}; 0 waits forever. */
    public synchronized void setReadTimeout(int millis) {
        readTimeoutMillis = Math.max(0, millis);
    }

    /** The session read timeout in milliseconds (0 = none). */
    public synchronized int readTimeout() {
        return readTimeoutMillis;
    }

    /** The ring's current size in bytes: at most the capacity. */
    public synchronized int allocatedBytes() {
        return ring.length;
    }

    /** Bytes stored and held back from the session. */
    public synchronized int heldBytes() {
        return count - releasable;
    }

    /** Bytes stored in all, held or not. */
    public synchronized int storedBytes() {
        return count;
    }

    /** Whether the session has read the end of the stream (or the socket's error) after the last byte. */
    public synchronized boolean endDelivered() {
        return endDelivered;
    }

    /** Whether the buffer was closed. */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** How many times held bytes were handed over to the session. */
    public synchronized long releases() {
        return releases;
    }

    synchronized int read(byte[] target, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        long deadline = readTimeoutMillis > 0 ? System.nanoTime() + readTimeoutMillis * 1_000_000L : 0;
        while (true) {
            if (closed) {
                throw new SocketException("Socket closed");
            }
            if (releasable == 0 && count > 0) {
                // The session wants more than what came before the held bytes: its DATA reply is out, hand them over.
                releasable = count;
                releases++;
                notifyAll();
            }
            if (releasable > 0) {
                int n = copyOut(target, off, Math.min(len, releasable));
                notifyAll();
                return n;
            }
            if (failure != null) {
                endDelivered = true;
                notifyAll();
                throw new SocketException(String.valueOf(failure.getMessage()));
            }
            if (eof) {
                endDelivered = true;
                notifyAll();
                return -1;
            }
            awaitBytes(deadline);
        }
    }

    synchronized int available() {
        return releasable;
    }

    // The loop is the caller's: each read() looks at the buffer again after every wake, spurious or not.
    @SuppressWarnings("WaitNotInLoop")
    private void awaitBytes(long deadline) throws IOException {
        try {
            if (deadline == 0) {
                wait();
                return;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new SocketTimeoutException("Read timed out");
            }
            wait(Math.max(1, remaining / 1_000_000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for client data");
        }
    }

    // Doubles the ring (at least to `needed`, at most to the capacity) and lays the stored bytes out from index 0.
    private void grow(int needed) {
        int size = (int) Math.min(capacity, Math.max(needed, 2L * ring.length));
        byte[] larger = new byte[size];
        int first = Math.min(count, ring.length - start);
        System.arraycopy(ring, start, larger, 0, first);
        System.arraycopy(ring, 0, larger, first, count - first);
        ring = larger;
        start = 0;
    }

    private void copyIn(byte[] source, int off, int n) {
        int end = (start + count) % ring.length;
        int first = Math.min(n, ring.length - end);
        System.arraycopy(source, off, ring, end, first);
        System.arraycopy(source, off + first, ring, 0, n - first);
    }

    private int copyOut(byte[] target, int off, int n) {
        int first = Math.min(n, ring.length - start);
        System.arraycopy(ring, start, target, off, first);
        System.arraycopy(ring, 0, target, off + first, n - first);
        start = (start + n) % ring.length;
        count -= n;
        releasable -= n;
        return n;
    }

    /** The session's view: a socket input stream. */
    private final class SessionInput extends InputStream {
        private final Runnable onClose;

        SessionInput(Runnable onClose) {
            this.onClose = onClose;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = ReadAheadBuffer.this.read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            return ReadAheadBuffer.this.read(b, off, len);
        }

        @Override
        public int available() {
            return ReadAheadBuffer.this.available();
        }

        @Override
        public void close() {
            // As with a real socket stream, closing it closes the connection.
            onClose.run();
        }
    }
}
