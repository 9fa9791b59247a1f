package lab.kb905214.stress.mutants;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import lab.kb905214.engine.check.Outcome;

/**
 * M7, the wait unbounded and the completion sharing a pool with blocking work: the jSPF asynchronous-executor hang.
 * A maintainer moves each session's wait onto the coordinator's small "checks" pool (two threads, one per core) to
 * keep SubEtha's threads free, and posts verdicts through the same pool. Once two sessions wait, both pool threads
 * are blocked in waits and the posts that would wake them queue behind them: every session waits forever.
 */
final class WaitOnSharedPool extends FixedBaseline {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ExecutorService pool = Executors.newFixedThreadPool(2, task -> {
        Thread t = new Thread(task, "checks-pool-" + THREADS.incrementAndGet());
        t.setDaemon(true); // a hung pool must not keep a harness JVM alive
        return t;
    });

    @Override
    protected void post(Check c, Outcome outcome) {
        pool.execute(() -> super.post(c, outcome)); // the mutation: queued behind whatever the pool is doing
    }

    @Override
    protected Outcome waitFor(Check c) throws InterruptedException {
        Future<Outcome> waited = pool.submit(() -> super.waitFor(c)); // the mutation: blocking work on the pool
        try {
            return waited.get();
        } catch (ExecutionException e) {
            return new Outcome.Failed(String.valueOf(e.getCause()));
        }
    }
}
