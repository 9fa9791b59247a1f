package lab.kb905214.stress.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import lab.kb905214.engine.failpoint.Step;
import lab.kb905214.engine.thread.ThreadRole;
import lab.kb905214.stress.race.RaceOperation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Holds each scenario's declared orders to the race catalogue: every step is a {@link RaceOperation}'s, each thread
 * passes its steps in its call's program order, both orders make the same calls, and a session stops short of
 * {@code waiter.checked} only where the model says its look finds the verdict.
 */
@Tag("shares-jvm") // starts no engine and leaves no thread behind: it may share a JVM
class ScenarioOrdersTest {

    @Test
    void eachThreadPassesItsCallsStepsInProgramOrder() {
        for (Scenario scenario : Scenario.values()) {
            for (Order order : Order.values()) {
                byThread(scenario.steps(order))
                        .forEach((thread, steps) -> assertThat(callOf(thread))
                                .as("%s %s: %s's steps", scenario, order, thread)
                                .startsWith(steps.toArray(Step[]::new)));
            }
        }
    }

    @Test
    void bothOrdersMakeTheSameCallsAndDifferOnlyInTheirInterleaving() {
        for (Scenario scenario : Scenario.values()) {
            List<Step> racy = scenario.steps(Order.RACY);
            List<Step> benign = scenario.steps(Order.BENIGN);
            assertThat(byThread(racy).keySet())
                    .as("%s: threads", scenario)
                    .isEqualTo(byThread(benign).keySet());
            assertThat(racy).as("%s: the two orders", scenario).isNotEqualTo(benign);
            // Every call that decides the race's check passes all its steps in both orders.
            for (RaceOperation call : scenario.race().calls()) {
                if (call.decides() && call.thread() == ThreadRole.COMPLETION) {
                    assertThat(racy).as("%s racy", scenario).containsSubsequence(call.steps());
                    assertThat(benign).as("%s benign", scenario).containsSubsequence(call.steps());
                }
            }
        }
    }

    @Test
    void aSessionStopsAtItsLookOnlyWhenTheVerdictIsAlreadyThere() {
        for (Scenario scenario : Scenario.values()) {
            for (Order order : Order.values()) {
                List<Step> steps = scenario.steps(order);
                if (steps.contains(Step.WAITER_BEGIN) && !steps.contains(Step.WAITER_CHECKED)) {
                    assertThat(steps.indexOf(Step.WAITER_BEGIN))
                            .as("%s %s: the session looks after the verdict is posted", scenario, order)
                            .isGreaterThan(steps.indexOf(Step.COMPLETION_DONE));
                }
            }
        }
    }

    @Test
    void theRacyOrdersOpenTheWindowsTheirRacesAreAbout() {
        List<Step> h1 = Scenario.H1.steps(Order.RACY);
        // H1: teardown passes its whole window while completion is inside its own.
        assertThat(h1.indexOf(Step.TEARDOWN_DONE))
                .isBetween(h1.indexOf(Step.COMPLETION_BEGIN), h1.indexOf(Step.COMPLETION_POST));
        List<Step> h2 = Scenario.H2.steps(Order.RACY);
        // H2: the whole completion lies between the session's look and its wait.
        assertThat(h2.subList(h2.indexOf(Step.WAITER_BEGIN), h2.indexOf(Step.WAITER_CHECKED) + 1))
                .containsSubsequence(RaceOperation.COMPLETE.steps());
        List<Step> stale = Scenario.STALE.steps(Order.RACY);
        // STALE: the earlier check's completion comes after its teardown.
        assertThat(stale.indexOf(Step.COMPLETION_BEGIN)).isGreaterThan(stale.indexOf(Step.TEARDOWN_DONE));
    }

    private static Map<ThreadRole, List<Step>> byThread(List<Step> steps) {
        return steps.stream()
                .collect(Collectors.groupingBy(RaceOperation::threadAt, TreeMap::new, Collectors.toList()));
    }

    // The steps of the calls thread makes: the same for every call of one thread, which the catalogue's calls share.
    private static List<Step> callOf(ThreadRole thread) {
        Set<List<Step>> calls = Arrays.stream(RaceOperation.values())
                .filter(op -> op.thread() == thread)
                .map(RaceOperation::steps)
                .collect(Collectors.toSet());
        assertThat(calls).as("%s's calls pass one sequence of steps", thread).hasSize(1);
        return calls.iterator().next();
    }
}
