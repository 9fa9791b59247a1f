package lab.kb905214.engine.failpoint;

import java.util.EnumSet;
import java.util.Set;

/**
 * The failpoints, named by what the thread is about to do: the race windows, and the watcher's entry into the teardown
 * ({@link #isRaceWindow()}). Both coordinators pass the same steps, so one schedule runs against either engine. What a
 * thread holds at a step differs by engine: that is the bug.
 */
public enum Step {
    /** Completion path: the evaluation finished; nothing taken yet. */
    COMPLETION_BEGIN("completion.begin"),
    /** Completion path: the verdict is ready and about to be posted to its session. */
    COMPLETION_POST("completion.post"),
    /** Completion path: the verdict has been posted (or dropped, the check being gone). */
    COMPLETION_DONE("completion.done"),
    /**
     * Teardown path: the watcher saw the client's move while the check was in flight and enters the teardown; nothing
     * taken yet. Not a race window (see {@link #isRaceWindow()}).
     */
    TEARDOWN_BEGIN("teardown.begin"),
    /** Teardown path: about to cancel the session's check and remove it from the registry. */
    TEARDOWN_CANCEL("teardown.cancel"),
    /** Teardown path: the session's check is cancelled and unregistered. */
    TEARDOWN_DONE("teardown.done"),
    /** Session thread: about to look for the verdict. */
    WAITER_BEGIN("waiter.begin"),
    /** Session thread: looked for the verdict, found none, about to wait for it. */
    WAITER_CHECKED("waiter.checked"),
    /** Session thread: its bounded wait ran out (engine-fixed only; the harnesses wait unbounded, so never there). */
    WAITER_EXPIRED("waiter.expired");

    private final String id;

    Step(String id) {
        this.id = id;
    }

    /** The step's stable name, as schedules and results files write it. */
    public String id() {
        return id;
    }

    /**
     * Whether schedules hold a thread here unless told otherwise: every step but {@link #TEARDOWN_BEGIN}. The explorer
     * and the schedules count the watcher's look at the socket and its entry into the teardown as one move, the
     * client's, and hold the watcher from the teardown's first lock on. SPIN's model lets a session answer between the
     * two; the replay of its trails of several sessions holds the watcher here to follow that.
     */
    public boolean isRaceWindow() {
        return this != TEARDOWN_BEGIN;
    }

    /** The steps for which {@link #isRaceWindow()} holds. */
    public static Set<Step> raceWindows() {
        Set<Step> windows = EnumSet.noneOf(Step.class);
        for (Step step : values()) {
            if (step.isRaceWindow()) {
                windows.add(step);
            }
        }
        return windows;
    }
}
