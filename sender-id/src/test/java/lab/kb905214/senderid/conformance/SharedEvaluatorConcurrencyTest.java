package lab.kb905214.senderid.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import lab.kb905214.senderid.spf.RecordSelector;
import org.junit.jupiter.api.Test;

/**
 * The evaluator is shared by every SMTP session of a server (jSPF 1.0.5's SPF object is not: two threads sharing
 * it get wrong results). Here the whole RFC 7208 suite runs with, per scenario, one evaluator (one DnsClient, one
 * embedded DNS server) used by {@value #THREADS} threads at once, each running all of the scenario's cases
 * {@value #ROUNDS} times in its own shuffled order; every result is judged exactly as {@link Rfc7208SuiteTest}
 * judges it (results and explanations).
 */
class SharedEvaluatorConcurrencyTest {
    private static final OpenSpfSuite SUITE = OpenSpfSuite.load("/openspf/rfc7208-tests.yml");
    private static final int THREADS = 4;
    private static final int ROUNDS = 3;
    /** Generous for one scenario (the slowest has a few 400 ms timeouts per round); only a hang gets near it. */
    private static final long SCENARIO_BOUND_SECONDS = 60;

    @Test
    void theWholeSuiteFromFourThreadsAtOnceGivesNoWrongResult() throws Exception {
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        int evaluations = 0;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (OpenSpfSuite.Scenario scenario : SUITE.scenarios()) {
                try (SuiteRunner shared = new SuiteRunner(scenario)) {
                    List<Callable<Integer>> sessions = new ArrayList<>();
                    for (int t = 0; t < THREADS; t++) {
                        long seed = t;
                        sessions.add(() -> runAllCases(shared, scenario, new Random(seed), wrong));
                    }
                    List<Future<Integer>> done = pool.invokeAll(sessions, SCENARIO_BOUND_SECONDS, TimeUnit.SECONDS);
                    for (Future<Integer> session : done) {
                        assertThat(session.isCancelled())
                                .as(
                                        "a session of \"%s\" did not finish within %d s",
                                        scenario.description(), SCENARIO_BOUND_SECONDS)
                                .isFalse();
                        evaluations += session.get(); // rethrows a session's own failure
                    }
                }
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS))
                    .as("pool stopped")
                    .isTrue();
        }
        assertThat(wrong).as("wrong results out of %d evaluations", evaluations).isEmpty();
        assertThat(evaluations).isEqualTo(SUITE.caseCount() * THREADS * ROUNDS);
    }

    /** One session: all cases of the scenario, {@link #ROUNDS} times, each round in a new random order. */
    private static int runAllCases(
            SuiteRunner shared, OpenSpfSuite.Scenario scenario, Random random, List<String> wrong) throws Exception {
        int evaluated = 0;
        List<OpenSpfSuite.Case> cases = new ArrayList<>(scenario.cases());
        for (int round = 0; round < ROUNDS; round++) {
            Collections.shuffle(cases, random);
            for (OpenSpfSuite.Case c : cases) {
                Object outcome;
                try {
                    outcome = shared.run(c, RecordSelector.SPF);
                } catch (Exception e) {
                    outcome = e;
                }
                String problem = Verdicts.problem(c, outcome);
                if (problem != null) {
                    wrong.add(c.displayName() + " [" + Thread.currentThread().getName() + ", round " + round
                            + "]: expected " + Verdicts.expected(c) + ", " + problem);
                }
                evaluated++;
            }
        }
        return evaluated;
    }
}
