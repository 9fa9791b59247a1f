package lab.kb905214.bench.run;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Latency samples (nanoseconds) from any thread, in a fixed array; samples past its capacity are counted, not kept. */
public final class Latencies {
    private final long[] nanos;
    private final AtomicInteger next = new AtomicInteger();

    /** Room for {@code capacity} samples. */
    public Latencies(int capacity) {
        this.nanos = new long[capacity];
    }

    /** Records one sample. */
    public void record(long sampleNanos) {
        int i = next.getAndIncrement();
        if (i < nanos.length) {
            nanos[i] = sampleNanos;
        }
    }

    /** Samples recorded (including any past capacity). */
    public int count() {
        return next.get();
    }

    /** count, p50, p90, p99, p99.9, max and mean in milliseconds, over the kept samples. */
    public Map<String, Object> summary() {
        int n = Math.min(next.get(), nanos.length);
        long[] sorted = Arrays.copyOf(nanos, n);
        Arrays.sort(sorted);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", next.get());
        out.put("p50Ms", millis(percentile(sorted, 0.50)));
        out.put("p90Ms", millis(percentile(sorted, 0.90)));
        out.put("p99Ms", millis(percentile(sorted, 0.99)));
        out.put("p999Ms", millis(percentile(sorted, 0.999)));
        out.put("maxMs", millis(n == 0 ? 0 : sorted[n - 1]));
        out.put(
                "meanMs",
                millis(n == 0 ? 0 : (long) Arrays.stream(sorted).average().orElse(0)));
        return out;
    }

    /** The {@code q} quantile (nearest rank) of sorted samples; 0 when there are none. */
    static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1e3) / 1e3;
    }
}
