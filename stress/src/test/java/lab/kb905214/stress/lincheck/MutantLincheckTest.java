package lab.kb905214.stress.lincheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lab.kb905214.results.Counters;
import lab.kb905214.results.Fields;
import lab.kb905214.results.Harness;
import lab.kb905214.results.MutantCounters;
import lab.kb905214.stress.mutants.Mutant;
import lab.kb905214.stress.mutants.MutantRun;
import lab.kb905214.stress.race.Race;
import lab.kb905214.stress.results.Provenance;
import org.junit.jupiter.api.Test;

/**
 * Lincheck's model checker against every selected mutant: the hand-written races, then random scenarios, each for
 * {@code lab.mutants.lincheckInvocations} invocations, until the first hang or non-linearizable result. Writes a
 * record per mutant of what it saw; asserts only that the control survived.
 */
class MutantLincheckTest {
    static final long BUDGET = Long.getLong("lab.mutants.lincheckInvocations", 1000);
    static final int RANDOM_SCENARIOS = Integer.getInteger("lab.mutants.lincheckRandom", 5);

    /**
     * Mutants this harness cannot judge. M7's pool threads are started outside Lincheck's control: the model checker
     * sees a managed thread wait on a future that an unmanaged thread completes, and calls that a deadlock (it did,
     * on [teardown] || [teardown]; then [await], which with one waiter cannot starve a two-thread pool).
     */
    static final Map<Mutant, String> NOT_APPLICABLE = Map.of(
            Mutant.M7,
            "the mutant's pool threads are not managed"
                    + " by Lincheck's model checker, which then reports a deadlock of its own making");

    @Test
    void modelCheckingAgainstEveryMutant() throws Exception {
        Provenance provenance = Provenance.now();
        for (Mutant mutant : Mutant.selected()) {
            if (NOT_APPLICABLE.containsKey(mutant)) {
                MutantRun.writeNotApplicable(Harness.LINCHECK, mutant, NOT_APPLICABLE.get(mutant), provenance);
                continue;
            }
            Fields observed = new Fields();
            MutantOperations.use(mutant);
            MutantRun seen = run(mutant, observed);
            seen.write(provenance, observed);
            System.out.printf(
                    "lincheck %s (%s): %d invocations, %s%n", mutant, mutant.title(), seen.explored(), seen.verdict());
            seen.requireControlSurvived();
        }
    }

    /** The hand-written races first (H1, H2, the error path, a repeated teardown), then random breadth. */
    static List<LincheckScenario> scenarios() {
        List<LincheckScenario> all = new ArrayList<>(List.of(
                LincheckScenario.of(Race.H1),
                LincheckScenario.of(Race.H2),
                LincheckScenario.of(Race.THREE_PATHS),
                LincheckScenario.of(Race.FAILURE),
                LincheckScenario.of(Race.TEARDOWN_TWICE)));
        all.addAll(LincheckScenario.random(905214L, RANDOM_SCENARIOS));
        return all;
    }

    /** Runs the scenarios; what makes the run neither kill nor survival goes into {@code observed}. */
    private static MutantRun run(Mutant mutant, Fields observed) throws InterruptedException {
        long started = System.nanoTime();
        long explored = 0;
        List<LincheckRun> runs = new ArrayList<>();
        for (LincheckScenario scenario : scenarios()) {
            LincheckRun run;
            try {
                run = LincheckRun.check(MutantOperations.class, scenario, BUDGET);
            } catch (IllegalStateException e) {
                // Lincheck itself could not run the mutant (e.g. threads it does not manage): no verdict, said so.
                double seconds = (System.nanoTime() - started) / 1e9;
                observed.put(
                        Counters.HARNESS_ERROR, "Lincheck could not run " + scenario.describe() + ": " + e.getCause());
                return new MutantRun(
                        Harness.LINCHECK,
                        mutant,
                        null,
                        false,
                        null,
                        explored,
                        "invocations",
                        seconds,
                        "Lincheck could not run " + scenario.describe() + ": " + e.getCause(),
                        LincheckResults.failpointsArmed(runs),
                        LincheckResults.failpointsReached(runs),
                        lostVerdicts(runs));
            }
            explored += run.explored();
            runs.add(run);
            if (run.timedOut()) {
                // The build's time limit ended the run, not a hang Lincheck reported: no verdict, said so.
                double seconds = (System.nanoTime() - started) / 1e9;
                observed.put(MutantCounters.TIME_LIMIT, scenario.describe() + ": " + run.failure());
                return new MutantRun(
                        Harness.LINCHECK,
                        mutant,
                        null,
                        false,
                        null,
                        explored,
                        "invocations",
                        seconds,
                        run.failure(),
                        LincheckResults.failpointsArmed(runs),
                        LincheckResults.failpointsReached(runs),
                        lostVerdicts(runs));
            }
            if (!run.passed()) {
                double seconds = (System.nanoTime() - started) / 1e9;
                String kind = run.deadlocked() ? "deadlock" : run.hung() ? "hang" : "non-linearizable result";
                return new MutantRun(
                        Harness.LINCHECK,
                        mutant,
                        scenario.describe() + ": " + kind,
                        run.deadlocked() || run.hung(),
                        seconds,
                        explored,
                        "invocations",
                        seconds,
                        run.failure(),
                        LincheckResults.failpointsArmed(runs),
                        LincheckResults.failpointsReached(runs),
                        lostVerdicts(runs));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new MutantRun(
                Harness.LINCHECK,
                mutant,
                null,
                false,
                null,
                explored,
                "invocations",
                seconds,
                "",
                LincheckResults.failpointsArmed(runs),
                LincheckResults.failpointsReached(runs),
                lostVerdicts(runs));
    }

    private static long lostVerdicts(List<LincheckRun> runs) {
        return runs.stream().mapToLong(LincheckRun::lostVerdicts).sum();
    }
}
