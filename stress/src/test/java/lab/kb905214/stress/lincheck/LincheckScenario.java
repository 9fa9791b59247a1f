package lab.kb905214.stress.lincheck;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kotlin.Unit;
import kotlin.reflect.KFunction;
import kotlin.reflect.jvm.ReflectJvmMapping;
import lab.kb905214.stress.race.Race;
import lab.kb905214.stress.race.RaceOperation;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.CustomScenarioDSLKt;

/**
 * A scenario of {@link CoordinatorOperations} for Lincheck: operations run in parallel threads, then optionally a
 * few more after all threads finished, on one freshly registered check. The named scenarios are races of the
 * catalogue ({@link #of(Race)}); the random ones are drawn from the same operations.
 *
 * @param name the scenario's name in the results file (H1, H2, three-paths, random-3, ...)
 * @param parallel the operations of each parallel thread, in program order
 * @param post the operations run after every thread finished
 */
record LincheckScenario(String name, List<List<RaceOperation>> parallel, List<RaceOperation> post) {
    LincheckScenario {
        parallel = parallel.stream().map(List::copyOf).toList();
        post = List.copyOf(post);
        Stream.concat(parallel.stream().flatMap(List::stream), post.stream())
                .filter(op -> !RaceOperation.ON_ONE_CHECK.contains(op))
                .findFirst()
                .ifPresent(op -> {
                    throw new IllegalArgumentException(op + " is not an operation on one check");
                });
    }

    /** {@code race} as Lincheck runs it: its threads as the parallel part, its calls after them as the post part. */
    static LincheckScenario of(Race race) {
        return new LincheckScenario(race.label(), race.threads(), race.after());
    }

    /**
     * {@code count} distinct random scenarios of 2-3 threads with 1-2 operations each and at most one operation
     * after them, drawn from {@code seed}, each one that a correct coordinator finishes (see {@link #canFinish()}).
     */
    static List<LincheckScenario> random(long seed, int count) {
        Random random = new Random(seed);
        Set<LincheckScenario> drawn = new LinkedHashSet<>();
        // Far more draws than needed: the space holds thousands of distinct scenarios, a few are rejected.
        for (int draw = 0; draw < count * 1000 && drawn.size() < count; draw++) {
            List<List<RaceOperation>> threads = new ArrayList<>();
            int threadCount = 2 + random.nextInt(2);
            for (int t = 0; t < threadCount; t++) {
                List<RaceOperation> ops = new ArrayList<>();
                int opCount = 1 + random.nextInt(2);
                for (int o = 0; o < opCount; o++) {
                    ops.add(RaceOperation.ON_ONE_CHECK.get(random.nextInt(RaceOperation.ON_ONE_CHECK.size())));
                }
                threads.add(ops);
            }
            // Threads are symmetric for Lincheck, which explores every order: one canonical order avoids duplicates.
            threads.sort(Comparator.comparing(List::toString));
            List<RaceOperation> post = random.nextBoolean()
                    ? List.of()
                    : List.of(random.nextBoolean() ? RaceOperation.AWAIT : RaceOperation.TEARDOWN);
            LincheckScenario scenario = new LincheckScenario("random", threads, post);
            if (scenario.canFinish()) {
                drawn.add(scenario);
            }
        }
        if (drawn.size() < count) {
            throw new IllegalStateException("drew only " + drawn.size() + " distinct scenarios of " + count);
        }
        List<LincheckScenario> numbered = new ArrayList<>();
        for (LincheckScenario s : drawn) {
            numbered.add(new LincheckScenario("random-" + (numbered.size() + 1), s.parallel(), s.post()));
        }
        return numbered;
    }

    /**
     * Whether a correct coordinator finishes this scenario. A wait returns only once some path decided the check, so
     * a thread that waits before deciding needs another thread that decides before it waits; with none, even the
     * fixed engine waits forever, and Lincheck would rightly call that a hang of the scenario, not of the engine.
     */
    boolean canFinish() {
        boolean anyWait = parallel.stream().anyMatch(ops -> ops.contains(RaceOperation.AWAIT))
                || post.contains(RaceOperation.AWAIT);
        boolean someThreadDecidesFirst =
                parallel.stream().anyMatch(ops -> !ops.isEmpty() && ops.get(0).decides());
        return !anyWait || someThreadDecidesFirst;
    }

    /** The same scenario under another name. */
    LincheckScenario named(String otherName) {
        return new LincheckScenario(otherName, parallel, post);
    }

    /** The scenario in Lincheck's form, built with its custom-scenario DSL. */
    ExecutionScenario build() {
        return CustomScenarioDSLKt.scenario(builder -> {
            builder.parallel(threads -> {
                for (List<RaceOperation> ops : parallel) {
                    threads.thread(thread -> {
                        ops.forEach(op -> thread.actor(function(op)));
                        return Unit.INSTANCE;
                    });
                }
                return Unit.INSTANCE;
            });
            if (!post.isEmpty()) {
                builder.post(thread -> {
                    post.forEach(op -> thread.actor(function(op)));
                    return Unit.INSTANCE;
                });
            }
            return Unit.INSTANCE;
        });
    }

    /** The scenario in one line, e.g. {@code [await] || [complete] || [teardown]; then [await]}. */
    String describe() {
        String threads = parallel.stream().map(LincheckScenario::describe).collect(Collectors.joining(" || "));
        return post.isEmpty() ? threads : threads + "; then " + describe(post);
    }

    // Equal scenarios are equal whatever their name, so that random() draws distinct ones.
    @Override
    public boolean equals(Object other) {
        return other instanceof LincheckScenario s && s.parallel.equals(parallel) && s.post.equals(post);
    }

    @Override
    public int hashCode() {
        return 31 * parallel.hashCode() + post.hashCode();
    }

    private static String describe(List<RaceOperation> ops) {
        return ops.stream().map(LincheckScenario::methodName).collect(Collectors.joining(", ", "[", "]"));
    }

    /** The name of the {@link CoordinatorOperations} method (and {@link CheckSpecification} method) of {@code op}. */
    static String methodName(RaceOperation op) {
        return op.name().toLowerCase(Locale.ROOT);
    }

    private static KFunction<?> function(RaceOperation operation) {
        try {
            return ReflectJvmMapping.getKotlinFunction(CoordinatorOperations.class.getMethod(methodName(operation)));
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("no operation " + operation, e);
        }
    }
}
