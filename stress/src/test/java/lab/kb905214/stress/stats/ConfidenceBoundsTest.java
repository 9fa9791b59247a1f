package lab.kb905214.stress.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The bounds against values that have closed forms or are tabulated. */
@Tag("shares-jvm") // starts no engine and leaves no thread behind: it may share a JVM
class ConfidenceBoundsTest {

    @Test
    void noEventInNTrialsHasTheClosedFormUpperBound() {
        // P(X = 0) = (1 - p)^n = 0.05  =>  p = 1 - 0.05^(1/n): the "rule of three" for large n.
        for (long n : new long[] {1, 3, 10, 100}) {
            assertThat(ConfidenceBounds.binomialUpper(0, n))
                    .as("n=%d", n)
                    .isCloseTo(1 - Math.pow(0.05, 1.0 / n), within(1e-9));
        }
    }

    @Test
    void everyTrialAnEventHasTheClosedFormLowerBound() {
        // P(X = n) = p^n = 0.05  =>  p = 0.05^(1/n).
        for (long n : new long[] {1, 5, 20}) {
            assertThat(ConfidenceBounds.binomialLower(n, n))
                    .as("n=%d", n)
                    .isCloseTo(Math.pow(0.05, 1.0 / n), within(1e-9));
        }
    }

    @Test
    void boundsBracketThePointEstimate() {
        // Clopper-Pearson one-sided 95% for 3 of 10 is [0.0873, 0.6066] (tabulated).
        assertThat(ConfidenceBounds.binomialLower(3, 10)).isCloseTo(0.0873, within(1e-4));
        assertThat(ConfidenceBounds.binomialUpper(3, 10)).isCloseTo(0.6066, within(1e-4));
    }

    @Test
    void poissonBoundsMatchTheChiSquareForm() {
        // Upper for 0 events: -ln(0.05)/T; for 1 event chi2(0.95, 4)/2 = 4.7439; lower for 1 event chi2(0.05, 2)/2 =
        // 0.05129.
        assertThat(ConfidenceBounds.poissonUpper(0, 100)).isCloseTo(-Math.log(0.05) / 100, within(1e-9));
        assertThat(ConfidenceBounds.poissonUpper(1, 1)).isCloseTo(4.7439, within(1e-3));
        assertThat(ConfidenceBounds.poissonLower(1, 1)).isCloseTo(0.05129, within(1e-4));
        assertThat(ConfidenceBounds.poissonLower(0, 10)).isZero();
    }

    @Test
    void largeTrialCountsNeitherUnderflowNorOverflow() {
        assertThat(ConfidenceBounds.binomialUpper(0, 1_000_000)).isCloseTo(2.9957e-6, within(1e-9));
        assertThat(ConfidenceBounds.binomialLower(5_000, 10_000)).isBetween(0.49, 0.495);
    }
}
