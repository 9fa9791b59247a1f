package lab.kb905214.stress.spin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import lab.kb905214.stress.spin.SerialOrder.Event;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A trail's labels in the order a failpoint schedule releases them, on trails captured from SPIN 6.5.2 runs of
 * buggy-coordinator.pml (H1 runs, 1x1 and 2x1) and on small made-up ones.
 */
@Tag("shares-jvm") // starts no engine and leaves no thread behind: it may share a JVM
class SerialOrderTest {

    private static SpinTrail captured(String name) throws IOException {
        try (InputStream in = SerialOrderTest.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            return SpinTrail.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static List<String> ids(List<String> labels) {
        return TrailReplay.ids(labels);
    }

    @Test
    void aWatcherThatFindsTheRegistryTakenIsReleasedAfterTheCompletionTookIt() throws IOException {
        SpinTrail trail = captured("trail-buggy-registry-taken-after-cancel.txt");

        assertThat(trail.kind()).isEqualTo(SpinTrail.Kind.LOCK_CYCLE);
        assertThat(ids(trail.steps()))
                .containsExactly(
                        "client.send",
                        "waiter.begin",
                        "client.reset",
                        "teardown.begin",
                        "teardown.cancel",
                        "waiter.checked",
                        "completion.begin",
                        "completion.post");
        // teardown.cancel was printed first, but the watcher asked for the registry only once the completion had it
        assertThat(ids(trail.releases()))
                .containsExactly(
                        "client.send",
                        "waiter.begin",
                        "client.reset",
                        "teardown.begin",
                        "waiter.checked",
                        "completion.begin",
                        "teardown.cancel",
                        "completion.post");
    }

    @Test
    void aTeardownThatTakesTheSessionLockAfterThePostIsReleasedAfterIt() throws IOException {
        SpinTrail trail = captured("trail-buggy-teardown-after-post.txt");

        assertThat(trail.kind()).isEqualTo(SpinTrail.Kind.WAITER_NEVER_WOKEN);
        assertThat(ids(trail.steps()))
                .containsExactly(
                        "client.send",
                        "waiter.begin",
                        "client.reset",
                        "teardown.begin",
                        "waiter.checked",
                        "completion.begin",
                        "completion.post",
                        "teardown.cancel",
                        "completion.done",
                        "teardown.done");
        // the watcher looked while the check was in flight, so the client's RSET stays before the post; but the
        // teardown and the waiter took the session lock only after the completion had posted and let it go
        assertThat(ids(trail.releases()))
                .containsExactly(
                        "client.send",
                        "waiter.begin",
                        "client.reset",
                        "completion.begin",
                        "completion.post",
                        "teardown.begin",
                        "teardown.cancel",
                        "waiter.checked",
                        "completion.done",
                        "teardown.done");
    }

    @Test
    void aSecondSessionsLookThatWaitsOnlyAfterItsPostIsReleasedAfterThePost() throws IOException {
        // 2x1: session 1's waiter is woken by its post and goes on as part of that release; session 0 looked before
        // its post but waited only after it, so its look is released after the post (its wakeup is lost)
        SpinTrail trail = captured("trail-buggy-two-sessions-late-look.txt");

        assertThat(trail.kind()).isEqualTo(SpinTrail.Kind.WAITER_NEVER_WOKEN);
        assertThat(trail.steps())
                .containsSequence("waiter.checked check 0", "completion.begin check 1")
                .endsWith("completion.post check 0", "completion.done check 0");
        assertThat(trail.releases())
                .containsExactly(
                        "client.send session 1",
                        "waiter.begin check 1",
                        "waiter.checked check 1",
                        "client.send session 0",
                        "waiter.begin check 0",
                        "completion.begin check 1",
                        "completion.post check 1",
                        "completion.done check 1",
                        "completion.begin check 0",
                        "completion.post check 0",
                        "waiter.checked check 0",
                        "completion.done check 0");
    }

    @Test
    void aWatcherThatLookedBeforeItsSessionWasAnsweredTearsDownAfterIt() throws IOException {
        // 2x1, trail 39: session 0's client leaves while its session waits; its post wakes the session, which answers,
        // and only then does the watcher's teardown take the session lock (and finds nothing to cancel)
        SpinTrail trail = captured("trail-buggy-two-sessions-answer-before-teardown.txt");

        assertThat(trail.kind()).isEqualTo(SpinTrail.Kind.WAITER_NEVER_WOKEN);
        assertThat(trail.steps()).containsSequence("client.leave session 0", "teardown.begin session 0");
        assertThat(trail.releases())
                .containsExactly(
                        "client.send session 1",
                        "waiter.begin check 1",
                        "client.send session 0",
                        "waiter.begin check 0",
                        "client.leave session 0",
                        "waiter.checked check 0",
                        "completion.begin check 0",
                        "completion.post check 0",
                        "teardown.begin session 0",
                        "teardown.cancel session 0",
                        "completion.done check 0",
                        "teardown.done session 0",
                        "completion.begin check 1",
                        "completion.post check 1",
                        "waiter.checked check 1",
                        "completion.done check 1");
    }

    @Test
    void aLookThatPrecedesTheTeardownsWriteKeepsThePrintedOrder() throws IOException {
        SpinTrail trail = captured("trail-buggy-look-inside-teardown.txt");

        // the waiter read the outcome inside the watcher's teardown, before its write: released before it
        assertThat(trail.releases()).isEqualTo(trail.steps());
    }

    @Test
    void joiningAnEntryQueueIsNoConflict() {
        List<Event> events = List.of(
                Event.label("A", "a.first"),
                Event.statement("A", "sessionLock[s].entryQueue = (sessionLock[s].entryQueue|(1<<me))"),
                Event.label("B", "b.first"),
                Event.statement("B", "sessionLock[s].entryQueue = (sessionLock[s].entryQueue|(1<<me))"),
                Event.statement("B", "sessionLock[s].owner = me"),
                Event.statement("A", "sessionLock[s].owner = me"));

        // A queued first but took the lock second: only the owner's writes order the two
        assertThat(SerialOrder.of(events)).containsExactly("b.first", "a.first");
    }

    @Test
    void aClientsMoveComesBeforeItsSessionLeavesTheWait() {
        List<Event> events = List.of(
                Event.label("S0", "client.send session 0"),
                Event.statement("S0", "inFlight[s] = 1"),
                Event.label("S1", "client.send session 1"),
                Event.statement("S1", "inFlight[s] = 1"),
                Event.label("S0", "waiter.begin check 0"),
                Event.label("S1", "waiter.begin check 1"),
                Event.statement("S1", "inFlight[s] = 0"), // session 1 has its outcome: not the flag W0 looks at
                Event.label("W0", "client.leave session 0"), // W0 looks: session 0's check is in flight
                Event.statement("S0", "inFlight[s] = 0"), // session 0 has its outcome, in waiter.begin's segment
                Event.label("W0", "teardown.begin session 0"));

        // the look must see session 0 in flight: its move comes before the segment in which the session leaves the
        // wait (on the engine that segment runs through to the answer); session 1's flag does not order it, and its
        // segment, free to go, keeps its place among the printed labels
        assertThat(SerialOrder.of(events))
                .containsExactly(
                        "client.send session 0",
                        "client.send session 1",
                        "waiter.begin check 1",
                        "client.leave session 0",
                        "waiter.begin check 0",
                        "teardown.begin session 0");
    }

    @Test
    void segmentsThatConflictBothWaysKeepThePrintedOrder() {
        List<Event> events = List.of(
                Event.label("A", "a.first"),
                Event.label("B", "b.first"),
                Event.statement("B", "pending[s] = 255"),
                Event.statement("A", "check = pending[s]"),
                Event.statement("A", "outcome[c] = 2"),
                Event.statement("B", "got = outcome[c]"));

        // B wrote the registry before A read it, A wrote the outcome before B read it: no schedule runs them one
        // after another, and the printed order stands
        assertThat(SerialOrder.of(events)).containsExactly("a.first", "b.first");
    }
}
