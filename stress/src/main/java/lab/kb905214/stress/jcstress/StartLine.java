package lab.kb905214.stress.jcstress;

/**
 * Lines up a Termination test's actor with its signal, so the two calls under test start together.
 *
 * <p>Why: JCStress 0.16 calls the signal only after it has seen the actor thread start, polling in 1 ms sleeps; by
 * then the waiter has usually finished its look and is parked, so the race between the look and the wait is rarely
 * contested. Measured here on engine-buggy: without this line, 1 STALE in 20,781 samples (and none in 1,122,486
 * with JCStress's default one-core pinning); with it, 10 in 1,597. The actor holds at this line until the signal
 * arrives, as JCStress's own actor barrier does in its other modes. It only aligns the starts: the order of the
 * steps inside the coordinator is left to the race. Public for the mutant tests of the sub-package.
 */
public final class StartLine {
    /** The longest an actor holds at the line; past it, it goes on alone (the signal always comes in practice). */
    static final long HOLD_LIMIT_NANOS = 200_000_000L;

    private volatile boolean signalled;

    /** The signal's side: crosses the line, releasing the actor. */
    public void cross() {
        signalled = true;
    }

    /** The actor's side: spins until the signal crosses the line, or until {@link #HOLD_LIMIT_NANOS} passed. */
    public void holdUntilCrossed() {
        long deadline = System.nanoTime() + HOLD_LIMIT_NANOS;
        while (!signalled && System.nanoTime() - deadline < 0) {
            Thread.onSpinWait();
        }
    }
}
