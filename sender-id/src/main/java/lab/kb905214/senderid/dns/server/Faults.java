package lab.kb905214.senderid.dns.server;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.xbill.DNS.Name;

/** Per-name fault injection, changeable while the server runs (thread-safe). */
public final class Faults {
    private final Set<Name> timeouts = ConcurrentHashMap.newKeySet();
    private final Set<Name> servfails = ConcurrentHashMap.newKeySet();
    private final Map<Name, Latency> latencies = new ConcurrentHashMap<>();
    private volatile Latency latencyForAll = Latency.NONE;
    private volatile double udpDropRate;

    /** Never answers queries for this name (any type). */
    public Faults timeout(Name name) {
        timeouts.add(Objects.requireNonNull(name));
        return this;
    }

    /** Answers queries for this name with SERVFAIL and no records. */
    public Faults servfail(Name name) {
        servfails.add(Objects.requireNonNull(name));
        return this;
    }

    /** Delays answers for this name by fixed + uniform[0, jitter); overrides {@link #latencyForAll} for it. */
    public Faults latency(Name name, Duration fixed, Duration jitter) {
        latencies.put(Objects.requireNonNull(name), new Latency(fixed, jitter));
        return this;
    }

    /** Delays every answer by fixed + uniform[0, jitter), except names with their own latency. */
    public Faults latencyForAll(Duration fixed, Duration jitter) {
        latencyForAll = new Latency(fixed, jitter);
        return this;
    }

    /**
     * Drops this fraction of UDP replies, drawn independently per reply, as a lossy network would (the client
     * sees its query time out); TCP replies are never dropped.
     */
    public Faults dropUdpReplies(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("drop rate must be in [0, 1]: " + rate);
        }
        udpDropRate = rate;
        return this;
    }

    /** Whether to drop the UDP reply about to be sent; drawn anew on every call. */
    public boolean dropsUdpReply() {
        double rate = udpDropRate;
        return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
    }

    /** Removes every fault. */
    public Faults clear() {
        timeouts.clear();
        servfails.clear();
        latencies.clear();
        latencyForAll = Latency.NONE;
        udpDropRate = 0;
        return this;
    }

    /** True if queries for this name must get no reply. */
    public boolean timesOut(Name name) {
        return timeouts.contains(name);
    }

    /** True if queries for this name must get SERVFAIL. */
    public boolean servfails(Name name) {
        return servfails.contains(name);
    }

    /** How long to hold the answer for this name; drawn anew on every call when there is jitter. */
    public Duration delayFor(Name name) {
        return latencies.getOrDefault(name, latencyForAll).draw();
    }

    private static final class Latency {
        static final Latency NONE = new Latency(Duration.ZERO, Duration.ZERO);

        private final long fixedNanos;
        private final long jitterNanos;

        Latency(Duration fixed, Duration jitter) {
            if (fixed.isNegative() || jitter.isNegative()) {
                throw new IllegalArgumentException("latency cannot be negative: " + fixed + " + " + jitter);
            }
            this.fixedNanos = fixed.toNanos();
            this.jitterNanos = jitter.toNanos();
        }

        Duration draw() {
            long jitter = jitterNanos == 0 ? 0 : ThreadLocalRandom.current().nextLong(jitterNanos);
            return Duration.ofNanos(fixedNanos + jitter);
        }
    }
}
