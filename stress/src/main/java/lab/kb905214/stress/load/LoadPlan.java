package lab.kb905214.stress.load;

import java.time.Duration;

/**
 * The traffic of one load run, and the conditions it runs in.
 *
 * @param clients concurrent SMTP clients, each sending one transaction after another
 * @param abortRate the fraction of transactions whose client leaves right after the final dot (closing, resetting,
 *     or pipelining QUIT/RSET) instead of waiting for the reply
 * @param maxDuration how long the run may last; a proven hang ends it sooner
 * @param seed seeds the clients' choices (which transactions abort and how, message contents), not thread timing
 * @param dnsLatency the DNS server's fixed delay per answer
 * @param dnsJitter the DNS server's extra random delay per answer, uniform in [0, jitter)
 * @param dnsDropRate the fraction of UDP answers the DNS server drops (each costs the client its query timeout)
 * @param busyThreads threads spinning on the CPU for the whole run, to starve the engine of cores
 * @param maxConnections the engine's connection limit (0: twice the clients, at least 64); below the clients, the
 *     engine answers the excess with 421 and the run measures saturation
 * @param probeInterval how often a probe transaction measures the server's latency
 * @param targetTransactions end the run once this many transactions were answered (0: run for maxDuration)
 */
public record LoadPlan(
        int clients,
        double abortRate,
        Duration maxDuration,
        long seed,
        Duration dnsLatency,
        Duration dnsJitter,
        double dnsDropRate,
        int busyThreads,
        int maxConnections,
        Duration probeInterval,
        long targetTransactions) {

    public LoadPlan {
        if (clients < 1) {
            throw new IllegalArgumentException("clients must be at least 1: " + clients);
        }
        if (!(abortRate >= 0 && abortRate <= 1)) {
            throw new IllegalArgumentException("abortRate must be in [0, 1]: " + abortRate);
        }
        if (!(dnsDropRate >= 0 && dnsDropRate <= 1)) {
            throw new IllegalArgumentException("dnsDropRate must be in [0, 1]: " + dnsDropRate);
        }
        if (busyThreads < 0 || maxConnections < 0) {
            throw new IllegalArgumentException("busyThreads and maxConnections cannot be negative");
        }
    }

    /** The lab's default traffic: 16 clients, 30% aborting, DNS answering in 1-4 ms, a probe every 250 ms. */
    public static LoadPlan defaults() {
        return new LoadPlan(
                16,
                0.3,
                Duration.ofSeconds(60),
                1L,
                Duration.ofMillis(1),
                Duration.ofMillis(3),
                0,
                0,
                0,
                Duration.ofMillis(250),
                0);
    }

    /** The engine's connection limit under this plan. */
    public int connectionLimit() {
        return maxConnections > 0 ? maxConnections : Math.max(64, clients * 2);
    }

    /** The same plan with another number of clients. */
    public LoadPlan withClients(int n) {
        return new LoadPlan(
                n,
                abortRate,
                maxDuration,
                seed,
                dnsLatency,
                dnsJitter,
                dnsDropRate,
                busyThreads,
                maxConnections,
                probeInterval,
                targetTransactions);
    }

    /** The same plan with another abort rate. */
    public LoadPlan withAbortRate(double rate) {
        return new LoadPlan(
                clients,
                rate,
                maxDuration,
                seed,
                dnsLatency,
                dnsJitter,
                dnsDropRate,
                busyThreads,
                maxConnections,
                probeInterval,
                targetTransactions);
    }

    /** The same plan with another maximum duration. */
    public LoadPlan withMaxDuration(Duration d) {
        return new LoadPlan(
                clients,
                abortRate,
                d,
                seed,
                dnsLatency,
                dnsJitter,
                dnsDropRate,
                busyThreads,
                maxConnections,
                probeInterval,
                targetTransactions);
    }

    /** The same plan, ending once {@code n} transactions were answered (or at maxDuration). */
    public LoadPlan withTargetTransactions(long n) {
        return new LoadPlan(
                clients,
                abortRate,
                maxDuration,
                seed,
                dnsLatency,
                dnsJitter,
                dnsDropRate,
                busyThreads,
                maxConnections,
                probeInterval,
                n);
    }

    /** The same plan with another seed. */
    public LoadPlan withSeed(long s) {
        return new LoadPlan(
                clients,
                abortRate,
                maxDuration,
                s,
                dnsLatency,
                dnsJitter,
                dnsDropRate,
                busyThreads,
                maxConnections,
                probeInterval,
                targetTransactions);
    }

    /**
     * The same plan with DNS answering after {@code latency} + uniform[0, jitter), dropping {@code dropRate} of UDP.
     */
    public LoadPlan withDns(Duration latency, Duration jitter, double dropRate) {
        return new LoadPlan(
                clients,
                abortRate,
                maxDuration,
                seed,
                latency,
                jitter,
                dropRate,
                busyThreads,
                maxConnections,
                probeInterval,
                targetTransactions);
    }

    /** The same plan with {@code n} threads spinning on the CPU throughout. */
    public LoadPlan withBusyThreads(int n) {
        return new LoadPlan(
                clients,
                abortRate,
                maxDuration,
                seed,
                dnsLatency,
                dnsJitter,
                dnsDropRate,
                n,
                maxConnections,
                probeInterval,
                targetTransactions);
    }

    /** The same plan with the engine's connection limit at {@code limit} (0: the default). */
    public LoadPlan withMaxConnections(int limit) {
        return new LoadPlan(
                clients,
                abortRate,
                maxDuration,
                seed,
                dnsLatency,
                dnsJitter,
                dnsDropRate,
                busyThreads,
                limit,
                probeInterval,
                targetTransactions);
    }
}
