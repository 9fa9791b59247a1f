package lab.kb905214.stress.mutants;

import lab.kb905214.engine.check.Outcome;

/**
 * M4, completion after cancellation still delivers. Completion ignores that teardown already claimed the check and
 * overwrites its outcome ({@code obtrudeValue}, "the verdict is the newer news"): a torn-down session is handed a
 * verdict for a transaction its client abandoned, and a session that saw the cancellation may see a verdict next.
 */
final class DeliveredAfterCancel extends FixedBaseline {

    @Override
    protected void deliver(Check c, Outcome outcome) {
        claim(c);
        c.outcome.obtrudeValue(outcome); // the mutation: delivered whether or not the check was still pending
    }
}
