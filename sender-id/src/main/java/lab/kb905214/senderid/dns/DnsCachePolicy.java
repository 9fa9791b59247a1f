package lab.kb905214.senderid.dns;

import java.time.Duration;

/**
 * How a {@link DnsClient} caches answers: at most {@code maxEntries} answers, none kept longer than {@code maxTtl}
 * whatever TTL the zone gives.
 *
 * @param maxEntries the most answers kept (least recently and frequently used ones are evicted first)
 * @param maxTtl the longest an answer is kept, a cap on the record TTLs (RFC 2308 §5 suggests one to three hours
 *     for negative answers; one cap serves both)
 */
public record DnsCachePolicy(int maxEntries, Duration maxTtl) {

    public DnsCachePolicy {
        if (maxEntries < 1 || maxTtl.isNegative() || maxTtl.isZero()) {
            throw new IllegalArgumentException(
                    "a cache needs room and a positive TTL cap: " + maxEntries + ", " + maxTtl);
        }
    }

    /** What a mail host would use: 10,000 answers, each for at most its TTL and never past 3 hours. */
    public static DnsCachePolicy defaults() {
        return new DnsCachePolicy(10_000, Duration.ofHours(3));
    }
}
