package lab.kb905214.senderid.conformance;

import lab.kb905214.senderid.spf.SpfOutcome;

/** How a suite case's outcome is judged and shown, the same for every suite test. */
final class Verdicts {
    private Verdicts() {}

    /** Null when the outcome is acceptable, else what is wrong. */
    static String problem(OpenSpfSuite.Case c, Object outcome) {
        if (!(outcome instanceof SpfOutcome o)) {
            return "no outcome: " + outcome;
        }
        if (!c.expected().contains(o.result())) {
            return "result " + o.result().keyword() + " (" + o.reason() + ")";
        }
        if (c.explanation() != null) {
            // "DEFAULT" in the suite means the receiver's own default explanation, whatever its words.
            boolean ok = c.explanation().equals("DEFAULT")
                    ? o.defaultExplanation()
                    : c.explanation().equals(o.explanation()) && !o.defaultExplanation();
            if (!ok) {
                return "explanation \"" + o.explanation() + "\"" + (o.defaultExplanation() ? " (default)" : "");
            }
        }
        return null;
    }

    /** The acceptable results, "|"-separated, and the expected explanation if the case has one. */
    static String expected(OpenSpfSuite.Case c) {
        String results = c.expected().stream()
                .map(r -> r.keyword())
                .reduce((a, b) -> a + "|" + b)
                .orElse("");
        return c.explanation() == null ? results : results + " \"" + c.explanation() + "\"";
    }

    /** The result and explanation an outcome gave, or the exception that took its place. */
    static String got(Object outcome) {
        if (outcome instanceof SpfOutcome o) {
            return o.result().keyword() + (o.explanation().isEmpty() ? "" : " \"" + o.explanation() + "\"");
        }
        return String.valueOf(outcome);
    }
}
