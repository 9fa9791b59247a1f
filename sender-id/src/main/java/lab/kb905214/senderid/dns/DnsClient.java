package lab.kb905214.senderid.dns;

import com.github.benmanes.caffeine.cache.Ticker;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;

/**
 * An asynchronous DNS client over dnsjava's {@code sendAsync}, with its own executor and a hard per-query timeout,
 * and optionally a cache ({@link DnsCachePolicy}).
 *
 * <p>Answers never arrive on dnsjava's NIO selector thread (one per JVM; blocking it stops DNS for everyone), on the
 * timer thread, nor on the common pool: an answer from the network completes on this client's executor, where
 * dnsjava already delivers it (one hop per answer); only an answer known at once (from the cache, or from a resolver
 * that answers in memory) completes on the caller's thread, as it needs no thread at all. dnsjava retries over TCP by
 * itself when a UDP answer comes back truncated. The hard timeout is enforced here as well, because dnsjava's own
 * timeout fires only when its selector wakes up (once a second by default).
 *
 * <p>Without a cache (the default, as the conformance suite and every race harness use it) every query goes to the
 * server: their DNS latency and faults are part of the experiment. With one, answers are kept for their TTL,
 * negative answers per RFC 2308, failures never, and one query per name and type is in flight at a time.
 */
public final class DnsClient implements AutoCloseable {
    /** How this client's threads are named: the prefix, then the client's number ({@code dns-client-3-timer}). */
    public static final String THREAD_NAME_PREFIX = "dns-client-";

    private static final AtomicInteger CLIENTS = new AtomicInteger();
    /** Which client's executor the current thread belongs to, so an answer already on it is not handed over again. */
    private static final ThreadLocal<DnsClient> OWNER = new ThreadLocal<>();

    private final Resolver resolver;
    private final Duration timeout;
    private final ExecutorService executor;
    /** Runs the sweep of {@link #deadlines}, which only ever hands a timeout over to {@link #executor}. */
    private final ScheduledThreadPoolExecutor timer;

    private final QueryDeadlines deadlines;
    private final DnsCache cache;
    private final AtomicLong queriesSent = new AtomicLong();

    DnsClient(Resolver resolver, Duration timeout, int threads, DnsCache cache) {
        this.resolver = resolver;
        this.resolver.setTimeout(timeout);
        this.timeout = timeout;
        this.cache = cache;
        String name = THREAD_NAME_PREFIX + CLIENTS.incrementAndGet();
        this.executor = Executors.newFixedThreadPool(threads, daemonThreads(name));
        this.timer = timer(name + "-timer");
        this.deadlines = new QueryDeadlines(timer, timeout.plusMillis(50));
    }

    /** A client that asks {@code server} (e.g. the embedded server) and gives up on a query after {@code timeout}. */
    public static DnsClient create(InetSocketAddress server, Duration timeout) {
        return new DnsClient(new SimpleResolver(server), timeout, 2, null);
    }

    /** As {@link #create(InetSocketAddress, Duration)}, with answers cached under {@code cache}. */
    public static DnsClient create(InetSocketAddress server, Duration timeout, DnsCachePolicy cache) {
        return new DnsClient(new SimpleResolver(server), timeout, 2, new DnsCache(cache, Ticker.systemTicker()));
    }

    /**
     * A client over any dnsjava {@code resolver}, e.g. one that answers from memory so a benchmark measures the
     * evaluator and not the network; everything else (executor, timeout, answer mapping) is as {@link #create}.
     */
    public static DnsClient create(Resolver resolver, Duration timeout) {
        return new DnsClient(resolver, timeout, 2, null);
    }

    /** As {@link #create(Resolver, Duration)}, with answers cached under {@code cache}. */
    public static DnsClient create(Resolver resolver, Duration timeout, DnsCachePolicy cache) {
        return new DnsClient(resolver, timeout, 2, new DnsCache(cache, Ticker.systemTicker()));
    }

    /** The per-query timeout. */
    public Duration timeout() {
        return timeout;
    }

    /** Queries sent so far (each retry over TCP counts once, as dnsjava hides it; cache hits send none). */
    public long queriesSent() {
        return queriesSent.get();
    }

    /** The cache's counters, or empty when this client has no cache. */
    public Optional<DnsCacheStats> cacheStats() {
        return cache == null ? Optional.empty() : Optional.of(cache.stats());
    }

    /**
     * Asks for {@code type} records of {@code name}; the future completes normally with an answer or a
     * TIMEOUT/SERVER_FAILURE status, on this client's executor (or at once, when the answer is already known). Only
     * after {@link #close()} does it complete exceptionally.
     */
    public CompletableFuture<DnsAnswer> query(Name name, int type) {
        if (cache == null) {
            return send(name, type, Duration.ZERO).thenApply(DnsCache.Fetched::answer);
        }
        return cache.answer(name, type, () -> send(name, type, cache.maxTtl()));
    }

    // One query to the server; cap > 0 asks for the answer's cache lifetime as well.
    private CompletableFuture<DnsCache.Fetched> send(Name name, int type, Duration cap) {
        Message question = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        queriesSent.incrementAndGet();
        CompletableFuture<Message> reply;
        try {
            reply = resolver.sendAsync(question, executor).toCompletableFuture();
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        if (reply.isDone()) {
            // Answered at once (a resolver over memory): no thread to hand over to, no timer to arm.
            Object result = reply.handle((message, failure) -> failure != null ? (Object) failure : message)
                    .join();
            return CompletableFuture.completedFuture(fetched(name, type, result, cap));
        }
        CompletableFuture<DnsCache.Fetched> out = new CompletableFuture<>();
        try {
            deadlines.watch(out, () -> completeOnExecutor(out, () -> fetched(name, type, new TimeoutException(), cap)));
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(e); // closed: the documented exceptional completion
        }
        // The stage whenComplete returns only repeats dnsjava's outcome, which out carries either way.
        var unused = reply.whenComplete((message, failure) -> {
            Object result = failure != null ? failure : message;
            if (OWNER.get() == this) {
                // dnsjava delivers an answer on the executor given to sendAsync: this one. Go on right here.
                out.complete(fetched(name, type, result, cap));
            } else {
                // A failure comes from dnsjava's selector thread: leave it at once.
                completeOnExecutor(out, () -> fetched(name, type, result, cap));
            }
        });
        return out;
    }

    private static DnsCache.Fetched fetched(Name name, int type, Object reply, Duration cap) {
        if (reply instanceof Message message) {
            DnsAnswer answer = answer(name, type, message);
            return new DnsCache.Fetched(answer, cap.isZero() ? Duration.ZERO : AnswerLifetime.of(answer, message, cap));
        }
        return new DnsCache.Fetched(failed(name, type, (Throwable) reply), Duration.ZERO);
    }

    private void completeOnExecutor(CompletableFuture<DnsCache.Fetched> out, Supplier<DnsCache.Fetched> result) {
        try {
            executor.execute(() -> out.complete(result.get()));
        } catch (RejectedExecutionException e) {
            out.completeExceptionally(e); // closed: the documented exceptional completion
        }
    }

    private static DnsAnswer failed(Name name, int type, Throwable failure) {
        boolean timedOut = failure instanceof TimeoutException
                || failure.getCause() instanceof TimeoutException
                || failure instanceof SocketTimeoutException
                || failure.getCause() instanceof SocketTimeoutException
                || String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT).contains("timed out");
        return new DnsAnswer(
                name, type, timedOut ? DnsAnswer.Status.TIMEOUT : DnsAnswer.Status.SERVER_FAILURE, List.of());
    }

    static DnsAnswer answer(Name name, int type, Message message) {
        int rcode = message.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return new DnsAnswer(name, type, DnsAnswer.Status.NXDOMAIN, List.of());
        }
        if (rcode != Rcode.NOERROR) {
            return new DnsAnswer(name, type, DnsAnswer.Status.SERVER_FAILURE, List.of());
        }
        List<Record> records = recordsOfType(message, name, type);
        return new DnsAnswer(
                name, type, records.isEmpty() ? DnsAnswer.Status.NODATA : DnsAnswer.Status.ANSWERS, records);
    }

    // Follows the CNAME chain inside the answer section, so "a:alias.example" sees the target's addresses.
    private static List<Record> recordsOfType(Message message, Name name, int type) {
        List<Record> answers = message.getSection(Section.ANSWER);
        Name current = name;
        for (int hops = 0; hops <= answers.size(); hops++) {
            List<Record> found = new ArrayList<>();
            Name alias = null;
            for (Record r : answers) {
                if (!r.getName().equals(current)) {
                    continue;
                }
                if (r.getType() == type) {
                    found.add(r);
                } else if (r instanceof CNAMERecord cname) {
                    alias = cname.getTarget();
                }
            }
            if (!found.isEmpty() || alias == null) {
                return found;
            }
            current = alias;
        }
        return List.of();
    }

    /** Stops the executor and the timer; queries still in flight complete on nobody's thread and are dropped. */
    @Override
    public void close() {
        timer.shutdownNow();
        executor.shutdownNow();
    }

    private static ScheduledThreadPoolExecutor timer(String name) {
        return new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            return t;
        });
    }

    private ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(
                    () -> {
                        OWNER.set(this);
                        runnable.run();
                    },
                    prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
