package lab.kb905214.engine.smtp;

import java.io.IOException;
import lab.kb905214.engine.check.CheckCoordinator;
import lab.kb905214.engine.watch.WatchListener;
import lab.kb905214.engine.watch.WatchedSocket;

/** Turns the watcher's reports into the coordinator's teardown path, on the watcher's thread. */
final class TeardownListener implements WatchListener {
    private final CheckCoordinator coordinator;
    private final EngineCounters counters;

    TeardownListener(CheckCoordinator coordinator, EngineCounters counters) {
        this.coordinator = coordinator;
        this.counters = counters;
    }

    @Override
    public void clientGone(WatchedSocket connection, Runnable release) {
        counters.clientGone.incrementAndGet();
        // The client is gone: besides the message, free the socket (a CLOSE_WAIT otherwise, as in KB918283).
        teardown(connection, () -> {
            release.run();
            closeQuietly(connection);
        });
    }

    @Override
    public void pipelinedReset(WatchedSocket connection, Runnable release) {
        counters.pipelinedResets.incrementAndGet();
        // The client is still there and will read the replies to its pipelined commands: keep the socket.
        teardown(connection, release);
    }

    // The watcher logs a teardown that throws and goes on; the count is what lets a harness report it as observed.
    private void teardown(WatchedSocket connection, Runnable release) {
        try {
            coordinator.teardown(connection.sessionId(), release);
        } catch (RuntimeException e) {
            counters.teardownsFailed.incrementAndGet();
            throw e;
        }
    }

    private static void closeQuietly(WatchedSocket connection) {
        try {
            connection.close();
        } catch (IOException e) {
            // The client left; the socket is unusable either way.
        }
    }
}
