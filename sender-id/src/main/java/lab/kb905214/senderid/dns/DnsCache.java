package lab.kb905214.senderid.dns;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.xbill.DNS.Name;

/**
 * The answers of a {@link DnsClient} by name and type, each kept for its {@link AnswerLifetime}, at most
 * {@link DnsCachePolicy#maxEntries()} of them; and the queries in flight, so that checks asking the same question
 * at the same time share one query.
 */
final class DnsCache {

    /** A question. dnsjava's {@link Name} compares and hashes without regard to case, as DNS does. */
    private record Question(Name name, int type) {}

    /** An answer and how long it may be kept, in nanoseconds of the cache's ticker. */
    private record Kept(DnsAnswer answer, long lifetimeNanos) {}

    /** An answer on its way from the server, with its lifetime (zero: not to be kept). */
    record Fetched(DnsAnswer answer, Duration lifetime) {}

    private final Cache<Question, Kept> answers;
    private final ConcurrentHashMap<Question, CompletableFuture<DnsAnswer>> inFlight = new ConcurrentHashMap<>();
    private final Duration maxTtl;
    private final LongAdder hits = new LongAdder();
    private final LongAdder joined = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /** A cache under {@code policy}, reading time from {@code ticker} (a test's hand-moved clock, or the system's). */
    DnsCache(DnsCachePolicy policy, Ticker ticker) {
        this.maxTtl = policy.maxTtl();
        this.answers = Caffeine.newBuilder()
                .maximumSize(policy.maxEntries())
                .expireAfter(new PerAnswerLifetime())
                .ticker(ticker)
                // Evictions run on the thread that touched the cache, never on the common pool.
                .executor(Runnable::run)
                .build();
    }

    /** The cap on every answer's lifetime. */
    Duration maxTtl() {
        return maxTtl;
    }

    /**
     * The answer to {@code name}/{@code type}: a fresh one from the cache (the future is already complete), the one
     * a query in flight will bring, or the one {@code fetch} brings, kept for its lifetime before the future completes.
     */
    CompletableFuture<DnsAnswer> answer(Name name, int type, Supplier<CompletableFuture<Fetched>> fetch) {
        Question question = new Question(name, type);
        Kept kept = answers.getIfPresent(question);
        if (kept != null) {
            hits.increment();
            return CompletableFuture.completedFuture(kept.answer());
        }
        CompletableFuture<DnsAnswer> mine = new CompletableFuture<>();
        CompletableFuture<DnsAnswer> theirs = inFlight.putIfAbsent(question, mine);
        if (theirs != null) {
            joined.increment();
            return theirs;
        }
        // Between the look-up above and claiming the question, another query may have stored its answer and left.
        kept = answers.getIfPresent(question);
        if (kept != null) {
            inFlight.remove(question, mine);
            hits.increment();
            mine.complete(kept.answer());
            return mine;
        }
        misses.increment();
        CompletableFuture<Fetched> fetching;
        try {
            fetching = fetch.get();
        } catch (RuntimeException e) {
            fetching = CompletableFuture.failedFuture(e); // never leave the question claimed by nobody
        }
        // The stage whenComplete returns only repeats the fetch's own outcome, which the callers' future carries.
        var unused = fetching.whenComplete((fetched, failure) -> {
            // Kept before leaving the in-flight map, so a query in between finds one or the other, never neither.
            if (failure == null && fetched.lifetime().compareTo(Duration.ZERO) > 0) {
                answers.put(
                        question, new Kept(fetched.answer(), fetched.lifetime().toNanos()));
            }
            inFlight.remove(question, mine);
            if (failure != null) {
                mine.completeExceptionally(failure);
            } else {
                mine.complete(fetched.answer());
            }
        });
        return mine;
    }

    /** The counters so far. */
    DnsCacheStats stats() {
        return new DnsCacheStats(hits.sum(), joined.sum(), misses.sum(), answers.estimatedSize());
    }

    /** Each answer expires after its own lifetime from when it was stored; reading it does not extend it. */
    private static final class PerAnswerLifetime implements Expiry<Question, Kept> {
        @Override
        public long expireAfterCreate(Question key, Kept value, long currentTime) {
            return value.lifetimeNanos();
        }

        @Override
        public long expireAfterUpdate(Question key, Kept value, long currentTime, long currentDuration) {
            return value.lifetimeNanos();
        }

        @Override
        public long expireAfterRead(Question key, Kept value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
