package lab.kb905214.stress.jcstress;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which of the race tests each JCStress run selects: the lab's run, on both engines, and a mutant's run, on
 * engine-fixed's variants with the mutant's coordinator compiled in place of engine-fixed's.
 */
public final class JcstressSuite {
    /** The lab's normal run: H1 and H2 on both engines, and the fixed coordinator's promises to the waiter. */
    static final List<Class<?>> LAB_RUN = List.of(
            H2Race.Buggy.class,
            H2Race.Fixed.class,
            H1Race.Buggy.class,
            H1Race.Fixed.class,
            ThreePathsRace.Fixed.class,
            DeliveredToWaiterRace.Fixed.class,
            CancelledToWaiterRace.Fixed.class);

    /**
     * A mutant's run: one test per promise of the fixed coordinator, so that each plausible mistake breaks at least
     * one (the two paths racing, the waiter racing the verdict and the error, the waiter racing the cancellation, a
     * repeated teardown, a late completion of a torn-down check).
     */
    public static final List<Class<?>> MUTANT_RUN = List.of(
            H1Race.Fixed.class,
            H2Race.Fixed.class,
            FailureRace.Fixed.class,
            CancelledToWaiterRace.Fixed.class,
            TeardownTwiceRace.Fixed.class,
            StaleCompletionRace.Fixed.class);

    private JcstressSuite() {}

    /** The name JCStress knows {@code test} by, and prints its results under: its canonical name. */
    public static String name(Class<?> test) {
        return test.getCanonicalName();
    }

    /** A test's name without the package: its race and variant ({@code H1Race.Fixed}). */
    public static String shortName(String test) {
        String prefix = JcstressSuite.class.getPackageName() + ".";
        return test.startsWith(prefix) ? test.substring(prefix.length()) : test;
    }

    /** The names of {@code tests}. */
    public static List<String> names(List<Class<?>> tests) {
        return tests.stream().map(JcstressSuite::name).toList();
    }

    /** The {@code -t} value that selects exactly {@code tests}. */
    public static String regex(List<Class<?>> tests) {
        return tests.stream().map(t -> Pattern.quote(name(t))).collect(Collectors.joining("|", "^(", ")$"));
    }
}
