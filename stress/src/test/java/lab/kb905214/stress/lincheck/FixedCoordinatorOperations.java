package lab.kb905214.stress.lincheck;

import lab.kb905214.engine.fixed.FixedCoordinator;

/**
 * engine-fixed's coordinator under Lincheck: a fresh {@link FixedCoordinator#unbounded()} per invocation. Unbounded
 * because the model checker lets a timed wait time out at once, and a wait that gives up would hide a lost wakeup.
 */
public class FixedCoordinatorOperations extends CoordinatorOperations {
    /** A fresh coordinator with one registered check. */
    public FixedCoordinatorOperations() {
        super(FixedCoordinator.unbounded());
    }
}
