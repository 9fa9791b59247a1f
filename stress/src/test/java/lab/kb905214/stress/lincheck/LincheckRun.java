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
 * @param exhaustion Lincheck's answer, after a run that passed, to whether an interleaving was left
 * @param failpointsArmed invocations whose coordinator's failpoints recorded an armed schedule (Lincheck must
 *     choose the interleavings alone, so 0)
 * @param failpointsReached the steps those failpoints recorded as reached while armed
 * @param failpointsObserved invocations whose failpoints were read after they ended (see
 *     {@link InvocationCounter#invocationsObserved()})
 * @param lostVerdicts verdicts the invocations' coordinators counted as posted and never delivered
 */
record LincheckRun(
        LincheckScenario scenario,
        long budget,
        long explored,
        long traceReplays,
        double seconds,
        String failure,
        boolean timedOut,
        boolean realThreads,
        LincheckExhaustion.Answer exhaustion,
        long failpointsArmed,
        List<String> failpointsReached,
        long failpointsObserved,
        long lostVerdicts) {

    /** Model-checking iterations per test: 10 in the default build, 30 under -Pstress. */
    static final int ITERATIONS = Integer.getInteger("lab.lincheck.iterations", 10);
    /** Invocations per iteration: 1000 in the default build, 5000 under -Pstress. */
    static final int INVOCATIONS = Integer.getInteger("lab.lincheck.invocations", 1000);

    /**
     * The JDK classes whose calls the model checker takes as single atomic steps instead of interleaving inside
     * them. The coordinators' own code (their locks, waits and volatile fields) is always interleaved; these are the
     * collections both use, correct by their contracts (HashMap is only touched under engine-buggy's registry
     * lock). Without this, the budget goes to the interleavings inside the maps: complete || teardown on engine-fixed
     * did not run out of interleavings in 10,000 invocations, and ran out after 1,054 with it.
     */
    static final List<String> ATOMIC_JDK_CALLS =
            List.of("java.util.HashMap.*", "java.util.concurrent.ConcurrentHashMap.*");

    /**
     * The JDK class run as a silent section: no thread switch inside it unless one is forced (a thread that parks),
     * its events still tracked. The future engine-fixed completes and waits on is thereby a correct blocking
     * primitive, as Lincheck's own profile takes FutureTask and AbstractQueuedSynchronizer (lincheck-common-3.7
     * AnalysisSections.kt lines 305-306): complete is one step, and a wait parks until the complete that unparks it.
     * Not atomic: an atomic section is an ignored one (ManagedStrategy.kt lines 2295-2298), whose park and unpark
     * Lincheck does not see (tried: with the wait silent and complete atomic, engine-fixed's await || complete was
     * reported hung after 4 invocations). Not interleaved either, as it was: there a park may wake spuriously
     * (ModelCheckingStrategy.kt line 74, ManagedStrategy.kt lines 1148-1161), so the wait spins, each turn a switch
     * point, and await || complete || teardown (failpoints left out as below) still had interleavings left after
     * 1,000,000 invocations (199 s); silent, it runs out after a few hundred. Lincheck's public guarantee API offers
     * only ignore and atomic (ManagedStrategyGuarantee.kt lines 67 and 77); silent is its Kotlin-internal mute()
     * (line 82), called from Java by its compiled name.
     */
    static final List<String> SILENT_JDK_CALLS = List.of("java.util.concurrent.CompletableFuture*.*");

    /**
     * Calls left out of the model altogether. A failpoint that is off reads one volatile field that no thread writes
     * during a Lincheck run (each invocation's coordinator is fresh, its failpoints never armed): a read of a field
     * nobody writes commutes with every other step, so the switch points in front of it only repeat interleavings
     * (three per completion, two per teardown, one or two per wait).
     */
    static final List<String> IGNORED_CALLS = List.of("lab.kb905214.engine.failpoint.Failpoints.reach");

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
                .addGuarantee(atomic("java.util.HashMap", "java.util.concurrent.ConcurrentHashMap")
                        .allMethods()
                        .treatAsAtomic())
                // Nested classes too (CompletableFuture.Signaller, whose block() parks).
                .addGuarantee(ManagedStrategyGuaranteeKt.forClasses(
                                name -> name.startsWith("java.util.concurrent.CompletableFuture"))
                        .allMethods()
                        .mute$lincheck())
                .addGuarantee(ManagedStrategyGuaranteeKt.forClasses("lab.kb905214.engine.failpoint.Failpoints")
                        .methods("reach")
                        .ignore())
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
        LincheckExhaustion.reset();
        long started = System.nanoTime();
        // Lincheck finds hangs itself; the limit only keeps a broken run from holding the build.
        long limitSeconds = 60 + budget / 50;
        CompletableFuture<String> outcome = new CompletableFuture<>();
        Thread runner = new Thread(
                () -> {
                    try {
                        lincheck.run();
                        outcome.complete(null);
                    } catch (LincheckAssertionError e) {
                        outcome.complete(e.getMessage());
                    } catch (Throwable e) {
                        outcome.completeExceptionally(e);
                    }
                },
                "lincheck-" + scenario.name());
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
        // Only a run that ended without a failure is asked: one that failed stopped at its failing interleaving.
        LincheckExhaustion.Answer exhaustion =
                failure == null ? LincheckExhaustion.ask() : LincheckExhaustion.Answer.NOT_ASKED;
        return new LincheckRun(
                scenario,
                budget,
                InvocationCounter.explored(),
                InvocationCounter.replays(),
                seconds,
                failure,
                timedOut,
                realThreads,
                exhaustion,
                InvocationCounter.invocationsWithFailpointsArmed(),
                InvocationCounter.failpointsReached(),
                InvocationCounter.invocationsObserved(),
                InvocationCounter.lostVerdicts());
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

    /** Whether Lincheck itself reported, after the run passed, that no interleaving of the scenario was left. */
    boolean exhaustive() {
        return exhaustion == LincheckExhaustion.Answer.NONE_LEFT;
    }

    /** In one sentence: what Lincheck reported about the interleavings left, or why it was not asked. */
    String exhaustiveWhy() {
        String invocations = explored + " invocation" + (explored == 1 ? "" : "s");
        return switch (exhaustion) {
            case NONE_LEFT ->
                "Lincheck's model checker reported no interleaving left (nextInvocation() false) after " + invocations
                        + (realThreads ? "" : " of a budget of " + budget);
            case MORE_LEFT ->
                "Lincheck's model checker still had interleavings left when the budget of " + budget
                        + " invocations ran out (nextInvocation() true)"
                        + (realThreads
                                ? "; runConcurrentTest takes no guarantees, so it interleaves the JDK's own code too"
                                : "");
            case NOT_ASKED ->
                timedOut
                        ? "not asked: the run outlived its time limit"
                        : failure != null
                                ? "not asked: the run stopped at a failure after " + invocations
                                : "not asked: no thread Lincheck manages ran an operation";
        };
    }

    /** Lincheck's report up to the interleaving that leads to the failure (the detailed trace left out), or "". */
    String evidence() {
        if (failure == null) {
            return "";
        }
        int detailed = failure.indexOf(DETAILED_TRACE);
        String text = (detailed >= 0 ? failure.substring(0, detailed) : failure).strip();
        return text.length() <= EVIDENCE_LIMIT
                ? text
                : text.substring(0, EVIDENCE_LIMIT) + "\n[... cut at " + EVIDENCE_LIMIT + " of " + text.length()
                        + " characters]";
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
