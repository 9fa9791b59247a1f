package lab.kb905214.stress.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lab.kb905214.stress.results.Provenance;
import lab.kb905214.stress.results.ResultsDirectory;
import lab.kb905214.stress.rig.EngineKind;
import org.junit.jupiter.api.Test;

/**
 * engine-buggy under real traffic, failpoints off. Whether it hangs within the budget is a matter of chance, so
 * this harness only records; the gate requires it only under -Pstress, where the budget makes a miss negligible.
 * What it can assert is that a hang, when it happens, is the lab's H1 and not something else.
 */
class BuggyLoadTest {
    static final Duration BUDGET = Duration.ofSeconds(Long.getLong("lab.load.buggySeconds", 30));
    /** Runs pooled into one detection rate; each run is a fresh engine, discarded (not stopped) once it hangs. */
    static final int RUNS = Integer.getInteger("lab.load.buggyRuns", 1);

    @Test
    void abortingClientsStopTheServer() throws Exception {
        Provenance provenance = Provenance.now();
        List<LoadRun> runs = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            LoadPlan plan = LoadPlan.defaults().withMaxDuration(BUDGET);
            runs.add(LoadDriver.run(EngineKind.BUGGY, plan.withSeed(plan.seed() + i), p -> {}));
        }
        ResultsDirectory.fromSystemProperty().write(LoadResults.pooled(runs, "H1", provenance));

        for (LoadRun run : runs) {
            run.cycle()
                    .ifPresent(cycle -> assertThat(cycle.blockedMethods())
                            .containsExactlyInAnyOrder("BuggyCoordinator.complete", "BuggyCoordinator.teardown"));
            assertThat(run.accepted250Missing())
                    .as("250s without a stored message")
                    .isEmpty();
        }
    }

    @Test
    void withoutAbortsThereIsNoLockCycle() throws Exception {
        Duration budget = Duration.ofSeconds(Long.getLong("lab.load.noAbortSeconds", 10));
        LoadRun run = LoadDriver.run(
                EngineKind.BUGGY, LoadPlan.defaults().withAbortRate(0).withMaxDuration(budget), p -> {});
        ResultsDirectory.fromSystemProperty().write(LoadResults.of(run, "no-abort", Provenance.now()));

        // H1 needs the teardown path, which only a client leaving mid-check takes. H2 may still strike a session.
        assertThat(run.cycle()).as("no teardown, no lock-order inversion").isEmpty();
    }
}
