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
        coordinator.teardown(connection.sessionId(), () -> {
            release.run();
            closeQuietly(connection);
        });
    }

    @Override
    public void pipelinedReset(WatchedSocket connection, Runnable release) {
        counters.pipelinedResets.incrementAndGet();
        // The client is still there and will read the replies to its pipelined commands: keep the socket.
        coordinator.teardown(connection.sessionId(), release);
    }

    private static void closeQuietly(WatchedSocket connection) {
        try {
            connection.close();
        } catch (IOException e) {
            // The client left; the socket is unusable either way.
        }
    }
}
