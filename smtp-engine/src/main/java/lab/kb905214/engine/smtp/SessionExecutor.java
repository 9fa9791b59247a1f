package lab.kb905214.engine.smtp;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import lab.kb905214.engine.check.CheckCoordinator;
import lab.kb905214.engine.thread.ThreadRole;
import lab.kb905214.engine.watch.WatchedSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.server.Session;

/**
 * SubEtha's session executor: a thread per connection (as SubEtha's default), daemon, and released promptly when
 * idle; when a session ends, on its own thread, the coordinator forgets it and its socket is surely closed.
 */
final class SessionExecutor extends ThreadPoolExecutor {
    private static final Logger log = LoggerFactory.getLogger(SessionExecutor.class);

    private final CheckCoordinator coordinator;
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();

    SessionExecutor(CheckCoordinator coordinator, IntSupplier port) {
        // Idle threads end after a second so a server's thread count returns to its baseline soon after a burst.
        super(0, Integer.MAX_VALUE, 1, TimeUnit.SECONDS, new SynchronousQueue<>(), namedDaemons(port));
        this.coordinator = coordinator;
    }

    /** The threads running a session now. */
    Set<Thread> sessionThreads() {
        return Set.copyOf(running);
    }

    @Override
    protected void beforeExecute(Thread thread, Runnable task) {
        running.add(thread);
    }

    @Override
    protected void afterExecute(Runnable task, Throwable failure) {
        running.remove(Thread.currentThread());
        if (task instanceof Session session && session.getSocket() instanceof WatchedSocket connection) {
            try {
                connection.close();
            } catch (IOException e) {
                // Already unusable.
            }
            try {
                coordinator.sessionEnded(connection.sessionId());
            } catch (RuntimeException e) {
                log.error("{}: sessionEnded failed", connection.sessionId(), e);
            }
        }
    }

    private static ThreadFactory namedDaemons(IntSupplier port) {
        AtomicLong count = new AtomicLong();
        return task -> {
            Thread thread =
                    new Thread(task, ThreadRole.SESSION.threadName(port.getAsInt() + "-" + count.incrementAndGet()));
            // A session hung in a buggy engine must not keep the JVM alive once the engine is abandoned.
            thread.setDaemon(true);
            return thread;
        };
    }
}
