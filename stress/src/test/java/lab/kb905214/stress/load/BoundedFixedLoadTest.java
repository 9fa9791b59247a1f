package lab.kb905214.stress.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import lab.kb905214.engine.check.WaitBound;
import lab.kb905214.stress.results.Provenance;
import lab.kb905214.stress.results.ResultsDirectory;
import lab.kb905214.stress.rig.EngineKind;
import lab.kb905214.stress.rig.EngineRig;
import org.junit.jupiter.api.Test;

/**
 * engine-fixed as deployed, with its wait bounded, under DNS answers slow enough that some checks outlast the bound
 * and some do not. Every other harness waits unbounded, so that a lost wakeup shows as a hang; this one exercises the
 * path they never reach, {@code FixedCoordinator.expired}, with real clients: the bound and the verdict race on every
 * check whose evaluation ends near it. Each check is answered with its verdict or 451 4.4.3, never both; a 451 over a
 * verdict already posted would be a lost verdict, which the coordinator counts and the gate fails on.
 */
class BoundedFixedLoadTest {
    /** Seconds of traffic. */
    static final Duration BUDGET = Duration.ofSeconds(Long.getLong("lab.load.boundedSeconds", 8));
    /**
     * The bound, short so the test needs no 20 s evaluations: the production bound only scales the same race. With
     * DNS answers taking 20-120 ms and one or two queries per check, checks end on both sides of it.
     */
    static final Duration BOUND = Duration.ofMillis(Long.getLong("lab.load.boundMillis", 90));

    @Test
    void everyCheckEndsWithItsVerdictOrA451AndNoVerdictIsLost() throws Exception {
        LoadPlan plan = LoadPlan.defaults()
                .withMaxDuration(BUDGET)
                .withSeed(5)
                .withDns(Duration.ofMillis(20), Duration.ofMillis(100), 0);
        EngineRig.Options options = EngineRig.Options.harness().withVerdictWaitBound(WaitBound.atMost(BOUND));
        LoadRun run = LoadDriver.run(EngineKind.FIXED, plan, options, null, (rig, seconds) -> {}, p -> {});
        ResultsDirectory.fromSystemProperty().write(LoadResults.of(run, "bounded", Provenance.now()));

        assertThat(run.hung()).as("fixed engine hung: %s", run.evidence()).isFalse();
        assertThat(run.timedOutAtBound()).as("checks that outlasted the bound").isPositive();
        assertThat(run.replies2xx()).as("checks that beat the bound").isPositive();
        assertThat(run.lostVerdicts())
                .as("verdicts posted that never reached their waiter")
                .isZero();
        assertThat(run.accepted250Missing())
                .as("250s without exactly one stored message")
                .isEmpty();
    }
}
