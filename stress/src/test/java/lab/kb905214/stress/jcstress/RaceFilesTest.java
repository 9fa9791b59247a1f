package lab.kb905214.stress.jcstress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lab.kb905214.stress.race.Race;
import lab.kb905214.stress.race.RaceOperation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.infra.StateCase;
import org.openjdk.jcstress.infra.TestInfo;
import org.openjdk.jcstress.infra.runners.TestList;

/**
 * Ties the JCStress tests to the race catalogue, reading them as JCStress does (its generated test list): one file
 * per race with an engine-fixed variant, each variant's actors the race's threads, and its grading the model's.
 */
@Tag("shares-jvm") // starts no engine and leaves no thread behind: it may share a JVM
class RaceFilesTest {
    /** Each race's file. */
    private static final Map<Race, Class<?>> FILES = Map.of(
            H1Race.RACE,
            H1Race.class,
            H2Race.RACE,
            H2Race.class,
            ThreePathsRace.RACE,
            ThreePathsRace.class,
            DeliveredToWaiterRace.RACE,
            DeliveredToWaiterRace.class,
            CancelledToWaiterRace.RACE,
            CancelledToWaiterRace.class,
            FailureRace.RACE,
            FailureRace.class,
            TeardownTwiceRace.RACE,
            TeardownTwiceRace.class,
            StaleCompletionRace.RACE,
            StaleCompletionRace.class);

    @Test
    void everyRaceHasOneFileWithAnEngineFixedVariant() {
        assertThat(FILES.keySet()).isEqualTo(EnumSet.allOf(Race.class));
        FILES.values()
                .forEach(file -> assertThat(variant(file, "Fixed"))
                        .as(file.getSimpleName())
                        .isPresent());
        assertThat(JcstressSuite.MUTANT_RUN)
                .allMatch(test -> test.getSimpleName().equals("Fixed"));
    }

    @Test
    void actorTestsRunTheRaceThreadsAndAcceptExactlyWhatTheModelAllowsOnEngineFixed() {
        for (Map.Entry<Race, Class<?>> file : FILES.entrySet()) {
            Race race = file.getKey();
            for (String engine : List.of("Fixed", "Buggy")) {
                Optional<TestInfo> test = variant(file.getValue(), engine);
                if (test.isEmpty() || isTermination(test.get())) {
                    continue;
                }
                String name = test.get().name();
                assertThat(test.get().threads())
                        .as(name + ": one actor per thread of the race")
                        .isEqualTo(race.threads().size());
                for (List<String> allowed : race.allowedResults()) {
                    assertThat(expect(test.get(), String.join(", ", allowed)))
                            .as(name + " grades " + allowed)
                            .isEqualTo(Expect.ACCEPTABLE);
                }
                if (engine.equals("Fixed")) {
                    // Nothing more is acceptable on engine-fixed than what the model allows.
                    for (StateCase acceptable : test.get().cases()) {
                        if (acceptable.expect() == Expect.ACCEPTABLE) {
                            assertThat(race.allowedResults())
                                    .as(name + " accepts " + acceptable.matchPattern())
                                    .anyMatch(allowed -> acceptable.matchesExactly(String.join(", ", allowed)));
                        }
                    }
                }
            }
        }
    }

    @Test
    void terminationTestsWaitAgainstOneDecisionAndForbidStaleOnlyOnEngineFixed() {
        for (Map.Entry<Race, Class<?>> file : FILES.entrySet()) {
            for (String engine : List.of("Fixed", "Buggy")) {
                Optional<TestInfo> test = variant(file.getValue(), engine);
                if (test.isEmpty() || !isTermination(test.get())) {
                    continue;
                }
                List<List<RaceOperation>> threads = file.getKey().threads();
                assertThat(threads).as(test.get().name()).hasSize(2);
                assertThat(threads.get(0)).as("the actor waits").containsExactly(RaceOperation.AWAIT);
                assertThat(threads.get(1))
                        .as("the signal decides")
                        .singleElement()
                        .matches(RaceOperation::decides);
                assertThat(file.getKey().after()).isEmpty();
                assertThat(expect(test.get(), "STALE"))
                        .as(test.get().name())
                        .isEqualTo(engine.equals("Fixed") ? Expect.FORBIDDEN : Expect.ACCEPTABLE_INTERESTING);
            }
        }
    }

    private static Optional<TestInfo> variant(Class<?> file, String engine) {
        String name = file.getCanonicalName() + "." + engine;
        return TestList.tests().contains(name) ? Optional.of(TestList.getInfo(name)) : Optional.empty();
    }

    private static boolean isTermination(TestInfo test) {
        return test.cases().stream().anyMatch(c -> c.matchesExactly("TERMINATED"));
    }

    private static Expect expect(TestInfo test, String result) {
        return test.cases().stream()
                .filter(c -> c.matchesExactly(result))
                .findFirst()
                .map(StateCase::expect)
                .orElse(test.unmatched().expect());
    }
}
