package lab.kb905214.stress.stats;

/**
 * One-sided 95% confidence bounds for the rates the harnesses measure: exact (Clopper–Pearson) for k events in n
 * trials, and Poisson for k events in an exposure of T seconds. Sizing a budget from a point estimate overclaims
 * (one event in one run is not a rate of 1): the bound says how bad the rate can be and still have produced what
 * was seen, 19 times in 20.
 */
public final class ConfidenceBounds {
    /** One-sided: the bound is wrong at most this often. */
    public static final double ALPHA = 0.05;

    private ConfidenceBounds() {}

    /**
     * The largest per-trial probability that still gives at most {@code k} events in {@code n} trials 5% of the time.
     */
    public static double binomialUpper(long k, long n) {
        check(k, n);
        if (k >= n) {
            return 1.0;
        }
        // P(X <= k) falls as p grows: find where it crosses ALPHA.
        return bisect(p -> binomialCdf(k, n, p) - ALPHA, 0, 1, false);
    }

    /**
     * The smallest per-trial probability that still gives at least {@code k} events in {@code n} trials 5% of the time.
     */
    public static double binomialLower(long k, long n) {
        check(k, n);
        if (k == 0) {
            return 0.0;
        }
        // P(X >= k) = 1 - P(X <= k - 1) grows with p: find where it crosses ALPHA.
        return bisect(p -> (1 - binomialCdf(k - 1, n, p)) - ALPHA, 0, 1, true);
    }

    /** The largest rate per second that still gives at most {@code k} events in {@code seconds} 5% of the time. */
    public static double poissonUpper(long k, double seconds) {
        checkExposure(k, seconds);
        double hi = (k + 10 + 10 * Math.sqrt(k + 1.0)) / seconds; // far above any plausible rate
        return bisect(rate -> poissonCdf(k, rate * seconds) - ALPHA, 0, hi, false);
    }

    /** The smallest rate per second that still gives at least {@code k} events in {@code seconds} 5% of the time. */
    public static double poissonLower(long k, double seconds) {
        checkExposure(k, seconds);
        if (k == 0) {
            return 0.0;
        }
        double hi = (k + 10 + 10 * Math.sqrt(k + 1.0)) / seconds;
        return bisect(rate -> (1 - poissonCdf(k - 1, rate * seconds)) - ALPHA, 0, hi, true);
    }

    /** P(X <= k) for X ~ Binomial(n, p), summed in log space so large n neither underflows nor overflows. */
    static double binomialCdf(long k, long n, double p) {
        if (p <= 0) {
            return 1.0;
        }
        if (p >= 1) {
            return k >= n ? 1.0 : 0.0;
        }
        double logPmf = n * Math.log1p(-p);
        double logRatio = Math.log(p) - Math.log1p(-p);
        double sum = 0;
        for (long i = 0; i <= k; i++) {
            sum += Math.exp(logPmf);
            logPmf += Math.log((double) (n - i) / (i + 1)) + logRatio;
        }
        return Math.min(1.0, sum);
    }

    /** P(X <= k) for X ~ Poisson(mean). */
    static double poissonCdf(long k, double mean) {
        double logPmf = -mean;
        double sum = 0;
        for (long i = 0; i <= k; i++) {
            sum += Math.exp(logPmf);
            logPmf += Math.log(mean) - Math.log((double) (i + 1));
        }
        return Math.min(1.0, sum);
    }

    private interface Curve {
        double at(double x);
    }

    // The root of a monotone curve on [lo, hi], to far below the precision anyone reads a rate at.
    private static double bisect(Curve f, double lo, double hi, boolean increasing) {
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            boolean belowRoot = increasing ? f.at(mid) < 0 : f.at(mid) > 0;
            if (belowRoot) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    private static void check(long k, long n) {
        if (n < 1 || k < 0 || k > n) {
            throw new IllegalArgumentException("need 0 <= k <= n and n >= 1, got k=" + k + ", n=" + n);
        }
    }

    private static void checkExposure(long k, double seconds) {
        if (k < 0 || !(seconds > 0)) {
            throw new IllegalArgumentException("need k >= 0 and seconds > 0, got k=" + k + ", seconds=" + seconds);
        }
    }
}
