package lab.kb905214.stress.mutants;

import lab.kb905214.engine.check.Outcome;
import lab.kb905214.engine.failpoint.Step;

/**
 * M2, the guard loop dropped. A maintainer replaces the future's {@code get()} with a hand-written wait on the
 * check's monitor, and writes {@code if (!done) wait()} outside the monitor instead of
 * {@code synchronized (c) { while (!done) wait(); }}: a post between the look and the wait notifies nobody (H2).
 */
final class GuardLoopDropped extends FixedBaseline {

    @Override
    protected void post(Check c, Outcome outcome) {
        synchronized (c) {
            super.post(c, outcome);
            c.notifyAll();
        }
    }

    @Override
    public Outcome awaitVerdict(lab.kb905214.engine.check.PendingCheck check) throws InterruptedException {
        Check c = (Check) check;
        failpoints.reach(Step.WAITER_BEGIN);
        if (!c.outcome.isDone()) { // the mutation: looked at outside the monitor, waited for once
            failpoints.reach(Step.WAITER_CHECKED);
            synchronized (c) {
                c.wait();
            }
        }
        return c.outcome.getNow(null);
    }
}
