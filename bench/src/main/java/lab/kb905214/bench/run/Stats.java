package lab.kb905214.bench.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Median and spread of a handful of per-run figures (e.g. seconds to first hang over 10 runs). */
public final class Stats {
    private Stats() {}

    /** n, median, min, max, p25, p75 and the values themselves; an empty list gives n = 0 only. */
    public static Map<String, Object> of(List<Double> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("n", values.size());
        if (values.isEmpty()) {
            return out;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        out.put("median", round(quantile(sorted, 0.5)));
        out.put("min", round(sorted.get(0)));
        out.put("p25", round(quantile(sorted, 0.25)));
        out.put("p75", round(quantile(sorted, 0.75)));
        out.put("max", round(sorted.get(sorted.size() - 1)));
        out.put("values", values.stream().map(Stats::round).toList());
        return out;
    }

    // Linear interpolation between closest ranks, so the median of an even count is the mean of the middle two.
    static double quantile(List<Double> sorted, double q) {
        double pos = q * (sorted.size() - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted.get(lo) + (sorted.get(hi) - sorted.get(lo)) * (pos - lo);
    }

    /** Rounds to 4 decimals for the JSON. */
    public static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
