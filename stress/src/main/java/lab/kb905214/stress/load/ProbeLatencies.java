package lab.kb905214.stress.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the probes of a load run measured: how long the server took to answer a fresh transaction.
 *
 * @param answered probes that got a reply to their final dot
 * @param refused probes the server refused at connection (421 at its connection limit): an answer, so saturation
 * @param unanswered probes that got no answer at all within the judge's window
 * @param p50Millis median latency of the answered probes, from the connect to the reply to the final dot (-1: none
 *     answered)
 * @param p90Millis 90th percentile
 * @param p99Millis 99th percentile
 * @param maxMillis the slowest answered probe
 * @param over2s answered probes slower than 2 s: the lab's first judge called the server stopped at the first one
 */
public record ProbeLatencies(
        long answered,
        long refused,
        long unanswered,
        long p50Millis,
        long p90Millis,
        long p99Millis,
        long maxMillis,
        long over2s) {

    /** Collects probe outcomes from one probe thread and reads them from another (thread-safe). */
    static final class Recorder {
        private final List<Long> millis = new ArrayList<>();
        private long refused;
        private long unanswered;

        synchronized void answered(long latencyMillis) {
            millis.add(latencyMillis);
        }

        synchronized void refused() {
            refused++;
        }

        synchronized void unanswered() {
            unanswered++;
        }

        synchronized ProbeLatencies summary() {
            List<Long> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            long over2s = sorted.stream().filter(m -> m > 2000).count();
            return new ProbeLatencies(
                    sorted.size(),
                    refused,
                    unanswered,
                    percentile(sorted, 0.50),
                    percentile(sorted, 0.90),
                    percentile(sorted, 0.99),
                    sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1),
                    over2s);
        }

        // Nearest rank: the smallest value with at least q of the values at or below it.
        private static long percentile(List<Long> sorted, double q) {
            if (sorted.isEmpty()) {
                return -1;
            }
            int rank = (int) Math.ceil(q * sorted.size());
            return sorted.get(Math.max(0, rank - 1));
        }
    }
}
