package lab.kb905214.bench.spf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.kb905214.senderid.spf.SpfResult;

/**
 * How many suite cases an evaluator gets right (its result is one the suite accepts); a benchmark of wrong answers
 * measures nothing, so the benchmarks run only cases every evaluator answers right, and assert that at setup.
 *
 * @param right the cases answered right
 * @param wrong case name to what went wrong, for the others
 */
public record SuiteTally(List<SuiteCase> right, Map<String, String> wrong) {

    /** Evaluates every case of {@code suite} once with {@code evaluator}. */
    public static SuiteTally of(OpenSpfSuite suite, SuiteEvaluator evaluator) {
        List<SuiteCase> right = new ArrayList<>();
        Map<String, String> wrong = new LinkedHashMap<>();
        for (SuiteCase c : suite.cases()) {
            String got;
            try {
                SpfResult result = evaluator.evaluate(c);
                if (c.expected().contains(result)) {
                    right.add(c);
                    continue;
                }
                got = result.keyword();
            } catch (RuntimeException e) {
                got = "exception " + e;
            }
            wrong.put(suite.scenarioName(c.scenario()) + " / " + c.name(), "expected " + c.expected() + ", got " + got);
        }
        return new SuiteTally(List.copyOf(right), Map.copyOf(wrong));
    }

    /** The cases both tallies got right, in suite order. */
    public List<SuiteCase> common(SuiteTally other) {
        List<SuiteCase> both = new ArrayList<>(right);
        both.retainAll(other.right);
        return List.copyOf(both);
    }

    /** Throws unless {@code evaluator} answers every one of {@code cases} right (the setup assertion). */
    public static void requireRight(SuiteEvaluator evaluator, List<SuiteCase> cases, String who) {
        for (SuiteCase c : cases) {
            SpfResult result = evaluator.evaluate(c);
            if (!c.expected().contains(result)) {
                throw new IllegalStateException(who + " answered " + result.keyword() + " for " + c.name()
                        + ", the suite expects " + c.expected() + ": refusing to benchmark wrong answers");
            }
        }
    }
}
