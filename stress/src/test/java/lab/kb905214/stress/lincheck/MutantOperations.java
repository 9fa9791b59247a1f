package lab.kb905214.stress.lincheck;

import lab.kb905214.stress.mutants.Mutant;

/**
 * The coordinator operations on each mutant of the lab's mutation analysis. Lincheck builds its test instance from a
 * class with a no-argument constructor, so each mutant gets one here; {@link #of} finds it.
 */
public final class MutantOperations {
    private MutantOperations() {}

    /** The operations class for {@code mutant}. */
    static Class<? extends CoordinatorOperations> of(Mutant mutant) {
        return switch (mutant) {
            case M0 -> M0.class;
            case M1 -> M1.class;
            case M2 -> M2.class;
            case M3 -> M3.class;
            case M4 -> M4.class;
            case M5 -> M5.class;
            case M6 -> M6.class;
            case M7 -> M7.class;
            case M8 -> M8.class;
        };
    }

    /** M0, the control. */
    public static class M0 extends CoordinatorOperations {
        /** A fresh mutant coordinator with one registered check. */
        public M0() {
            super(Mutant.M0.create());
        }
    }

    /** M1. */
    public static class M1 extends CoordinatorOperations {
        /** A fresh mutant coordinator with one registered check. */
        public M1() {
            super(Mutant.M1.create());
        }
    }

    /** M2. */
    public static class M2 extends CoordinatorOperations {
        /** A fresh mutant coordinator with one registered check. */
        public M2() {
            super(Mutant.M2.create());
        }
    }

    /** M3. */
    public static class M3 extends CoordinatorOperations {
        /** A fresh mutant coordinator with one registered check. */
        public M3() {
            super(Mutant.M3.create());
        }
    }

    /** M4. */
    public static class M4 extends CoordinatorOperations {
        /** A fresh mutant coordinator with one registered check. */
        public M4() {
            super(Mutant.M4.create());
        }
    }

    /** M5. */
    public static class M5 extends CoordinatorOperations {
        /** A fresh mutant coordinator with one registered check. */
        public M5() {
            super(Mutant.M5.create());
        }
    }

    /** M6. */
    public static class M6 extends CoordinatorOperations {
        /** A fresh mutant coordinator with one registered check. */
        public M6() {
            super(Mutant.M6.create());
        }
    }

    /** M7. */
    public static class M7 extends CoordinatorOperations {
        /** A fresh mutant coordinator with one registered check. */
        public M7() {
            super(Mutant.M7.create());
        }
    }

    /** M8. */
    public static class M8 extends CoordinatorOperations {
        /** A fresh mutant coordinator with one registered check. */
        public M8() {
            super(Mutant.M8.create());
        }
    }
}
