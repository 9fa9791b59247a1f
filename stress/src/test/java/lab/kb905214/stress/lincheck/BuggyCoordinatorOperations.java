package lab.kb905214.stress.lincheck;

import lab.kb905214.engine.buggy.BuggyCoordinator;

/** engine-buggy's coordinator under Lincheck: a fresh {@link BuggyCoordinator} per invocation. */
public class BuggyCoordinatorOperations extends CoordinatorOperations {
    /** A fresh coordinator with one registered check. */
    public BuggyCoordinatorOperations() {
        super(new BuggyCoordinator());
    }
}
