package lab.kb905214.stress.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import lab.kb905214.stress.results.Provenance;
import lab.kb905214.stress.results.ResultsDirectory;
import lab.kb905214.stress.rig.EngineKind;
import org.junit.jupiter.api.Test;

/** engine-fixed (unbounded wait, so a lost wakeup would hang) under the same traffic: every transaction answered. */
class FixedLoadTest {
    /** Seconds of traffic (default build), or the cap on a run that goes for a transaction count (-Pstress). */
    static final Duration BUDGET = Duration.ofSeconds(Long.getLong("lab.load.fixedSeconds", 10));

    @Test
    void everyTransactionIsAnsweredAndEvery250Stored() throws Exception {
        LoadPlan plan = LoadPlan.defaults()
                .withMaxDuration(BUDGET)
                .withTargetTransactions(Long.getLong("lab.load.fixedTransactions", 0));
        LoadRun run = LoadDriver.run(EngineKind.FIXED, plan, p -> {});
        ResultsDirectory.fromSystemProperty().write(LoadResults.of(run, "H1", Provenance.now()));

        assertThat(run.hung()).as("fixed engine hung: %s", run.evidence()).isFalse();
        assertThat(run.transactionsAnswered()).isPositive();
        assertThat(run.unanswered()).as("transactions without a reply").isZero();
        assertThat(run.accepted250Missing())
                .as("250s without exactly one stored message")
                .isEmpty();
        assertThat(run.threadsAtEnd()).as("engine threads left after close").isZero();
        assertThat(run.closeWait()).as("connections left in CLOSE_WAIT").isIn(0, -1);
    }
}
