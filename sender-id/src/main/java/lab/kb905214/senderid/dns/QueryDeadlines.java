package lab.kb905214.senderid.dns;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The hard per-query timeouts of one {@link DnsClient}, with one timer armed at a time instead of one per query.
 *
 * <p>Every query of a client has the same timeout, so deadlines fall in the order queries are sent: a queue in send
 * order is also a queue in deadline order. One timer waits for the oldest deadline; when it fires, it times out what
 * is due and still unanswered, drops what was answered, and waits for the next one. A query costs a queue insertion,
 * where a timer of its own cost a heap insertion and a cancellation under the timer's lock.
 */
final class QueryDeadlines {
    /** A query waiting for its answer; {@code onTimeout} runs once its deadline passed unanswered. */
    private record Waiting(long deadlineNanos, CompletableFuture<?> answer, Runnable onTimeout) {}

    private final ScheduledExecutorService timer;
    private final long timeoutNanos;
    private final ConcurrentLinkedQueue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean armed = new AtomicBoolean();

    /** Deadlines {@code timeout} after each query, kept by {@code timer}, which runs nothing but this class's sweep. */
    QueryDeadlines(ScheduledExecutorService timer, Duration timeout) {
        this.timer = timer;
        this.timeoutNanos = timeout.toNanos();
    }

    /**
     * Runs {@code onTimeout} if {@code answer} is not complete {@code timeout} from now.
     *
     * @throws RejectedExecutionException when the timer was shut down (the client is closed)
     */
    void watch(CompletableFuture<?> answer, Runnable onTimeout) {
        if (timer.isShutdown()) {
            throw new RejectedExecutionException("the DNS client is closed");
        }
        dropAnswered();
        waiting.add(new Waiting(System.nanoTime() + timeoutNanos, answer, onTimeout));
        if (armed.compareAndSet(false, true)) {
            var unused = timer.schedule(this::sweep, timeoutNanos, TimeUnit.NANOSECONDS); // a sweep reports nothing
        }
    }

    // Answers mostly come in the order queries went out: keep the queue as short as what is still unanswered.
    private void dropAnswered() {
        Waiting oldest;
        while ((oldest = waiting.peek()) != null && oldest.answer().isDone()) {
            waiting.remove(oldest);
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        Waiting oldest;
        while ((oldest = waiting.peek()) != null && (oldest.answer().isDone() || oldest.deadlineNanos() - now <= 0)) {
            if (waiting.remove(oldest) && !oldest.answer().isDone()) {
                oldest.onTimeout().run();
            }
        }
        armed.set(false);
        // A query added while this sweep ran found the timer armed; it is in the queue now, so look again.
        oldest = waiting.peek();
        if (oldest != null && armed.compareAndSet(false, true)) {
            try {
                var unused = timer.schedule(
                        this::sweep, Math.max(0, oldest.deadlineNanos() - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // closed meanwhile: the client's queries complete exceptionally through its executor instead
            }
        }
    }
}
