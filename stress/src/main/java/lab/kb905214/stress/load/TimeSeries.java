package lab.kb905214.stress.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;
import lab.kb905214.results.Fields;
import lab.kb905214.results.LoadCounters.Point;

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
        for (int t = Math.max(0, fromSecond); t < last(seconds); t++) {
            long p = probeMillis.get(t);
            lines.add(String.format(
                    Locale.ROOT,
                    "  t=%3d s  transactions answered %4d  refused %3d  " + "slowest probe %s",
                    t,
                    answered.get(t),
                    refused.get(t),
                    p < 0 ? "unanswered" : probes.get(t) == 0 ? "-" : p + " ms"));
        }
        return lines;
    }

    /** The buckets up to {@code seconds}, as the results file writes them. */
    List<Fields> toList(double seconds) {
        List<Fields> out = new ArrayList<>();
        for (int t = 0; t < last(seconds); t++) {
            long p = probeMillis.get(t);
            out.add(new Fields()
                    .put(Point.T, t)
                    .put(Point.TRANSACTIONS, answered.get(t))
                    .put(Point.PROBE_MILLIS, probes.get(t) == 0 || p < 0 ? null : (Long) p)
                    .put(Point.PROBE_UNANSWERED, p < 0)
                    .note("refused", refused.get(t)));
        }
        return out;
    }

    private static int last(double seconds) {
        return (int) Math.min(MAX_SECONDS - 1, Math.ceil(seconds));
    }
}
