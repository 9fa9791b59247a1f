package lab.kb905214.stress.mutants;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import lab.kb905214.engine.check.CheckCoordinator;

/**
 * Makes coordinators of one built mutant: its renamed FixedCoordinator, loaded from its own folder by a class loader
 * whose parent gives it everything else (so CheckCoordinator, Outcome and Failpoints are the harness's), created by
 * the shipped factory method {@code unbounded()} (the harness setting: a lost wakeup shows as a hang).
 */
final class PatchedCoordinatorFactory {
    private final MutantBuild build;
    private final Method unbounded;

    PatchedCoordinatorFactory(MutantBuild build) {
        this.build = build;
        try {
            URLClassLoader loader = new URLClassLoader(
                    "mutant-" + build.mutant(),
                    new URL[] {build.classes().toUri().toURL()},
                    PatchedCoordinatorFactory.class.getClassLoader());
            this.unbounded = loader.loadClass(build.className()).getMethod("unbounded");
        } catch (ReflectiveOperationException | MalformedURLException e) {
            throw new IllegalStateException(
                    build.mutant() + ": no public static unbounded() in " + build.className() + " from "
                            + build.classes(),
                    e);
        }
    }

    /** The built mutant. */
    MutantBuild build() {
        return build;
    }

    /** A fresh mutant coordinator, its wait unbounded. */
    CheckCoordinator create() {
        try {
            return (CheckCoordinator) unbounded.invoke(null);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(build.mutant() + ": unbounded() threw", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(build.mutant() + ": unbounded() is not accessible", e);
        }
    }
}
