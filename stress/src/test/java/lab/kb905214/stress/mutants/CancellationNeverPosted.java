package lab.kb905214.stress.mutants;

import lab.kb905214.engine.check.SessionId;

/**
 * M8, teardown forgets the waiter. Teardown removes the check from the registry but does not complete its outcome
 * ("the session is going away anyway"); the session thread is still waiting for it, and since the entry is gone
 * the completion will not post either: that session waits forever.
 */
final class CancellationNeverPosted extends FixedBaseline {

    @Override
    protected void cancel(SessionId session) {
        pending.remove(session); // the mutation: the cancellation is not posted to the waiter
    }
}
