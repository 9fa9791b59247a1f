package lab.kb905214.engine.failpoint;

/**
 * The race windows, named by what the thread is about to do; both coordinators pass the same steps, so one
 * schedule runs against either engine. What a thread holds at a step differs by engine: that is the bug.
 */
public enum Step {
    /** Completion path: the evaluation finished; nothing taken yet. */
    COMPLETION_BEGIN("completion.begin"),
    /** Completion path: the verdict is ready and about to be posted to its session. */
    COMPLETION_POST("completion.post"),
    /** Completion path: the verdict has been posted (or dropped, the check being gone). */
    COMPLETION_DONE("completion.done"),
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
}
