package lab.kb905214.senderid.dns;

/**
 * What a {@link DnsClient}'s cache has done so far.
 *
 * @param hits queries answered from the cache
 * @param joined queries that shared a query already in flight for the same name and type
 * @param misses queries sent to the server
 * @param entries answers held now (an estimate, as the cache evicts lazily)
 */
public record DnsCacheStats(long hits, long joined, long misses, long entries) {

    /** The share of queries that sent nothing (hits and joined), 0 when there were none. */
    public double hitRate() {
        long all = hits + joined + misses;
        return all == 0 ? 0 : (double) (hits + joined) / all;
    }
}
