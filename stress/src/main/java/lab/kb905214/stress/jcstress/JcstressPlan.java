package lab.kb905214.stress.jcstress;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How one JCStress run spends a time budget: forks per test, iterations per fork, time per iteration.
 *
 * <p>JCStress 0.16 has no time-budget option, so the budget is turned into those three knobs from what a run costs
 * on this lab's 2-core machine: about {@value #HOST_SECONDS} s of JCStress probing the machine; about
 * {@value #STALE_SECONDS} s per pair of buggy H2 VMs (JCStress waits 30 s before it calls a waiter stale, then ends
 * the fork; the two VMs of a pair wait side by side, one core each); about {@value #DEADLOCK_SECONDS} s per
 * deadlocked H1 VM (until {@link ForkWatchdog} sees it idle and kills it); about {@value #VM_START_SECONDS} s to start
 * any other VM. JCStress runs every test in two VMs per fork count, with and without biased locking. What is left
 * goes to sampling, spread over the {@value #SAMPLING_TESTS} engine-fixed tests that run on 2 cores.
 *
 * @param forks the {@code -f} value (each test then runs 2 x forks VMs)
 * @param iterations the {@code -iters} value
 * @param iterationMillis the {@code -time} value
 * @param estimate the expected wall time of the run
 * @param deadline when the whole run is killed, whatever it is doing
 */
record JcstressPlan(int forks, int iterations, int iterationMillis, Duration estimate, Duration deadline) {
    static final int HOST_SECONDS = 10;
    static final int STALE_SECONDS = 32;
    static final int DEADLOCK_SECONDS = 7;
    static final double VM_START_SECONDS = 1.5;
    /** The engine-fixed tests that sample for the whole planned time on 2 cores. */
    static final int SAMPLING_TESTS = 4;
    /** JCStress runs each configuration with and without biased locking. */
    static final int VMS_PER_FORK = 2;
    /** The JVM arguments of every fork of the normal run. */
    static final String JVM_ARGS = "-Xmx256m";

    /** The plan for {@code budget}: one fork per 5 minutes of budget (1 to 20), the rest spent on sampling. */
    static JcstressPlan forBudget(Duration budget) {
        double seconds = Math.max(1, budget.toSeconds());
        int forks = (int) Math.max(1, Math.min(20, seconds / 300));
        double overheadPerFork =
                STALE_SECONDS + VMS_PER_FORK * DEADLOCK_SECONDS + VMS_PER_FORK * SAMPLING_TESTS * VM_START_SECONDS;
        double sampling = (seconds - HOST_SECONDS - forks * overheadPerFork) / (forks * VMS_PER_FORK * SAMPLING_TESTS);
        sampling = Math.max(1.0, Math.min(600.0, sampling));
        // Iterations of at most ~5 s keep JCStress's own timeouts (2x and 10x an iteration, at least 30 s) short.
        int iterations = (int) Math.max(1, Math.round(sampling / 5.0));
        int millis = (int) Math.max(200, Math.round(sampling * 1000 / iterations));
        double estimate = HOST_SECONDS + forks * (overheadPerFork + VMS_PER_FORK * SAMPLING_TESTS * sampling);
        long estimated = Math.round(estimate);
        return new JcstressPlan(
                forks, iterations, millis, Duration.ofSeconds(estimated), Duration.ofSeconds(2 * estimated + 120));
    }

    /**
     * The plan for a run of {@code tests} chosen tests (not the lab's set) within about {@code budget}: one fork, one
     * iteration, and what is left after probing and VM starts spread evenly over the tests' VMs (at least 500 ms
     * each). The deadline leaves room for hung forks, which end only when JCStress or {@link ForkWatchdog} gives up.
     */
    static JcstressPlan forSelection(Duration budget, int tests) {
        int vms = VMS_PER_FORK * Math.max(1, tests);
        double seconds = Math.max(1, budget.toSeconds());
        double sampling = Math.max(0.5, Math.min(600.0, (seconds - HOST_SECONDS - vms * VM_START_SECONDS) / vms));
        long estimate = Math.round(HOST_SECONDS + vms * (VM_START_SECONDS + sampling));
        return new JcstressPlan(
                1,
                1,
                (int) Math.round(sampling * 1000),
                Duration.ofSeconds(estimate),
                Duration.ofSeconds(2 * estimate + 120));
    }

    /** The JCStress arguments for this plan, on the lab's tests; see {@link #arguments(String, String, String)}. */
    List<String> arguments(String reportDir) {
        return arguments(reportDir, JcstressSuite.regex(JcstressSuite.LAB_RUN), JVM_ARGS);
    }

    /**
     * The JCStress arguments for this plan, on the tests matching {@code tests}, each fork started with
     * {@code jvmArgs} (one space-separated line). {@code -af NONE} lets a Termination test's actor and signal run on
     * the two cores at once (JCStress otherwise pins a one-actor test to one core, where the signal can only run while
     * the waiter is descheduled, and H2 is almost never contested); {@code -jvmArgs} fixes one VM configuration
     * (tiered C1 + C2, as in production) instead of eight, so the budget holds; {@code -v} prints every result,
     * which {@link JcstressConsole} reads.
     */
    List<String> arguments(String reportDir, String tests, String jvmArgs) {
        return List.of(
                "-t",
                tests,
                "-af",
                "NONE",
                "-jvmArgs",
                jvmArgs,
                "-sc",
                "false",
                "-fsm",
                "1",
                "-f",
                Integer.toString(forks),
                "-iters",
                Integer.toString(iterations),
                "-time",
                Integer.toString(iterationMillis),
                "-r",
                reportDir,
                "-v");
    }

    /** A one-line description, for logs and results files. */
    String describe() {
        return String.format(
                Locale.ROOT,
                "-f %d (%d VMs per test) -iters %d -time %d ms; estimate %d s, deadline %d s",
                forks,
                forks * VMS_PER_FORK,
                iterations,
                iterationMillis,
                estimate.toSeconds(),
                deadline.toSeconds());
    }
}
