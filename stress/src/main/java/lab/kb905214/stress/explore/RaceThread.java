package lab.kb905214.stress.explore;

import java.util.List;
import lab.kb905214.engine.failpoint.Step;

/** The three threads a single transaction's race involves, each known by the first step it reaches. */
enum RaceThread {
    /** The session thread, waiting for its verdict: waiter.begin, then waiter.checked when none is there yet. */
    WAITER(Step.WAITER_BEGIN, List.of(Step.WAITER_BEGIN, Step.WAITER_CHECKED)),
    /** The server's completion thread, posting the verdict: completion.begin, post, done. */
    COMPLETION(Step.COMPLETION_BEGIN, List.of(Step.COMPLETION_BEGIN, Step.COMPLETION_POST, Step.COMPLETION_DONE)),
    /** The connection watcher, tearing the check down when the client leaves: teardown.cancel, done. */
    TEARDOWN(Step.TEARDOWN_CANCEL, List.of(Step.TEARDOWN_CANCEL, Step.TEARDOWN_DONE));

    private final Step first;
    private final List<Step> steps;

    RaceThread(Step first, List<Step> steps) {
        this.first = first;
        this.steps = steps;
    }

    /** The step that identifies this role's thread. */
    Step first() {
        return first;
    }

    /** This role's steps, in program order. */
    List<Step> steps() {
        return steps;
    }
}
