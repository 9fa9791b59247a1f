package lab.kb905214.stress.explore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The STALE tree's question for a session past its look, asked of orders the explorer recorded. */
@Tag("shares-jvm") // starts no engine and leaves no thread behind: it may share a JVM
class LeafTest {
    /** M13's killing leaf: the session looked before the RSET's teardown returned (at depth 4). */
    private static final String LOOKED_BEFORE_THE_TEARDOWN = "client.reset,teardown.cancel,waiter.begin,waiter.checked,"
            + "teardown.done,completion.begin,completion.post,completion.done,client.next,completion.begin,"
            + "completion.post,completion.done,waiter.begin";

    private static Leaf completed(String order, List<Integer> nextCouldAt) {
        ReplayOrder parsed = ReplayOrder.parse(List.of(order.split(",", -1)));
        return new Leaf(
                parsed.steps(),
                parsed.client(),
                List.of(),
                parsed.nextAt(),
                nextCouldAt,
                List.of(),
                Leaf.Ending.COMPLETED,
                Optional.empty(),
                "",
                "250",
                2,
                0,
                Map.of(),
                0,
                0);
    }

    @Test
    void aSessionThatCouldAnswerOnlyAfterTheOldCompletionWaitedPastTheTeardown() {
        assertThat(completed(LOOKED_BEFORE_THE_TEARDOWN, List.of()).waitedPastTheTeardown())
                .hasValueSatisfying(why -> assertThat(why).contains("depth 4"));
    }

    @Test
    void aClientThatCouldSendItsNextRightAfterTheTeardownGotItsAnswerInTime() {
        assertThat(completed(LOOKED_BEFORE_THE_TEARDOWN, List.of(4)).waitedPastTheTeardown())
                .isEmpty();
    }

    @Test
    void aSessionThatLookedAfterTheTeardownIsNotAsked() {
        String order = "client.reset,teardown.cancel,teardown.done,waiter.begin,completion.begin,completion.post,"
                + "completion.done,client.next,completion.begin,completion.post,completion.done,waiter.begin";
        assertThat(completed(order, List.of()).waitedPastTheTeardown()).isEmpty();
    }

    @Test
    void aLeafWithoutANextTransactionIsNotAsked() {
        String order = "teardown.cancel,waiter.begin,waiter.checked,teardown.done,completion.begin,completion.post,"
                + "completion.done";
        assertThat(completed(order, List.of()).waitedPastTheTeardown()).isEmpty();
    }
}
