package lab.kb905214.stress.lincheck;

import java.util.ArrayList;
import java.util.List;
import lab.kb905214.stress.race.RaceOperation;

/**
 * One invocation of a scenario on real threads, for {@code Lincheck.runConcurrentTest}: a fresh coordinator and
 * check, one started thread per scenario thread running its operations in order, joined, then the operations after.
 *
 * <p>It checks its own results, since runConcurrentTest has no specification: every wait names the same outcome
 * (a check is decided once), that outcome comes from a decision the scenario made, and one more wait after
 * everything agrees. A disagreement throws, and Lincheck reports it with its interleaving.
 */
final class ThreadedRace implements Runnable {

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
        for (List<RaceOperation> ops : scenario.parallel()) {
            threads.add(new Thread(() -> {
                for (RaceOperation op : ops) {
                    String result = perform(operations, op);
                    if (op == RaceOperation.AWAIT) {
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
        for (RaceOperation op : scenario.post()) {
            perform(operations, op);
        }
        String decided = perform(operations, RaceOperation.AWAIT);
        operations.recordInvocationEnd();
        if (!decidedBySomePath(decided)) {
            throw new AssertionError(
                    "the check ended " + decided + ", which no path of " + scenario.describe() + " decides");
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
        for (List<RaceOperation> ops : scenario.parallel()) {
            for (RaceOperation op : ops) {
                if (outcome.equals(outcomeOf(op))) {
                    return true;
                }
            }
        }
        return false;
    }

    // A switch, not a map: under Lincheck an enum's identity hash code differs from the one a map was built with.
    private static String outcomeOf(RaceOperation op) {
        return switch (op) {
            case COMPLETE -> CheckSpecification.DELIVERED;
            case FAIL -> CheckSpecification.FAILED;
            case TEARDOWN -> CheckSpecification.CANCELLED;
            default -> null;
        };
    }

    private static String perform(CoordinatorOperations operations, RaceOperation op) {
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
