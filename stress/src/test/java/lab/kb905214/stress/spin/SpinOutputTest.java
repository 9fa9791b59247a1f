package lab.kb905214.stress.spin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Reading pan's and spin's output, on output captured from SPIN 6.5.2 runs of the lab's models. */
@Tag("shares-jvm") // starts no engine and leaves no thread behind: it may share a JVM
class SpinOutputTest {

    private static String captured(String name) throws IOException {
        try (InputStream in = SpinOutputTest.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aCompletedSafetySearchWithoutErrors() throws IOException {
        PanReport pan = PanReport.parse(captured("pan-fixed-safety-complete.txt"));
        assertThat(pan.statesStored()).isEqualTo(3_938_014);
        assertThat(pan.transitions()).isEqualTo(6_363_250);
        assertThat(pan.depthReached()).isEqualTo(111);
        assertThat(pan.errors()).isZero();
        assertThat(pan.errorKinds()).isEmpty();
        assertThat(pan.searchCompleted()).isTrue();
        assertThat(pan.truncatedBy()).isEmpty();
        assertThat(pan.panSeconds()).isEqualTo(1.75);
    }

    @Test
    void invalidEndStatesCountedPastTheFirst() throws IOException {
        PanReport pan = PanReport.parse(captured("pan-buggy-safety-errors.txt"));
        assertThat(pan.errors()).isEqualTo(9);
        assertThat(pan.firstErrorKind()).contains("invalid end state");
        assertThat(pan.statesStored()).isEqualTo(3446);
        assertThat(pan.searchCompleted()).as("-c0 goes on to the end").isTrue();
    }

    @Test
    void anAcceptanceCycleWithStoredAndVisitedStates() throws IOException {
        PanReport pan = PanReport.parse(captured("pan-buggy-liveness-cycle.txt"));
        assertThat(pan.errors()).isEqualTo(1);
        assertThat(pan.firstErrorKind()).contains("acceptance cycle");
        assertThat(pan.statesStored()).isEqualTo(266);
        assertThat(pan.depthReached()).isEqualTo(91);
    }

    @Test
    void theDepthLimitLeavesTheSearchIncompleteThoughPanDoesNotSaySoInItsWarning() throws IOException {
        String output = captured("pan-depth-limit.txt");
        assertThat(output).doesNotContain("Search not completed");
        PanReport pan = PanReport.parse(output);
        assertThat(pan.searchCompleted()).isFalse();
        assertThat(pan.truncatedBy()).singleElement().asString().contains("depth");
    }

    @Test
    void theMemoryLimitLeavesTheSearchIncomplete() throws IOException {
        PanReport pan = PanReport.parse(captured("pan-memory-limit.txt"));
        assertThat(pan.searchCompleted()).isFalse();
        assertThat(pan.truncatedBy()).contains("pan: Search not completed", "pan: memory limit reached");
    }

    @Test
    void outputWithoutASummaryIsRefused() {
        assertThatThrownBy(() -> PanReport.parse("spin: buggy-coordinator.pml:3, Error: syntax error"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no search summary");
    }

    @Test
    void aTrailEndingInTheRegistrySessionLockCycle() throws IOException {
        SpinTrail trail = SpinTrail.parse(captured("trail-buggy-lock-cycle.txt"));
        assertThat(trail.kind()).isEqualTo(SpinTrail.Kind.LOCK_CYCLE);
        assertThat(trail.summary()).contains("holds [registry]").contains("holds [sessionLock[0]]");
        assertThat(trail.finalState()).containsEntry("registry.owner", 0L).containsEntry("sessionLock[0].owner", 2L);
        assertThat(trail.steps()).containsSubsequence("teardown.cancel session 0", "completion.post check 0");
        assertThat(trail.steps()).noneMatch(s -> s.startsWith("completion.done") || s.startsWith("teardown.done"));
    }

    @Test
    void aTrailEndingWithTheWaiterParkedAfterItsVerdictWasPosted() throws IOException {
        SpinTrail trail = SpinTrail.parse(captured("trail-buggy-lost-wakeup.txt"));
        assertThat(trail.kind()).isEqualTo(SpinTrail.Kind.WAITER_NEVER_WOKEN);
        assertThat(trail.summary()).contains("sessionLock[0]").contains("threads [1]");
        assertThat(trail.finalState()).containsEntry("outcome[0]", 1L);
        assertThat(trail.steps()).containsSubsequence("waiter.checked check 0", "completion.done check 0");
    }

    @Test
    void aReplayThatIsNoTrailIsRefused() {
        assertThatThrownBy(() -> SpinTrail.parse("spin: cannot find trail file"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
