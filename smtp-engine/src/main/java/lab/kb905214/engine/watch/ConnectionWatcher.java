package lab.kb905214.engine.watch;

import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-ahead loop of one connection, on its own thread: copies the socket into the {@link ReadAheadBuffer} and,
 * while the session has a check in flight, reports a client that left or a pipelined RSET/QUIT to the listener.
 *
 * <p>An event seen just before the check goes in flight (".\r\nQUIT\r\n" and a close usually arrive together with
 * the end of DATA, ahead of the session) is not lost: the watcher stops reading and waits until either the check
 * goes in flight (then it reports) or the session takes the bytes itself (then there is nothing to report). Every
 * such wait ends when the session moves on, so the watcher never waits on a session that reads.
 *
 * <p>The listener is always called with no monitor held: it calls into the coordinator, which takes its own locks.
 */
final class ConnectionWatcher implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ConnectionWatcher.class);
    /** One socket read: an SMTP command or a short message in one call, without doubling an idle connection's heap. */
    static final int CHUNK_BYTES = 4096;

    private final WatchedSocket socket;
    private final ReadAheadBuffer buffer;
    private final WatchListener listener;
    private final CommandScanner scanner = new CommandScanner();

    // Guarded by buffer's monitor.
    private boolean inFlight;
    private long checkSeq;
    private Runnable release;
    private long goneReportedFor;
    private long resetReportedFor;

    ConnectionWatcher(WatchedSocket socket, ReadAheadBuffer buffer, WatchListener listener) {
        this.socket = socket;
        this.buffer = buffer;
        this.listener = listener;
    }

    /** Session thread: a check is in flight from now on; {@code transactionRelease} frees its transaction. */
    void checkStarted(Runnable transactionRelease) {
        synchronized (buffer) {
            checkSeq++;
            inFlight = true;
            release = transactionRelease;
            buffer.notifyAll();
        }
    }

    /** Session thread: the check is no longer in flight (its wait ended, however). */
    void checkEnded() {
        synchronized (buffer) {
            inFlight = false;
            release = null;
            buffer.notifyAll();
        }
    }

    @Override
    public void run() {
        try {
            InputStream raw = socket.rawInputStream();
            byte[] chunk = new byte[CHUNK_BYTES];
            while (true) {
                int n;
                try {
                    n = raw.read(chunk);
                } catch (IOException e) {
                    if (socket.isClosedLocally()) {
                        return; // our own close (session end, teardown, server stop): nothing to report
                    }
                    buffer.fail(e); // a reset: the session sees it after the bytes before it
                    watchGone();
                    return;
                }
                if (n < 0) {
                    buffer.finish();
                    watchGone();
                    return;
                }
                CommandScanner.Marks marks = scanner.scan(chunk, 0, n);
                int holdFrom = marks.terminatorEnd() < 0 ? n : marks.terminatorEnd();
                int heldFrom = buffer.append(chunk, 0, n, holdFrom);
                if (heldFrom < 0) {
                    return; // closed
                }
                if (marks.lastResetEnd() >= 0) {
                    watchReset(marks.lastResetEnd() > heldFrom);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            log.debug("{}: cannot read the socket", socket.sessionId(), e);
            buffer.fail(e);
        } catch (RuntimeException e) {
            log.error("{}: watcher failed", socket.sessionId(), e);
            buffer.fail(new IOException("connection watcher failed", e));
        }
    }

    /**
     * A RSET/QUIT line was read. Reported if a check is in flight or goes in flight before the session takes the
     * line; {@code held} says whether the line is among the held bytes (otherwise the session may already have it).
     */
    private void watchReset(boolean held) throws InterruptedException {
        Runnable toRelease = null;
        synchronized (buffer) {
            while (true) {
                if (buffer.isClosed()) {
                    return;
                }
                if (inFlight) {
                    if (resetReportedFor != checkSeq) {
                        resetReportedFor = checkSeq;
                        toRelease = release;
                    }
                    break;
                }
                if (!held || buffer.heldBytes() == 0) {
                    return; // no check in flight and the session reads the command in order
                }
                buffer.wait();
            }
        }
        if (toRelease != null) {
            report(false, toRelease);
        }
    }

    /**
     * The client is gone. Reports it for every check that goes in flight until the session has read the end of the
     * stream or the socket is closed; then the watcher's work is over.
     */
    private void watchGone() throws InterruptedException {
        while (true) {
            Runnable toRelease;
            synchronized (buffer) {
                while (true) {
                    if (buffer.isClosed() || buffer.endDelivered()) {
                        return;
                    }
                    if (inFlight && goneReportedFor != checkSeq) {
                        goneReportedFor = checkSeq;
                        toRelease = release;
                        break;
                    }
                    buffer.wait();
                }
            }
            report(true, toRelease);
        }
    }

    private void report(boolean gone, Runnable toRelease) {
        try {
            if (gone) {
                listener.clientGone(socket, toRelease);
            } else {
                listener.pipelinedReset(socket, toRelease);
            }
        } catch (RuntimeException e) {
            log.error("{}: teardown failed", socket.sessionId(), e);
        }
    }
}
