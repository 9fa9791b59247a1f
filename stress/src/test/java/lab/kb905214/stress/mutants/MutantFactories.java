package lab.kb905214.stress.mutants;

import java.util.EnumMap;
import java.util.Map;

/** Each mutant's factory, built once per JVM on first use (a harness creates a coordinator per run or invocation). */
final class MutantFactories {
    private static final Map<Mutant, PatchedCoordinatorFactory> BUILT = new EnumMap<>(Mutant.class);

    private MutantFactories() {}

    /** {@code mutant}'s factory, patching and compiling it on the first call. */
    static synchronized PatchedCoordinatorFactory factoryOf(Mutant mutant) {
        return BUILT.computeIfAbsent(mutant, m -> new PatchedCoordinatorFactory(MutantBuild.of(m.name(), m.patch())));
    }
}
