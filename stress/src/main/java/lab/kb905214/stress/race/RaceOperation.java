package lab.kb905214.stress.race;

import java.util.List;
import lab.kb905214.engine.failpoint.Step;
import lab.kb905214.engine.thread.ThreadRole;

/**
 * One call into the coordinator that a race is made of: the thread of the engine that makes it, and the race windows
 * ({@link Step}s) it passes, in program order. Every harness that runs a race makes these calls and no others.
 */
public enum RaceOperation {
    /** The evaluation finished: the completion thread posts the verdict to the session's current check. */
    COMPLETE(ThreadRole.COMPLETION, Check.CURRENT, Step.COMPLETION_BEGIN, Step.COMPLETION_POST, Step.COMPLETION_DONE),
    /** The evaluation ended in an error (a DNS failure): posted like a verdict, the session must see a TempError. */
    FAIL(ThreadRole.COMPLETION, Check.CURRENT, Step.COMPLETION_BEGIN, Step.COMPLETION_POST, Step.COMPLETION_DONE),
    /** The client left, or reset its transaction: the watcher thread tears the session down, cancelling its check. */
    TEARDOWN(ThreadRole.WATCHER, Check.CURRENT, Step.TEARDOWN_CANCEL, Step.TEARDOWN_DONE),
    /** The session thread, at the end of DATA, waits for its check's outcome. */
    AWAIT(ThreadRole.SESSION, Check.CURRENT, Step.WAITER_BEGIN, Step.WAITER_CHECKED),
    /** The evaluation of the session's earlier, torn-down check finishes late: its verdict must reach nobody. */
    COMPLETE_EARLIER(
            ThreadRole.COMPLETION, Check.EARLIER, Step.COMPLETION_BEGIN, Step.COMPLETION_POST, Step.COMPLETION_DONE),
    /** The session looks at its earlier check, which stays cancelled whatever comes late. */
    AWAIT_EARLIER(ThreadRole.SESSION, Check.EARLIER, Step.WAITER_BEGIN, Step.WAITER_CHECKED);

    /** Which of a session's checks an operation is about. */
    public enum Check {
        /** The check of the session's transaction in progress. */
        CURRENT,
        /** The check of the session's previous transaction, torn down before the current one was registered. */
        EARLIER
    }

    /** The operations on a session's single check, in a fixed order (Lincheck's random scenarios draw from it). */
    public static final List<RaceOperation> ON_ONE_CHECK = List.of(COMPLETE, FAIL, TEARDOWN, AWAIT);

    private final ThreadRole thread;
    private final Check check;

    @SuppressWarnings("ImmutableEnumChecker") // List.of of enum constants: unmodifiable
    private final List<Step> steps;

    RaceOperation(ThreadRole thread, Check check, Step... steps) {
        this.thread = thread;
        this.check = check;
        this.steps = List.of(steps);
    }

    /** The engine thread that makes this call. */
    public ThreadRole thread() {
        return thread;
    }

    /** The check the call is about. */
    public Check check() {
        return check;
    }

    /** The race windows the call passes, in program order; the first identifies its thread at a failpoint. */
    public List<Step> steps() {
        return steps;
    }

    /** The call's first step, at which a failpoint first holds its thread. */
    public Step firstStep() {
        return steps.get(0);
    }

    /** The engine thread that passes {@code step}: every call that passes it is that thread's. */
    public static ThreadRole threadAt(Step step) {
        for (RaceOperation operation : values()) {
            if (operation.steps.contains(step)) {
                return operation.thread;
            }
        }
        throw new IllegalArgumentException(step.id() + " is in no race operation");
    }

    /** Whether the call decides its check (posts a verdict or an error, or cancels it) rather than waits for it. */
    public boolean decides() {
        return this != AWAIT && this != AWAIT_EARLIER;
    }
}
