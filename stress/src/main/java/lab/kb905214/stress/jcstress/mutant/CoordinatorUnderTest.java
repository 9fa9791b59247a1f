package lab.kb905214.stress.jcstress.mutant;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import lab.kb905214.engine.check.CheckCoordinator;
import lab.kb905214.engine.fixed.FixedCoordinator;

/**
 * The coordinator the tests of this package run: one made by the static {@code unbounded()} of the class named by the
 * system property {@value #PROPERTY} (a mutant: engine-fixed's coordinator patched and renamed, see the stress
 * module's {@code MutantBuild}), or engine-fixed's with its wait unbounded when the property is unset, so that the
 * tests mean something on their own.
 *
 * <p>A mutant's classes are compiled at test time into {@code target/mutants/<M>/}: a JCStress fork sees them because
 * the mutant runner adds that folder to the class path it starts JCStress with, which JCStress gives to every fork.
 */
public final class CoordinatorUnderTest {
    /** The system property naming the coordinator class (fully qualified, with a public static unbounded()). */
    public static final String PROPERTY = "lab.mutant.class";

    /** Null when the property is unset. A bad name fails here, so every test of the fork reports it as an error. */
    private static final Method UNBOUNDED = unbounded(System.getProperty(PROPERTY));

    private CoordinatorUnderTest() {}

    /** A fresh coordinator: one per JCStress sample, as a virtual server has one. */
    public static CheckCoordinator create() {
        if (UNBOUNDED == null) {
            return FixedCoordinator.unbounded();
        }
        try {
            return (CheckCoordinator) UNBOUNDED.invoke(null);
        } catch (InvocationTargetException | IllegalAccessException e) {
            throw new IllegalStateException("cannot create " + UNBOUNDED.getDeclaringClass().getName(), e);
        }
    }

    private static Method unbounded(String className) {
        if (className == null || className.isBlank()) {
            return null;
        }
        try {
            Method unbounded = Class.forName(className.strip()).getMethod("unbounded");
            if (!CheckCoordinator.class.isAssignableFrom(unbounded.getReturnType())) {
                throw new IllegalStateException(className + ".unbounded() does not return a CheckCoordinator");
            }
            return unbounded;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(PROPERTY + "=" + className
                    + " is not a class with a public static unbounded() on the class path", e);
        }
    }
}
