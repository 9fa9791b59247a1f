package lab.kb905214.stress.schedule;

import static lab.kb905214.engine.failpoint.Step.COMPLETION_BEGIN;
import static lab.kb905214.engine.failpoint.Step.COMPLETION_DONE;
import static lab.kb905214.engine.failpoint.Step.COMPLETION_POST;
import static lab.kb905214.engine.failpoint.Step.TEARDOWN_CANCEL;
import static lab.kb905214.engine.failpoint.Step.TEARDOWN_DONE;
import static lab.kb905214.engine.failpoint.Step.WAITER_BEGIN;
import static lab.kb905214.engine.failpoint.Step.WAITER_CHECKED;

import java.util.List;
import lab.kb905214.engine.failpoint.Step;
import lab.kb905214.stress.race.Race;
import lab.kb905214.stress.race.RaceOperation;

/**
 * The races a schedule can order on the real engine: the two of the lab's model of KB905214, and three the fix must
 * also get right. Each is a race of the catalogue, run over real sockets, with protocol events (the client closing,
 * a pipelined RSET) where the catalogue has a teardown.
 *
 * <p>Each scenario declares its two orders here, as the sequence in which the schedule releases the race windows;
 * every step and each thread's program order come from the catalogue's {@link RaceOperation}s (a test holds each
 * order to them), and {@link ScheduleDriver} interprets the orders, adding only the client's protocol events.
 */
public enum Scenario {
    /** Lock-order inversion: completion (registry, then session) against teardown (session, then registry). */
    H1(
            Race.H1,
            1,
            // Racy: the session waits; completion is held inside its window (about to post) while the client closes
            // and teardown goes into its own window; then completion goes on.
            List.of(
                    WAITER_BEGIN,
                    WAITER_CHECKED,
                    COMPLETION_BEGIN,
                    TEARDOWN_CANCEL,
                    TEARDOWN_DONE,
                    COMPLETION_POST,
                    COMPLETION_DONE),
            // Benign: the client closes and teardown runs to its end before completion has taken anything.
            List.of(
                    WAITER_BEGIN,
                    WAITER_CHECKED,
                    TEARDOWN_CANCEL,
                    TEARDOWN_DONE,
                    COMPLETION_BEGIN,
                    COMPLETION_POST,
                    COMPLETION_DONE)),
    /** Lost wakeup: the verdict posted between the waiter's look and its wait. */
    H2(
            Race.H2,
            1,
            // Racy: the session has looked and found no verdict; completion posts in full; only then does it wait.
            List.of(WAITER_BEGIN, COMPLETION_BEGIN, COMPLETION_POST, COMPLETION_DONE, WAITER_CHECKED),
            // Benign: completion posts in full before the session looks (which finds the verdict: no wait).
            List.of(COMPLETION_BEGIN, COMPLETION_POST, COMPLETION_DONE, WAITER_BEGIN)),
    /**
     * A stale completion: a pipelined RSET cancels the check, the session goes on to its next message, and only then
     * does the old check's completion run. It must leave the new check alone (neither engine gets this wrong; it is
     * here so the lab's mutation analysis can show a harness catching a coordinator that does).
     */
    STALE(
            Race.STALE_COMPLETION,
            1,
            // Racy: the reset's teardown runs while the old completion is held at its start; the client reads the
            // 451 and RSET's 250 and sends its next message, and once that message's check is being evaluated the
            // old completion goes on (the completion thread is one thread: the new check's completion runs after).
            // As steps this is H1's benign order: what makes it a race is the next check, registered in between.
            H1.benign,
            // Benign: the old completion runs to its end first; the message is stored before the RSET is acted on.
            List.of(
                    WAITER_BEGIN,
                    WAITER_CHECKED,
                    COMPLETION_BEGIN,
                    COMPLETION_POST,
                    COMPLETION_DONE,
                    TEARDOWN_CANCEL,
                    TEARDOWN_DONE)),
    /**
     * The error path: the evaluation ends in an error instead of a verdict (the check's stage completes
     * exceptionally, which only a defect does, so the rig injects one for senders at {@link
     * lab.kb905214.stress.rig.LabZone#DEFECT}). Ordered as H2: the error is posted between the waiter's look and its
     * wait (racy), or before the waiter looks (benign). The session must get the error as a TempError verdict, which
     * the default policy defers: 451 4.4.3, and nothing stored.
     */
    ERROR(Race.FAILURE, 1, H2.racy, H2.benign),
    /**
     * Two sessions at once: two clients end DATA together. Racy: both sessions look for their verdicts, find none
     * and go on to wait; only then does the completion thread post both verdicts. Benign: both verdicts are posted
     * before either session looks. Both must get 250 (a server has more than one client; a coordinator whose waits
     * hold threads its posts also need fails here). Each session's race is H2's; a step released once stays open,
     * so one release lets both sessions (or the completion thread, for both checks) through it.
     */
    TWO_SESSIONS(
            Race.H2,
            2,
            List.of(WAITER_BEGIN, WAITER_CHECKED, COMPLETION_BEGIN, COMPLETION_POST, COMPLETION_DONE),
            List.of(COMPLETION_BEGIN, COMPLETION_POST, COMPLETION_DONE, WAITER_BEGIN));

    private final Race race;
    private final int sessions;
    // List.of of enum constants: unmodifiable.
    @SuppressWarnings("ImmutableEnumChecker")
    private final List<Step> racy;

    @SuppressWarnings("ImmutableEnumChecker")
    private final List<Step> benign;

    Scenario(Race race, int sessions, List<Step> racy, List<Step> benign) {
        this.race = race;
        this.sessions = sessions;
        this.racy = racy;
        this.benign = benign;
    }

    /** The catalogue's race this scenario runs (for two sessions, the race each session runs). */
    public Race race() {
        return race;
    }

    /** How many sessions end DATA at once, each with its own check. */
    public int sessions() {
        return sessions;
    }

    /** The steps in the order {@code order} releases them. */
    public List<Step> steps(Order order) {
        return order == Order.RACY ? racy : benign;
    }
}
