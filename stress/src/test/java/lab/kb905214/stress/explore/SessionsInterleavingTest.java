package lab.kb905214.stress.explore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import lab.kb905214.stress.rig.EngineKind;
import lab.kb905214.stress.spin.SpinTrail;
import org.junit.jupiter.api.Test;

/**
 * Two sessions' orders, as SPIN's 2x1 trails give them, run on the real engines: each label releases exactly its own
 * session's thread, and the completions come in the order's order.
 */
class SessionsInterleavingTest {

    /** The serial order of a trail SPIN's 2x1 H1 run wrote, as {@code spin -t -p -g} printed it (a test resource). */
    private static List<String> capturedTrail(String name) throws IOException {
        try (InputStream in = SessionsInterleavingTest.class.getResourceAsStream("/lab/kb905214/stress/spin/" + name)) {
            assertThat(in).as("the captured trail %s", name).isNotNull();
            return SpinTrail.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .releases();
        }
    }

    /** Session 1's check is answered; session 0 looked at its outcome before its post but waits only after it: trail 2. */
    private static List<String> lateLook() throws IOException {
        return capturedTrail("trail-buggy-two-sessions-late-look.txt");
    }

    /**
     * Session 0's client leaves while its session waits; the post wakes the session, which answers, and only then does
     * the watcher, held since its look, begin its teardown; session 1 loses its wakeup: trail 39.
     */
    private static List<String> answerBeforeTeardown() throws IOException {
        return capturedTrail("trail-buggy-two-sessions-answer-before-teardown.txt");
    }

    @Test
    void engineBuggyLosesTheSecondSessionsWakeupWhileTheFirstIsAnswered() throws Exception {
        List<String> order = lateLook();
        SessionsInterleaving.Run run = SessionsInterleaving.run(EngineKind.BUGGY, order);

        assertThat(run.released()).as(run.evidence()).isEqualTo(order);
        assertThat(run.ending()).as(run.evidence()).isEqualTo(Leaf.Ending.WAITER_NEVER_WAKES);
    }

    @Test
    void engineFixedAnswersBothSessionsInTheSameOrder() throws Exception {
        List<String> order = lateLook();
        SessionsInterleaving.Run run = SessionsInterleaving.run(EngineKind.FIXED, order);

        assertThat(run.released()).as(run.evidence()).isEqualTo(order);
        assertThat(run.ending()).as(run.evidence()).isEqualTo(Leaf.Ending.COMPLETED);
        assertThat(run.evidence()).contains("session 1: 250", "session 0: 250");
    }

    @Test
    void engineBuggyHoldsTheWatcherBetweenItsLookAndItsTeardownWhileItsSessionIsAnswered() throws Exception {
        List<String> order = answerBeforeTeardown();
        SessionsInterleaving.Run run = SessionsInterleaving.run(EngineKind.BUGGY, order);

        assertThat(run.released()).as(run.evidence()).isEqualTo(order);
        assertThat(run.ending()).as(run.evidence()).isEqualTo(Leaf.Ending.WAITER_NEVER_WAKES);
    }

    @Test
    void engineFixedAnswersTheSessionThatStayedWhenTheOtherLeavesBeforeItsAnswer() throws Exception {
        List<String> order = answerBeforeTeardown();
        SessionsInterleaving.Run run = SessionsInterleaving.run(EngineKind.FIXED, order);

        assertThat(run.released()).as(run.evidence()).isEqualTo(order);
        assertThat(run.ending()).as(run.evidence()).isEqualTo(Leaf.Ending.COMPLETED);
        assertThat(run.evidence()).contains("session 1: 250");
    }

    @Test
    void engineBuggyLocksUpOnTheSecondSessionsResetWhileTheFirstWaits() throws Exception {
        // SPIN's trail 5 of the 2x1 H1 run: session 0's teardown holds its session lock, its completion the registry
        List<String> order = List.of(
                "client.send session 1",
                "waiter.begin check 1",
                "waiter.checked check 1",
                "client.send session 0",
                "waiter.begin check 0",
                "client.reset session 0",
                "teardown.begin session 0",
                "waiter.checked check 0",
                "completion.begin check 0",
                "teardown.cancel session 0",
                "completion.post check 0");

        SessionsInterleaving.Run run = SessionsInterleaving.run(EngineKind.BUGGY, order);

        assertThat(run.released()).as(run.evidence()).isEqualTo(order);
        assertThat(run.ending()).as(run.evidence()).isEqualTo(Leaf.Ending.LOCK_CYCLE);
    }
}
