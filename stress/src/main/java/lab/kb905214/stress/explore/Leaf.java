package lab.kb905214.stress.explore;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import lab.kb905214.engine.failpoint.Step;
import lab.kb905214.engine.hang.LockCycle;

/**
 * One complete interleaving of the race windows, run on the real engine, and how it ended.
 *
 * @param order the steps in the order the explorer released them
 * @param client what the client did, and after how many steps
 * @param clientCouldMoveAt exploring the client's moves, the depths at which a client that did not move could have
 *     (its check still in flight); empty otherwise
 * @param nextAt after how many steps the client sent its next transaction; -1 when it sent none
 * @param nextCouldAt the depths at which the client, its first transaction answered, could have sent its next and did
 *     not yet (some step could go on there instead)
 * @param enabled at each depth, the steps whose threads were parked there and could be released
 * @param ending how the interleaving ended
 * @param cycle the lock cycle, when that is how the interleaving ended
 * @param evidence the proof of a hang (the cycle, or the waiter's stack), or what the completed run showed
 * @param probeReply the reply a fresh transaction got afterwards ("250 ..." when the server still works)
 * @param stored messages in the Maildir after the run (the raced one at most once)
 * @param millis how long the run took, engine start to stop
 * @param monitorsAtSteps for each step reached, the monitors its thread held there (innermost first), as the JVM
 *     reported them at the failpoint: engine-fixed's claim rests on there being none
 * @param lostVerdicts the coordinator's own count of verdicts posted that never reached their waiter
 * @param teardownsFailed teardowns that threw, as the engine counted them (the watcher logs them and goes on)
 */
public record Leaf(
        List<Step> order,
        ClientMove client,
        List<Integer> clientCouldMoveAt,
        int nextAt,
        List<Integer> nextCouldAt,
        List<List<Step>> enabled,
        Ending ending,
        Optional<LockCycle> cycle,
        String evidence,
        String probeReply,
        long stored,
        long millis,
        Map<Step, List<String>> monitorsAtSteps,
        long lostVerdicts,
        long teardownsFailed) {

    /** How an interleaving ends. */
    public enum Ending {
        /** Every thread left the coordinator; the server answered a fresh transaction. */
        COMPLETED,
        /** The JVM reported a lock cycle among the race's threads: H1. */
        LOCK_CYCLE,
        /** Nothing can move, and the waiter sits in its wait with nobody left to wake it: H2. */
        WAITER_NEVER_WAKES,
        /** Every thread left the coordinator, but the server's replies or stored count were wrong. */
        WRONG_RESULT,
        /** The engine did not reach the steps the explorer needed: the run proves nothing. */
        NOT_EXERCISED
    }

    /** Whether this leaf is a hang. */
    public boolean hung() {
        return ending == Ending.LOCK_CYCLE || ending == Ending.WAITER_NEVER_WAKES;
    }

    /**
     * Whether the session, past its look for a verdict, still had not answered once the RSET's teardown had returned:
     * in a leaf where the client sent a next transaction, {@code waiter.checked} was released before
     * {@code teardown.done}, and yet the client could not send its next transaction right after {@code teardown.done}.
     * engine-fixed's teardown completes the check's outcome before it reaches {@code teardown.done}, so its session has
     * the answer by then; one that still waits, waits for the old evaluation, which the RSET had made moot.
     */
    public Optional<String> waitedPastTheTeardown() {
        int looked = order.indexOf(Step.WAITER_CHECKED);
        int tornDown = order.indexOf(Step.TEARDOWN_DONE);
        if (nextAt < 0 || looked < 0 || tornDown < 0 || looked > tornDown) {
            return Optional.empty(); // no next transaction (not the STALE tree), or the session looked after
        }
        int back = tornDown + 1; // the depth at which the watcher was back from the teardown
        if (nextAt == back || nextCouldAt.contains(back)) {
            return Optional.empty();
        }
        return Optional.of("the RSET's teardown had returned (depth " + back + ") and the session, past its look, had"
                + " not answered: it waited for the old evaluation");
    }

    /** The order as {@code lab replay --order} takes it. */
    public String orderText() {
        return replayOrder().text();
    }

    /** The order, as the explorer gives it back to replay this leaf. */
    public ReplayOrder replayOrder() {
        return new ReplayOrder(order, client, nextAt);
    }
}
