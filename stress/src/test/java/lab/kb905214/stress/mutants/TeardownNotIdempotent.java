package lab.kb905214.stress.mutants;

import lab.kb905214.engine.check.SessionId;

/**
 * M6, cancellation that is not idempotent. Teardown insists that the session has a check in flight and throws when
 * it has none: a second teardown (a pipelined RSET, then the client closing), or one after completion won, fails.
 */
final class TeardownNotIdempotent extends FixedBaseline {

    @Override
    protected void cancel(SessionId session) {
        Check check = pending.remove(session);
        if (check == null) { // the mutation: "cannot happen"
            throw new IllegalStateException("no check in flight for " + session);
        }
        post(check, new lab.kb905214.engine.check.Outcome.Cancelled());
    }
}
