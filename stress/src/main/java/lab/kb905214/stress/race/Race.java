package lab.kb905214.stress.race;

import static lab.kb905214.stress.race.RaceOperation.AWAIT;
import static lab.kb905214.stress.race.RaceOperation.AWAIT_EARLIER;
import static lab.kb905214.stress.race.RaceOperation.COMPLETE;
import static lab.kb905214.stress.race.RaceOperation.COMPLETE_EARLIER;
import static lab.kb905214.stress.race.RaceOperation.FAIL;
import static lab.kb905214.stress.race.RaceOperation.TEARDOWN;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The race catalogue: each race the lab runs, declared once as the calls each thread makes on one session's checks
 * (in program order, the threads running at once) and the calls made after every thread has returned. Lincheck runs
 * a race's threads as its parallel part, JCStress as its actors, the explorer releases their {@link
 * RaceOperation#steps() steps}; what a correct coordinator may return is {@link #allowedResults() computed} from the
 * sequential {@link CheckModel}, not written down a second time.
 */
public enum Race {
    /** H1, the lock-order inversion: completion (registry, then session) against teardown (session, then registry). */
    H1("H1", List.of(List.of(COMPLETE), List.of(TEARDOWN)), List.of(AWAIT)),
    /** H2, the lost wakeup: the verdict posted between the session's look and its wait. */
    H2("H2", List.of(List.of(AWAIT), List.of(COMPLETE)), List.of()),
    /**
     * All three paths of one check at once: the session waits while completion and teardown cross, then looks again.
     */
    THREE_PATHS("three-paths", List.of(List.of(AWAIT), List.of(COMPLETE), List.of(TEARDOWN)), List.of(AWAIT)),
    /** The verdict reaches the waiter, then the client leaves: the late teardown must change nothing. */
    DELIVERED_TO_WAITER("delivered-to-waiter", List.of(List.of(COMPLETE), List.of(AWAIT)), List.of(TEARDOWN, AWAIT)),
    /** The client leaves while the session waits, then the verdict comes late: it must be dropped. */
    CANCELLED_TO_WAITER("cancelled-to-waiter", List.of(List.of(TEARDOWN), List.of(AWAIT)), List.of(COMPLETE, AWAIT)),
    /** The error path: the evaluation ends in an error, which must reach the waiter as a verdict would. */
    FAILURE("failure", List.of(List.of(AWAIT), List.of(FAIL)), List.of()),
    /** A pipelined RSET and then the client closing tear one session down twice: cancelling is idempotent. */
    TEARDOWN_TWICE("teardown-twice", List.of(List.of(TEARDOWN), List.of(TEARDOWN)), List.of(AWAIT)),
    /**
     * A stale completion: the earlier check was torn down and the session went on to its next; the earlier check's
     * evaluation then finishes, racing the current one's. It must touch neither: the earlier stays cancelled.
     */
    STALE_COMPLETION(
            "stale-completion", List.of(List.of(COMPLETE_EARLIER), List.of(COMPLETE)), List.of(AWAIT_EARLIER, AWAIT));

    private final String label;
    // List.of of List.of of enum constants: unmodifiable all the way down.
    @SuppressWarnings("ImmutableEnumChecker")
    private final List<List<RaceOperation>> threads;

    @SuppressWarnings("ImmutableEnumChecker")
    private final List<RaceOperation> after;

    Race(String label, List<List<RaceOperation>> threads, List<RaceOperation> after) {
        this.label = label;
        this.threads = threads;
        this.after = after;
    }

    /** The race's name in results files and reports ("H1", "three-paths", ...). */
    public String label() {
        return label;
    }

    /** The calls of each thread that runs at once with the others, in program order. */
    public List<List<RaceOperation>> threads() {
        return threads;
    }

    /** The calls made, in this order, once every thread has returned. */
    public List<RaceOperation> after() {
        return after;
    }

    /** Every call of the race: each thread's in turn, then those after. A harness records one result per call. */
    public List<RaceOperation> calls() {
        return Stream.concat(threads.stream().flatMap(List::stream), after.stream())
                .toList();
    }

    /** Whether the session had an earlier check, torn down before the current one was registered. */
    public boolean hasEarlierCheck() {
        return calls().stream().anyMatch(op -> op.check() == RaceOperation.Check.EARLIER);
    }

    /**
     * What a correct coordinator may return, one result per {@link #calls() call} ({@link CheckModel#OK} for a call
     * that decides, the outcome's name for a wait): the results of every order of the threads' calls in which no
     * wait comes before a decision, then the calls after. A real wait blocks until a decision, so it is explained by
     * an order that puts it later; an order where it would block adds nothing.
     */
    public Set<List<String>> allowedResults() {
        Set<List<String>> allowed = new TreeSet<>(Comparator.comparing(List::toString));
        for (List<Integer> order : orders()) {
            // The calls in the order they are made: the threads' as the order interleaves them, then those after.
            List<Integer> made = new ArrayList<>();
            int[] next = new int[threads.size()];
            order.forEach(thread -> made.add(offset(thread) + next[thread]++));
            for (int i = 0; i < after.size(); i++) {
                made.add(offset(threads.size()) + i);
            }
            CheckModel model = new CheckModel(hasEarlierCheck());
            String[] results = new String[calls().size()];
            for (int call : made) {
                Optional<String> result = model.apply(calls().get(call));
                if (result.isEmpty()) {
                    break; // a wait before any decision: this order explains no run
                }
                results[call] = result.get();
            }
            if (Arrays.stream(results).allMatch(Objects::nonNull)) {
                allowed.add(List.of(results));
            }
        }
        return allowed;
    }

    // The index in calls() of thread's first call (threads.size() for the first call after).
    private int offset(int thread) {
        return threads.subList(0, thread).stream().mapToInt(List::size).sum();
    }

    // Every merge of the threads' calls that keeps each thread's program order, as the sequence of threads that move.
    private List<List<Integer>> orders() {
        List<List<Integer>> orders = new ArrayList<>();
        merge(new int[threads.size()], new ArrayList<>(), orders);
        return orders;
    }

    private void merge(int[] done, List<Integer> prefix, List<List<Integer>> orders) {
        boolean moved = false;
        for (int t = 0; t < threads.size(); t++) {
            if (done[t] < threads.get(t).size()) {
                moved = true;
                done[t]++;
                prefix.add(t);
                merge(done, prefix, orders);
                prefix.remove(prefix.size() - 1);
                done[t]--;
            }
        }
        if (!moved) {
            orders.add(List.copyOf(prefix));
        }
    }
}
