package lab.kb905214.stress.lincheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One invocation of a scenario on real threads, for {@code Lincheck.runConcurrentTest}: a fresh coordinator and
 * check, one started thread per scenario thread running its operations in order, joined, then the operations after.
 *
 * <p>It checks its own results, since runConcurrentTest has no specification: every wait names the same outcome
 * (a check is decided once), that outcome comes from a decision the scenario made, and one more wait after
 * everything agrees. A disagreement throws, and Lincheck reports it with its interleaving.
 */
final class ThreadedRace implements Runnable {
    private static final Map<String, String> OUTCOME_OF = Map.of("complete", CheckSpecification.DELIVERED,
            "fail", CheckSpecification.FAILED, "teardown", CheckSpecification.CANCELLED);

    private final LincheckScenario scenario;
    private final boolean buggy;

    private ThreadedRace(LincheckScenario scenario, boolean buggy) {
        this.scenario = scenario;
        this.buggy = buggy;
    }

    /** {@code scenario} on a fresh engine-buggy coordinator per invocation. */
    static ThreadedRace onBuggy(LincheckScenario scenario) {
        return new ThreadedRace(scenario, true);
    }

    /** {@code scenario} on a fresh engine-fixed (unbounded) coordinator per invocation. */
    static ThreadedRace onFixed(LincheckScenario scenario) {
        return new ThreadedRace(scenario, false);
    }

    @Override
    public void run() {
        // Written out, not a Supplier: with a constructor reference (FixedCoordinatorOperations::new) Lincheck 3.7
        // missed the waiting thread's park (engine-fixed reported hung after one invocation, the thread really
        // parked; engine-buggy's H1 not reported as a deadlock). Likely because the object is then made in a
        // JDK-generated class, which Lincheck does not instrument.
        CoordinatorOperations operations = buggy ? new BuggyCoordinatorOperations() : new FixedCoordinatorOperations();
        List<String> waits = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (List<String> ops : scenario.parallel()) {
            threads.add(new Thread(() -> {
                for (String op : ops) {
                    String result = perform(operations, op);
                    if (op.equals("await")) {
                        synchronized (waits) {
                            waits.add(result);
                        }
                    }
                }
            }));
        }
        // No join timeout: under Lincheck a timed wait times out at once, and Lincheck itself reports a thread that
        // never ends (LincheckRun bounds the whole run).
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            join(thread);
        }
        for (String op : scenario.post()) {
            perform(operations, op);
        }
        String decided = perform(operations, "await");
        operations.recordInvocationEnd();
        if (!decidedBySomePath(decided)) {
            throw new AssertionError("the check ended " + decided + ", which no path of " + scenario.describe()
                    + " decides");
        }
        synchronized (waits) {
            for (String wait : waits) {
                if (!wait.equals(decided)) {
                    throw new AssertionError("a wait saw " + wait + " but the check ended " + decided);
                }
            }
        }
    }

    private boolean decidedBySomePath(String outcome) {
        for (List<String> ops : scenario.parallel()) {
            for (String op : ops) {
                if (outcome.equals(OUTCOME_OF.get(op))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String perform(CoordinatorOperations operations, String op) {
        try {
            return operations.perform(op);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted in " + op, e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while joining " + thread, e);
        }
    }
}
