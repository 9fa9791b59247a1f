package lab.kb905214.stress.race;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The catalogue's races and what the sequential model allows each to return. */
@Tag("shares-jvm") // starts no engine and leaves no thread behind: it may share a JVM
class RaceTest {
    @Test
    void h1EndsWithOneWinnerThatTheSessionSees() {
        assertThat(Race.H1.calls())
                .containsExactly(RaceOperation.COMPLETE, RaceOperation.TEARDOWN, RaceOperation.AWAIT);
        assertThat(Race.H1.allowedResults())
                .containsExactlyInAnyOrder(List.of("OK", "OK", "DELIVERED"), List.of("OK", "OK", "CANCELLED"));
    }

    @Test
    void aWaitIsExplainedOnlyByTheDecisionBeforeIt() {
        // The order in which the session looks first would block its wait: it explains no result.
        assertThat(Race.H2.allowedResults()).containsExactly(List.of("DELIVERED", "OK"));
        assertThat(Race.FAILURE.allowedResults()).containsExactly(List.of("FAILED", "OK"));
    }

    @Test
    void aCheckIsDecidedOnceWhateverComesLater() {
        assertThat(Race.THREE_PATHS.allowedResults())
                .containsExactlyInAnyOrder(
                        List.of("DELIVERED", "OK", "OK", "DELIVERED"), List.of("CANCELLED", "OK", "OK", "CANCELLED"));
        assertThat(Race.DELIVERED_TO_WAITER.allowedResults())
                .containsExactly(List.of("OK", "DELIVERED", "OK", "DELIVERED"));
        assertThat(Race.CANCELLED_TO_WAITER.allowedResults())
                .containsExactly(List.of("OK", "CANCELLED", "OK", "CANCELLED"));
        assertThat(Race.TEARDOWN_TWICE.allowedResults()).containsExactly(List.of("OK", "OK", "CANCELLED"));
    }

    @Test
    void aStaleCompletionLeavesBothChecksAlone() {
        assertThat(Race.STALE_COMPLETION.hasEarlierCheck()).isTrue();
        assertThat(Race.STALE_COMPLETION.allowedResults())
                .containsExactly(List.of("OK", "OK", "CANCELLED", "DELIVERED"));
    }

    @Test
    void everyRaceCanEndAndOnlyTheStaleOneHasAnEarlierCheck() {
        for (Race race : Race.values()) {
            // A race in which no order lets every wait return would hang a correct coordinator too.
            assertThat(race.allowedResults()).as(race.label()).isNotEmpty();
            assertThat(race.hasEarlierCheck()).as(race.label()).isEqualTo(race == Race.STALE_COMPLETION);
        }
    }
}
