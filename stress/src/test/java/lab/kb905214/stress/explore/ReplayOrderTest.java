package lab.kb905214.stress.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import lab.kb905214.engine.failpoint.Step;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Orders as {@code lab replay --order} reads and prints them, the client's move included. */
@Tag("shares-jvm") // starts no engine and leaves no thread behind: it may share a JVM
class ReplayOrderTest {

    private static ReplayOrder parse(String text) {
        return ReplayOrder.parse(List.of(text.split(",", -1)));
    }

    @Test
    void anExplorerLeafHasItsClientLeaveFirstAndPrintsWithoutIt() {
        ReplayOrder order = parse("completion.begin,completion.post,teardown.cancel,waiter.begin,waiter.checked");

        assertThat(order.client()).isEqualTo(ClientMove.LEAVES_FIRST);
        assertThat(order.text())
                .isEqualTo("completion.begin,completion.post,teardown.cancel,waiter.begin,waiter.checked");
        assertThat(parse("client.leave," + order.text())).isEqualTo(order);
    }

    @Test
    void anOrderWithoutATeardownHasAClientThatWaitsForItsReply() {
        ReplayOrder order = parse("waiter.begin,completion.begin,completion.post,waiter.checked,completion.done");

        assertThat(order.client()).isEqualTo(ClientMove.STAYS);
        assertThat(order.text()).doesNotContain("client");
    }

    @Test
    void aMoveAmongTheStepsIsMadeAfterTheStepsBeforeItAndPrintedThere() {
        String text = "waiter.begin,completion.begin,completion.post,client.reset,teardown.cancel,waiter.checked";
        ReplayOrder order = parse(text);

        assertThat(order.client()).isEqualTo(new ClientMove(ClientMove.Kind.RESET, 3));
        assertThat(order.steps()).hasSize(5).doesNotContainNull().contains(Step.TEARDOWN_CANCEL);
        assertThat(order.text()).isEqualTo(text);
    }

    @Test
    void aNextTransactionIsSentAfterTheStepsBeforeItAndItsStepsComeBack() {
        String text = "client.reset,teardown.cancel,teardown.done,waiter.begin,client.next,completion.begin,"
                + "completion.post,completion.done,waiter.begin,completion.begin,completion.post,completion.done";
        ReplayOrder order = parse(text);

        assertThat(order.client()).isEqualTo(new ClientMove(ClientMove.Kind.RESET, 0));
        assertThat(order.nextAt()).isEqualTo(3);
        assertThat(order.steps()).hasSize(10).containsSubsequence(Step.WAITER_BEGIN, Step.WAITER_BEGIN);
        assertThat(order.text()).isEqualTo(text);
        assertThatThrownBy(() -> parse(text + ",client.next"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a second client.next");
    }

    @Test
    void aSecondMoveOrAnUnknownNameIsRefused() {
        assertThatThrownBy(() -> parse("client.leave,waiter.begin,client.reset"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one client move at most");
        assertThatThrownBy(() -> parse("waiter.begin,waiter.nap"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no step or client move called 'waiter.nap'")
                .hasMessageContaining("client.reset");
    }

    @Test
    void aWatchersEntryIsRefusedInAnOrderOfOneSession() {
        // the explorer does not hold the watcher between its look and its teardown: the client's move stands there
        assertThatThrownBy(() -> parse("waiter.begin,client.leave,teardown.begin,teardown.cancel"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'teardown.begin' holds a watcher only in an order of several sessions");
    }
}
