package lab.kb905214.stress.lincheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import lab.kb905214.results.Engine;
import lab.kb905214.stress.race.Race;
import lab.kb905214.stress.race.RaceOperation;
import lab.kb905214.stress.results.Provenance;
import org.junit.jupiter.api.Test;

/**
 * engine-fixed (unbounded wait) under Lincheck's model checker: the races that hang engine-buggy, all three paths
 * at once, and random scenarios must pass the budget with results linearizable against {@link CheckSpecification}.
 * A control shows the specification can fail. Results files are written before anything is asserted.
 */
class FixedLincheckTest {
    /** Budget of each hand-written scenario: the whole per-test budget, iterations x invocations. */
    private static final long SCENARIO_BUDGET = (long) LincheckRun.ITERATIONS * LincheckRun.INVOCATIONS;
    /** Seed of the random scenarios; {@code -Dlab.lincheck.seed=N} draws others. */
    private static final long SEED = Long.getLong("lab.lincheck.seed", 905214L);

    @Test
    void h1CompletionAndTeardownNeverDeadlock() throws Exception {
        assertPassesEveryInterleaving(runAndRecord(LincheckScenario.of(Race.H1)));
    }

    @Test
    void h2WaiterAlwaysSeesTheVerdict() throws Exception {
        assertPassesEveryInterleaving(runAndRecord(LincheckScenario.of(Race.H2)));
    }

    @Test
    void allThreePathsAtOnceDecideTheCheckOnce() throws Exception {
        assertPassesEveryInterleaving(runAndRecord(LincheckScenario.of(Race.THREE_PATHS)));
    }

    @Test
    void randomScenariosPassTheBudget() throws Exception {
        Provenance provenance = Provenance.now();
        List<LincheckRun> runs = new ArrayList<>();
        // One random scenario per iteration, each explored for up to one iteration's invocations.
        for (LincheckScenario scenario : LincheckScenario.random(SEED, LincheckRun.ITERATIONS)) {
            LincheckRun run = LincheckRun.check(FixedCoordinatorOperations.class, scenario, LincheckRun.INVOCATIONS);
            System.out.printf(
                    "lincheck fixed %s %s: %d invocations, exhaustive %s, %.1f s%n",
                    scenario.name(), scenario.describe(), run.explored(), run.exhaustive(), run.seconds());
            runs.add(run);
        }
        LincheckResults.recordSeries(Engine.FIXED, "random", SEED, runs, provenance);

        assertThat(runs).hasSize(LincheckRun.ITERATIONS);
        runs.forEach(FixedLincheckTest::assertPasses);
    }

    @Test
    void specificationRejectsACheckDecidedTwice() throws Exception {
        // Power check of the specification: a coordinator whose teardown overwrites a delivered verdict lets two
        // waits see two outcomes. Lincheck must call that non-linearizable, and not a hang.
        // Recorded as lincheck-control-spec.json, so the gate, not this test's assertions, decides.
        Provenance provenance = Provenance.now();
        LincheckScenario twoOutcomes = new LincheckScenario(
                "spec",
                List.of(
                        List.of(RaceOperation.COMPLETE, RaceOperation.AWAIT),
                        List.of(RaceOperation.TEARDOWN, RaceOperation.AWAIT)),
                List.of());
        LincheckRun run = LincheckRun.check(LastWriterWinsOperations.class, twoOutcomes, SCENARIO_BUDGET);
        LincheckResults.record(Engine.CONTROL, run, provenance);
        System.out.printf("lincheck control: %d invocations%n%s%n", run.explored(), run.failure());

        assertThat(run.passed())
                .as("the specification accepted a check decided twice")
                .isFalse();
        assertThat(run.hung())
                .as("a wrong result, not a hang:\n%s", run.failure())
                .isFalse();
        assertThat(run.failure()).contains("Invalid execution results");
    }

    private static LincheckRun runAndRecord(LincheckScenario scenario) throws InterruptedException {
        Provenance provenance = Provenance.now();
        LincheckRun run = LincheckRun.check(FixedCoordinatorOperations.class, scenario, SCENARIO_BUDGET);
        LincheckResults.record(Engine.FIXED, run, provenance);
        System.out.printf(
                "lincheck fixed %s: %d invocations of %d, exhaustive %s, %.1f s%n",
                scenario.name(), run.explored(), run.budget(), run.exhaustive(), run.seconds());
        return run;
    }

    // The hand-written races fit the default budget whole (three-paths, the largest, needed 877 of 10,000
    // invocations): Lincheck must report that it had no interleaving left.
    private static void assertPassesEveryInterleaving(LincheckRun run) {
        assertPasses(run);
        assertThat(run.exhaustive())
                .as("%s: %s", run.scenario().describe(), run.exhaustiveWhy())
                .isTrue();
    }

    private static void assertPasses(LincheckRun run) {
        assertThat(run.failure())
                .as("%s on engine-fixed", run.scenario().describe())
                .isNull();
        assertThat(run.explored()).as("invocations explored").isPositive().isLessThanOrEqualTo(run.budget());
    }
}
