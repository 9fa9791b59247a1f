package lab.kb905214.stress.lincheck;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import kotlin.Unit;
import kotlin.reflect.KFunction;
import kotlin.reflect.jvm.ReflectJvmMapping;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.CustomScenarioDSLKt;

/**
 * A scenario of {@link CoordinatorOperations} for Lincheck: operations run in parallel threads, then optionally a
 * few more after all threads finished, on one freshly registered check.
 *
 * @param name the scenario's name in the results file (H1, H2, three-paths, random-3, ...)
 * @param parallel the operations of each parallel thread, in program order
 * @param post the operations run after every thread finished
 */
record LincheckScenario(String name, List<List<String>> parallel, List<String> post) {
    /** The operations a scenario may use: the names of CoordinatorOperations' @Operation methods. */
    static final List<String> OPERATIONS = List.of("complete", "fail", "teardown", "await");
    private static final Set<String> DECISIONS = Set.of("complete", "fail", "teardown");

    LincheckScenario {
        parallel = parallel.stream().map(List::copyOf).toList();
        post = List.copyOf(post);
    }

    /** H1's race: the completion path against the teardown path (the lock-order inversion in engine-buggy). */
    static LincheckScenario h1() {
        return new LincheckScenario("H1", List.of(List.of("complete"), List.of("teardown")), List.of());
    }

    /** H2's race: the session's wait against the completion path (the lost wakeup in engine-buggy). */
    static LincheckScenario h2() {
        return new LincheckScenario("H2", List.of(List.of("await"), List.of("complete")), List.of());
    }

    /** All three paths of the race at once: the session waits while completion and teardown cross. */
    static LincheckScenario threePaths() {
        return new LincheckScenario("three-paths",
                List.of(List.of("await"), List.of("complete"), List.of("teardown")), List.of());
    }

    /** The error path: the session's wait against an evaluation that ends in an error (a DNS failure). */
    static LincheckScenario failure() {
        return new LincheckScenario("failure", List.of(List.of("await"), List.of("fail")), List.of());
    }

    /** Two teardowns of one session (a pipelined RSET, then the client closing), then the session's wait. */
    static LincheckScenario teardownTwice() {
        return new LincheckScenario("teardown-twice", List.of(List.of("teardown"), List.of("teardown")),
                List.of("await"));
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
            List<List<String>> threads = new ArrayList<>();
            int threadCount = 2 + random.nextInt(2);
            for (int t = 0; t < threadCount; t++) {
                List<String> ops = new ArrayList<>();
                int opCount = 1 + random.nextInt(2);
                for (int o = 0; o < opCount; o++) {
                    ops.add(OPERATIONS.get(random.nextInt(OPERATIONS.size())));
                }
                threads.add(ops);
            }
            // Threads are symmetric for Lincheck, which explores every order: one canonical order avoids duplicates.
            threads.sort(Comparator.comparing(List::toString));
            List<String> post = random.nextBoolean() ? List.of() : List.of(random.nextBoolean() ? "await" : "teardown");
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
        boolean anyWait = parallel.stream().anyMatch(ops -> ops.contains("await")) || post.contains("await");
        boolean someThreadDecidesFirst = parallel.stream()
                .anyMatch(ops -> !ops.isEmpty() && DECISIONS.contains(ops.get(0)));
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
                for (List<String> ops : parallel) {
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
        String threads = parallel.stream().map(ops -> "[" + String.join(", ", ops) + "]")
                .collect(Collectors.joining(" || "));
        return post.isEmpty() ? threads : threads + "; then [" + String.join(", ", post) + "]";
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

    private static KFunction<?> function(String operation) {
        try {
            return ReflectJvmMapping.getKotlinFunction(CoordinatorOperations.class.getMethod(operation));
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("no operation " + operation, e);
        }
    }
}
