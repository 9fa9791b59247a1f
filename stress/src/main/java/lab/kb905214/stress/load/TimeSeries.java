package lab.kb905214.stress.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** Per-second buckets of a load run: transactions answered, and the slowest probe (or none answered). */
final class TimeSeries {
    private static final int MAX_SECONDS = 3600;

    private final long startNanos;
    private final AtomicLongArray answered = new AtomicLongArray(MAX_SECONDS);
    private final AtomicLongArray probeMillis = new AtomicLongArray(MAX_SECONDS); // -1: a probe went unanswered
    private final AtomicLongArray probes = new AtomicLongArray(MAX_SECONDS);
    private final AtomicLongArray refused = new AtomicLongArray(MAX_SECONDS);

    TimeSeries(long startNanos) {
        this.startNanos = startNanos;
    }

    double secondsSinceStart() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private int bucket() {
        return (int) Math.min(MAX_SECONDS - 1, (System.nanoTime() - startNanos) / 1_000_000_000L);
    }

    void answered() {
        answered.incrementAndGet(bucket());
    }

    void refused() {
        refused.incrementAndGet(bucket());
    }

    void probe(long millis) {
        int b = bucket();
        probes.incrementAndGet(b);
        probeMillis.accumulateAndGet(b, millis, (a, x) -> a < 0 ? a : Math.max(a, x));
    }

    void probeUnanswered() {
        int b = bucket();
        probes.incrementAndGet(b);
        probeMillis.set(b, -1);
    }

    /** The buckets from {@code fromSecond} up to {@code seconds}, one line each, as a person reads them. */
    List<String> describe(int fromSecond, double seconds) {
        List<String> lines = new ArrayList<>();
        for (Map<String, Object> point : toList(seconds)) {
            int t = (Integer) point.get("t");
            if (t >= fromSecond) {
                lines.add(String.format(java.util.Locale.ROOT, "  t=%3d s  transactions answered %4d  refused %3d  "
                        + "slowest probe %s", t, (Long) point.get("transactions"), (Long) point.get("refused"),
                        (Boolean) point.get("probeUnanswered") ? "unanswered"
                                : point.get("probeMillis") == null ? "-" : point.get("probeMillis") + " ms"));
            }
        }
        return lines;
    }

    /** The buckets up to {@code seconds}, as the results file writes them. */
    List<Map<String, Object>> toList(double seconds) {
        List<Map<String, Object>> out = new ArrayList<>();
        int last = (int) Math.min(MAX_SECONDS - 1, Math.ceil(seconds));
        for (int t = 0; t < last; t++) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("t", t);
            point.put("transactions", answered.get(t));
            long p = probeMillis.get(t);
            point.put("probeMillis", probes.get(t) == 0 || p < 0 ? null : p);
            point.put("probeUnanswered", p < 0);
            point.put("refused", refused.get(t));
            out.add(point);
        }
        return out;
    }
}
