package lab.kb905214.stress.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import lab.kb905214.engine.failpoint.Step;
import lab.kb905214.stress.race.RaceOperation;

/**
 * An interleaving as {@code lab replay --order} takes it: the failpoint steps in the order they are released, and the
 * client's move among them ({@code client.leave}, {@code client.reset}) where it is not the explorer's, and where it
 * sends its next transaction ({@code client.next}) if it has one.
 *
 * <p>Without a move in the text, the client is the explorer's when the order has a teardown step (it leaves before the
 * first step), and waits for its reply when the order has none: only a client's move starts a teardown. A step named
 * twice is the same thread back at it for the next transaction's check.
 *
 * @param steps the failpoint steps, in the order they are released
 * @param client what the client does, and after how many steps
 * @param nextAt after how many steps the client, its first transaction answered, sent its next; -1 when it did not
 */
public record ReplayOrder(List<Step> steps, ClientMove client, int nextAt) {

    /** The id of the client's next transaction in an order. */
    public static final String NEXT = "client.next";

    /** An order of one transaction. */
    public ReplayOrder(List<Step> steps, ClientMove client) {
        this(steps, client, -1);
    }

    /** Whether the client sends a next transaction on its session. */
    public boolean sendsNext() {
        return nextAt >= 0;
    }

    /** Reads an order: each id a {@link Step}'s or a {@link ClientMove.Kind}'s, with one client move at most. */
    public static ReplayOrder parse(List<String> ids) {
        List<Step> steps = new ArrayList<>();
        ClientMove client = null;
        int nextAt = -1;
        for (String raw : ids) {
            String id = raw.trim();
            if (id.equals(NEXT) && nextAt < 0) {
                nextAt = steps.size();
                continue;
            }
            Optional<Step> step =
                    Arrays.stream(Step.values()).filter(s -> s.id().equals(id)).findFirst();
            Optional<ClientMove.Kind> move = Arrays.stream(ClientMove.Kind.values())
                    .filter(k -> k.id().equals(id))
                    .findFirst();
            if (step.isPresent() && !step.get().isRaceWindow()) {
                throw new IllegalArgumentException("'" + id + "' holds a watcher only in an order of several sessions"
                        + " (labels such as \"" + id + " session 0\"); with one session the client's move stands"
                        + " where its watcher begins the teardown");
            } else if (step.isPresent()) {
                steps.add(step.get());
            } else if (move.isPresent() && client == null) {
                client = new ClientMove(move.get(), steps.size());
            } else if (move.isPresent()) {
                throw new IllegalArgumentException("'" + id + "': an order has one client move at most");
            } else {
                throw new IllegalArgumentException("no step or client move called '" + id + "' (or a second "
                        + NEXT + "); the steps are "
                        + Arrays.stream(Step.values()).map(Step::id).toList()
                        + ", the client moves "
                        + Arrays.stream(ClientMove.Kind.values())
                                .map(ClientMove.Kind::id)
                                .toList() + " and " + NEXT);
            }
        }
        if (client == null) {
            client = steps.stream().anyMatch(ReplayOrder::isTeardown) ? ClientMove.LEAVES_FIRST : ClientMove.STAYS;
        }
        return new ReplayOrder(List.copyOf(steps), client, nextAt);
    }

    /** The order as {@link #parse} reads it back, the client's move left out where it goes without saying. */
    public String text() {
        boolean implied = client.kind() == ClientMove.Kind.STAY
                ? steps.stream().noneMatch(ReplayOrder::isTeardown)
                : client.equals(ClientMove.LEAVES_FIRST) && steps.stream().anyMatch(ReplayOrder::isTeardown);
        List<String> ids = new ArrayList<>(steps.stream().map(Step::id).toList());
        if (sendsNext()) { // the later of the two first, so the client's move keeps its index
            ids.add(Math.min(nextAt, ids.size()), NEXT);
        }
        if (!implied) {
            ids.add(Math.min(client.atDepth(), ids.size()), client.kind().id());
        }
        return String.join(",", ids);
    }

    private static boolean isTeardown(Step step) {
        return RaceOperation.TEARDOWN.steps().contains(step);
    }
}
