package lab.kb905214.stress.lincheck;

import lab.kb905214.stress.mutants.Mutant;

/**
 * The coordinator operations on the mutant under test. Lincheck builds its test instance from a class with a
 * no-argument constructor, so the mutant is chosen beforehand with {@link #use}: one mutant per Lincheck run.
 */
public class MutantOperations extends CoordinatorOperations {
    private static volatile Mutant underTest = Mutant.M0;

    /** A fresh coordinator of the mutant under test, with one registered check. */
    public MutantOperations() {
        super(underTest.create());
    }

    /** Makes {@code mutant} the one the next Lincheck runs construct (building it now, outside Lincheck's runs). */
    static void use(Mutant mutant) {
        mutant.create(); // patch and compile before Lincheck runs anything, so a patch that fails fails here
        underTest = mutant;
    }
}
