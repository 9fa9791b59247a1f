package lab.kb905214.reports.gate;

import java.util.List;

/**
 * What the gate decided.
 *
 * @param profile the build judged
 * @param fixedNeverHung every expected engine-fixed file exists and no engine-fixed run hung or lost a verdict
 * @param buggyReproduced every harness the profile requires hung engine-buggy in every required scenario
 * @param reasons every reason to fail, each naming harness, engine, scenario and file (empty: the gate passes)
 * @param cases one judgement per harness × engine × scenario (expected or found)
 */
public record GateDecision(
        GateProfile profile,
        boolean fixedNeverHung,
        boolean buggyReproduced,
        List<Finding> reasons,
        List<GateCase> cases) {

    /** Freezes the lists, so a verdict cannot change once given. */
    public GateDecision {
        reasons = List.copyOf(reasons);
        cases = List.copyOf(cases);
    }

    /** Whether the gate passes. */
    public boolean passed() {
        return reasons.isEmpty() && fixedNeverHung && buggyReproduced;
    }

    /** "pass" or "fail", as summary.json writes it. */
    public String gate() {
        return passed() ? "pass" : "fail";
    }
}
