package lab.kb905214.stress.jcstress.mutant;

import java.lang.reflect.Constructor;
import lab.kb905214.engine.check.CheckCoordinator;
import lab.kb905214.engine.fixed.FixedCoordinator;

/**
 * The coordinator the tests of this package run: a new instance of the class named by the system property
 * {@value #PROPERTY} (a mutant), or engine-fixed's with its wait unbounded when the property is unset, so that the
 * tests mean something on their own.
 *
 * <p>The mutants are package-private classes of the stress module's test code, hence the reflection: a JCStress fork
 * sees them because the mutant runner starts JCStress with the test classes on its class path, which JCStress gives
 * to every fork.
 */
public final class CoordinatorUnderTest {
    /** The system property naming the coordinator class (fully qualified, with a no-argument constructor). */
    public static final String PROPERTY = "lab.mutant.class";

    /** Null when the property is unset. A bad name fails here, so every test of the fork reports it as an error. */
    private static final Constructor<? extends CheckCoordinator> CONSTRUCTOR =
            constructor(System.getProperty(PROPERTY));

    private CoordinatorUnderTest() {}

    /** A fresh coordinator: one per JCStress sample, as a virtual server has one. */
    public static CheckCoordinator create() {
        if (CONSTRUCTOR == null) {
            return FixedCoordinator.unbounded();
        }
        try {
            return CONSTRUCTOR.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + CONSTRUCTOR.getDeclaringClass().getName(), e);
        }
    }

    private static Constructor<? extends CheckCoordinator> constructor(String className) {
        if (className == null || className.isBlank()) {
            return null;
        }
        try {
            Class<? extends CheckCoordinator> type =
                    Class.forName(className.strip()).asSubclass(CheckCoordinator.class);
            Constructor<? extends CheckCoordinator> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true); // the mutants are package-private
            return constructor;
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException(PROPERTY + "=" + className
                    + " is not a CheckCoordinator with a no-argument constructor on the class path", e);
        }
    }
}
