package lab.kb905214.stress.load;

import java.time.Duration;

/**
 * The traffic of one load run.
 *
 * @param clients concurrent SMTP clients, each sending one transaction after another
 * @param abortRate the fraction of transactions whose client leaves right after the final dot (closing, resetting,
 *     or pipelining QUIT/RSET) instead of waiting for the reply
 * @param maxDuration how long the run may last; a hung server ends it sooner
 * @param seed seeds the clients' choices (which transactions abort and how, message contents), not thread timing
 * @param dnsLatency the DNS server's fixed delay per answer
 * @param dnsJitter the DNS server's extra random delay per answer, uniform in [0, jitter)
 * @param probeInterval how often a probe transaction checks that the server still answers
 * @param probeTimeout how long a probe waits before the server counts as not responding
 * @param targetTransactions end the run once this many transactions were answered (0: run for maxDuration)
 */
public record LoadPlan(
        int clients,
        double abortRate,
        Duration maxDuration,
        long seed,
        Duration dnsLatency,
        Duration dnsJitter,
        Duration probeInterval,
        Duration probeTimeout,
        long targetTransactions) {

    public LoadPlan {
        if (clients < 1) {
            throw new IllegalArgumentException("clients must be at least 1: " + clients);
        }
        if (abortRate < 0 || abortRate > 1) {
            throw new IllegalArgumentException("abortRate must be in [0, 1]: " + abortRate);
        }
    }

    /** The lab's default traffic: 16 clients, 30% aborting, DNS answering in 1-4 ms, a probe every 250 ms. */
    public static LoadPlan defaults() {
        return new LoadPlan(16, 0.3, Duration.ofSeconds(60), 1L, Duration.ofMillis(1), Duration.ofMillis(3),
                Duration.ofMillis(250), Duration.ofSeconds(2), 0);
    }

    /** The same plan with another number of clients. */
    public LoadPlan withClients(int n) {
        return new LoadPlan(n, abortRate, maxDuration, seed, dnsLatency, dnsJitter, probeInterval, probeTimeout, targetTransactions);
    }

    /** The same plan with another abort rate. */
    public LoadPlan withAbortRate(double rate) {
        return new LoadPlan(clients, rate, maxDuration, seed, dnsLatency, dnsJitter, probeInterval, probeTimeout, targetTransactions);
    }

    /** The same plan with another maximum duration. */
    public LoadPlan withMaxDuration(Duration d) {
        return new LoadPlan(clients, abortRate, d, seed, dnsLatency, dnsJitter, probeInterval, probeTimeout, targetTransactions);
    }

    /** The same plan, ending once {@code n} transactions were answered (or at maxDuration). */
    public LoadPlan withTargetTransactions(long n) {
        return new LoadPlan(clients, abortRate, maxDuration, seed, dnsLatency, dnsJitter, probeInterval, probeTimeout, n);
    }

    /** The same plan with another seed. */
    public LoadPlan withSeed(long s) {
        return new LoadPlan(clients, abortRate, maxDuration, s, dnsLatency, dnsJitter, probeInterval, probeTimeout, targetTransactions);
    }
}
