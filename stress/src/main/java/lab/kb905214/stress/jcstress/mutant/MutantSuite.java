package lab.kb905214.stress.jcstress.mutant;

import java.util.List;
import java.util.stream.Stream;

/** The JCStress tests of this package, and the regular expression that selects them (and no other test of the lab). */
public final class MutantSuite {
    /** The {@code -t} value selecting this package's tests. */
    public static final String TESTS = "lab\\.kb905214\\.stress\\.jcstress\\.mutant\\..*";

    /** The tests' class names. */
    public static final List<String> ALL = Stream.of(MutantH1Actors.class, MutantH2Termination.class,
            MutantFailureTermination.class, MutantCancelledToWaiter.class, MutantTeardownTwice.class,
            MutantStaleCompletion.class).map(Class::getName).toList();

    private MutantSuite() {}
}
