package lab.kb905214.reports.gate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.kb905214.reports.results.HarnessRun;
import lab.kb905214.results.Counters;
import lab.kb905214.results.Harness;
import lab.kb905214.results.LincheckCounters;
import lab.kb905214.results.ScheduleCounters;
import lab.kb905214.results.SpinCounters;

/**
 * The {@code -Pstress} budgets, checked on the plan each results file records: a stress gate that passed on default
 * budgets (a profile dropped, a property overridden) would claim what the long runs were meant to show. The numbers
 * are those of stress/pom.xml's {@code stress} profile.
 */
final class StressBudget {
    /** {@code lab.schedule.repetitions} under -Pstress. */
    static final long SCHEDULE_REPETITIONS = 100;
    /** {@code lab.lincheck.iterations} under -Pstress. */
    static final long LINCHECK_ITERATIONS = 30;
    /** {@code lab.lincheck.invocations} under -Pstress. */
    static final long LINCHECK_INVOCATIONS = 5000;
    /** {@code lab.spin.buggyBounds} under -Pstress. */
    static final ModelBounds SPIN_BUGGY_BOUNDS = new ModelBounds(2, 1);
    /** {@code lab.spin.fixedSafetyBounds} and {@code fixedLivenessBounds} under -Pstress. */
    static final ModelBounds SPIN_FIXED_BOUNDS = new ModelBounds(2, 2);
    /** {@code lab.spin.fixedWideSafetyBounds} and {@code fixedWideLivenessBounds} under -Pstress. */
    static final ModelBounds SPIN_WIDE_BOUNDS = new ModelBounds(3, 1);
    /** {@code lab.load.buggyRuns} under -Pstress. */
    static final long LOAD_BUGGY_RUNS = 20;
    /** engine-buggy's runs through Unbound (each ends at its first proven hang, or after 10 s). */
    static final long LOAD_UNBOUND_BUGGY_RUNS = 10;
    /** {@code lab.load.fixedTransactions} under -Pstress. */
    static final long LOAD_FIXED_TRANSACTIONS = 100_000;
    /** {@code lab.jcstress.budget} under -Pstress, in seconds (20m). */
    static final long JCSTRESS_SECONDS = 20 * 60;

    // JcstressRunner writes its plan as "budget 20m: -f 4 ...".
    private static final Pattern JCSTRESS_BUDGET = Pattern.compile("^budget (\\d+)(ms|s|m|h)?:.*", Pattern.DOTALL);

    /** The least a SPIN model must contain: sessions, and transactions per session. */
    record ModelBounds(long sessions, long transactionsPerSession) {}

    private StressBudget() {}

    /** Why {@code run}, one of the files the stress build requires, ran less than the stress budget (empty if not). */
    static List<String> check(HarnessRun run) {
        List<String> reasons = new ArrayList<>();
        Optional<Harness> harness = run.harnessKind();
        if (harness.isEmpty()) {
            return reasons; // a harness the stress build does not budget
        }
        switch (harness.get()) {
            case SCHEDULE ->
                atLeast(
                        reasons,
                        "counters.plan.repetitions",
                        HarnessRun.whole(ScheduleCounters.Plan.REPETITIONS.in(run.counterNode(Counters.PLAN))),
                        SCHEDULE_REPETITIONS);
            case LINCHECK -> {
                if (ExpectedRuns.REAL_THREADS.contains(run.key())) {
                    // runConcurrentTest runs one budget of invocations, not iterations of a scenario.
                    atLeast(reasons, "counters.budget", run.counter(Counters.BUDGET), LINCHECK_INVOCATIONS);
                    return reasons;
                }
                atLeast(reasons, "counters.iterations", run.counter(LincheckCounters.ITERATIONS), LINCHECK_ITERATIONS);
                atLeast(
                        reasons,
                        "counters.invocationsPerIteration",
                        run.counter(LincheckCounters.INVOCATIONS_PER_ITERATION),
                        LINCHECK_INVOCATIONS);
            }
            case JCSTRESS ->
                atLeast(
                        reasons,
                        "the budget of counters.plan",
                        jcstressSeconds(run.counterNode(Counters.PLAN).asText("")),
                        JCSTRESS_SECONDS);
            case LOAD -> {
                if (ExpectedRuns.FIXED_ONLY.contains(run.key())) {
                    // The load through Unbound keeps its default budget under -Pstress: it is not a stress harness.
                } else if (run.isBuggy()) {
                    JsonNode runs = run.counterNode(Counters.RUNS);
                    atLeast(
                            reasons,
                            "runs recorded (counters.runs)",
                            runs.isArray() ? OptionalLong.of(runs.size()) : OptionalLong.empty(),
                            ExpectedRuns.BUGGY_FROM_STRESS.contains(run.key())
                                    ? LOAD_UNBOUND_BUGGY_RUNS
                                    : LOAD_BUGGY_RUNS);
                } else {
                    atLeast(reasons, "transactions answered (explored)", run.explored(), LOAD_FIXED_TRANSACTIONS);
                }
            }
            case SPIN -> {
                ModelBounds bounds = ExpectedRuns.SPIN_WIDE_FROM_STRESS.contains(run.key())
                        ? SPIN_WIDE_BOUNDS
                        : run.isBuggy() ? SPIN_BUGGY_BOUNDS : SPIN_FIXED_BOUNDS;
                atLeast(
                        reasons,
                        "the model's sessions (counters.sessions)",
                        run.counter(SpinCounters.SESSIONS),
                        bounds.sessions());
                atLeast(
                        reasons,
                        "its transactions per session (counters.transactionsPerSession)",
                        run.counter(SpinCounters.TRANSACTIONS_PER_SESSION),
                        bounds.transactionsPerSession());
            }
            default -> {} // a harness the stress build does not budget
        }
        return reasons;
    }

    private static void atLeast(List<String> reasons, String what, OptionalLong value, long budget) {
        if (value.isEmpty()) {
            reasons.add("stress budget unknown: " + what + " is missing, so nothing shows this ran its -Pstress budget"
                    + " (" + budget + ")");
        } else if (value.getAsLong() < budget) {
            reasons.add("below the stress budget: " + what + " = " + value.getAsLong() + " < " + budget
                    + "; a -Pstress gate judges -Pstress runs");
        }
    }

    private static OptionalLong jcstressSeconds(String plan) {
        Matcher m = JCSTRESS_BUDGET.matcher(plan);
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return OptionalLong.of(
                switch (unit) {
                    case "ms" -> n / 1000;
                    case "m" -> n * 60;
                    case "h" -> n * 3600;
                    default -> n;
                });
    }
}
