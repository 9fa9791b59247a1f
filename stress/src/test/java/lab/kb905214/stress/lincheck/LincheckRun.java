package lab.kb905214.stress.lincheck;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jetbrains.lincheck.Lincheck;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.ManagedStrategyGuarantee;
import org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;

/**
 * One Lincheck run of one scenario on one engine (model checking of a scenario, or runConcurrentTest on real
 * threads): what it explored, how long it took, how it ended.
 *
 * @param scenario the scenario explored
 * @param budget the most invocations (interleavings) the run was allowed
 * @param explored the invocations it ran, counted by {@link InvocationCounter} (trace replays excluded)
 * @param traceReplays the invocations Lincheck re-ran to record a failure's trace
 * @param seconds wall time of the run
 * @param failure Lincheck's failure report, or null when the run passed
 * @param timedOut whether the run outlived its time limit (never seen; the limit only guards the build)
 * @param realThreads whether the run went through {@code Lincheck.runConcurrentTest} (real threads, no scenario)
 */
record LincheckRun(LincheckScenario scenario, long budget, long explored, long traceReplays, double seconds,
        String failure, boolean timedOut, boolean realThreads) {

    /** Model-checking iterations per test: 10 in the default build, 30 under -Pstress. */
    static final int ITERATIONS = Integer.getInteger("lab.lincheck.iterations", 10);
    /** Invocations per iteration: 1000 in the default build, 5000 under -Pstress. */
    static final int INVOCATIONS = Integer.getInteger("lab.lincheck.invocations", 1000);

    /**
     * The JDK classes whose calls the model checker takes as single atomic steps instead of interleaving inside
     * them. The coordinators' own code (their locks, waits, volatile fields and failpoints) is always interleaved;
     * these are the collections both use and the future engine-fixed completes, all correct by their contracts
     * (HashMap is only touched under engine-buggy's registry lock). Without this, the budget goes to the
     * interleavings inside the maps: complete || teardown on engine-fixed did not run out of interleavings in
     * 10,000 invocations, and ran out after 1,054 with it. CompletableFuture.get stays interleaved: a wait must
     * be able to block, and an atomic step cannot.
     */
    static final List<String> ATOMIC_JDK_CALLS = List.of("java.util.HashMap.*",
            "java.util.concurrent.ConcurrentHashMap.*", "java.util.concurrent.CompletableFuture.complete",
            "java.util.concurrent.CompletableFuture.isDone");

    // The headings of Lincheck's hang reports: for a scenario, and for runConcurrentTest.
    private static final List<String> HUNG = List.of("= The execution has hung", "= Concurrent test has hung");
    private static final String DEADLOCK = "All unfinished threads are in deadlock";
    private static final String DETAILED_TRACE = "Detailed trace:";
    // Enough for the widest interleaving seen (three threads on real threads: 17,500 characters, mostly alignment).
    private static final int EVIDENCE_LIMIT = 40_000;

    /**
     * Model-checks {@code scenario} on the coordinator {@code operations} wraps, for at most {@code budget}
     * invocations, against {@link CheckSpecification}; a failure is returned, never thrown.
     */
    static LincheckRun check(Class<? extends CoordinatorOperations> operations, LincheckScenario scenario, long budget)
            throws InterruptedException {
        ModelCheckingOptions options = new ModelCheckingOptions()
                .iterations(0) // only the custom scenario: each run explores exactly one scenario
                .invocationsPerIteration(Math.toIntExact(budget))
                // Minimizing would drop operations until the failure stays: H2 without its complete() is a lone wait
                // that hangs for want of a verdict, not the lost wakeup. The scenarios are minimal already.
                .minimizeFailedScenario(false)
                .sequentialSpecification(CheckSpecification.class)
                .addGuarantee(atomic("java.util.HashMap", "java.util.concurrent.ConcurrentHashMap").allMethods()
                        .treatAsAtomic())
                .addGuarantee(atomic("java.util.concurrent.CompletableFuture").methods("complete", "isDone")
                        .treatAsAtomic())
                .addCustomScenario(scenario.build());
        return run(scenario, budget, false, () -> options.check(operations));
    }

    /**
     * Runs {@code invocation}, which starts and joins real threads, under {@code Lincheck.runConcurrentTest} for at
     * most {@code budget} invocations; Lincheck controls those threads as it controls a scenario's. This general
     * API takes no options: the JDK's internals are interleaved too, and there is no specification (the invocation
     * checks its own results and throws).
     */
    static LincheckRun concurrent(LincheckScenario scenario, int budget, Runnable invocation)
            throws InterruptedException {
        return run(scenario, budget, true, () -> Lincheck.runConcurrentTest(budget, invocation));
    }

    private static LincheckRun run(LincheckScenario scenario, long budget, boolean realThreads, Runnable lincheck)
            throws InterruptedException {
        InvocationCounter.reset();
        long started = System.nanoTime();
        // Lincheck finds hangs itself; the limit only keeps a broken run from holding the build.
        long limitSeconds = 60 + budget / 50;
        CompletableFuture<String> outcome = new CompletableFuture<>();
        Thread runner = new Thread(() -> {
            try {
                lincheck.run();
                outcome.complete(null);
            } catch (LincheckAssertionError e) {
                outcome.complete(e.getMessage());
            } catch (Throwable e) {
                outcome.completeExceptionally(e);
            }
        }, "lincheck-" + scenario.name());
        runner.setDaemon(true); // a run past its limit is abandoned with its JVM (reuseForks=false)
        runner.start();
        String failure;
        boolean timedOut = false;
        try {
            failure = outcome.get(limitSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            failure = "the Lincheck run did not finish within " + limitSeconds + " s";
            timedOut = true;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Lincheck could not run " + scenario.describe(), e.getCause());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new LincheckRun(scenario, budget, InvocationCounter.explored(), InvocationCounter.replays(), seconds,
                failure, timedOut, realThreads);
    }

    /** Whether Lincheck found nothing wrong within the budget. */
    boolean passed() {
        return failure == null;
    }

    /** Whether Lincheck reported a hang (or the run outlived its limit). */
    boolean hung() {
        return timedOut || (failure != null && HUNG.stream().anyMatch(failure::contains));
    }

    /** Whether Lincheck reported a hang in which every unfinished thread is blocked for good. */
    boolean deadlocked() {
        return hung() && failure.contains(DEADLOCK);
    }

    /**
     * Whether the model checker ran out of interleavings before the budget: the run is custom-only with one scenario,
     * so stopping short of the budget without a failure means every interleaving of it was explored. Never claimed
     * for a real-threads run: there a short run can also mean Lincheck lost track of the threads (see
     * InvocationCounter).
     */
    boolean exhaustive() {
        return !realThreads && passed() && explored < budget;
    }

    /** Lincheck's report up to the interleaving that leads to the failure (the detailed trace left out), or "". */
    String evidence() {
        if (failure == null) {
            return "";
        }
        int detailed = failure.indexOf(DETAILED_TRACE);
        String text = (detailed >= 0 ? failure.substring(0, detailed) : failure).strip();
        return text.length() <= EVIDENCE_LIMIT ? text : text.substring(0, EVIDENCE_LIMIT) + "\n[... cut at "
                + EVIDENCE_LIMIT + " of " + text.length() + " characters]";
    }

    /** The first table of Lincheck's report: each thread's operations with their results or {@code <hung>}. */
    String resultsTable() {
        if (failure == null) {
            return "";
        }
        int start = failure.indexOf("| -");
        int end = failure.indexOf("\n\n", Math.max(start, 0));
        return start < 0 ? "" : failure.substring(start, end < 0 ? failure.length() : end);
    }

    private static ManagedStrategyGuarantee.MethodBuilder atomic(String... classes) {
        return ManagedStrategyGuaranteeKt.forClasses(classes);
    }
}
