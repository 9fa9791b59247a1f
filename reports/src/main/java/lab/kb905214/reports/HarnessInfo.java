package lab.kb905214.reports;

import java.util.Map;

/**
 * What the report tells a reader about each harness: a title, what it does, and what its evidence is.
 *
 * @param title a heading
 * @param description what the harness does and how the gate treats it
 * @param evidence what its engine-buggy evidence shows
 */
record HarnessInfo(String title, String description, String evidence) {
    private static final Map<String, HarnessInfo> KNOWN = Map.of(
            "schedule", new HarnessInfo("Deterministic schedules",
                    "JUnit drives the real engine over real sockets and orders its threads at named failpoints, so"
                            + " every repetition runs exactly the racy interleaving; the same operations in a benign"
                            + " order are the control. Deterministic: required to reproduce in every build.",
                    "For a deadlock, the lock cycle (each thread, the lock it holds and the lock it wants, with code"
                            + " lines); then the order in which the threads passed the failpoints, and what hung."),
            "lincheck", new HarnessInfo("Lincheck model checking",
                    "Lincheck's model checker explores interleavings of the coordinator's operations (submit,"
                            + " completion, teardown, wait for the verdict) and checks the results against a"
                            + " sequential specification. Deterministic: required to reproduce in every build."
                            + " \"Exhaustive\" means every interleaving of the scenario was explored.",
                    "Lincheck's trace of the interleaving that hung."),
            "jcstress", new HarnessInfo("JCStress",
                    "The OpenJDK concurrency stress harness runs the operations concurrently many times: H2 in"
                            + " Termination mode (STALE = a waiter that never woke), H1 as an actor pair whose"
                            + " deadlock shows as a timed-out fork. Probabilistic: required to reproduce only under"
                            + " -Pstress, where its budget makes a miss negligible.",
                    "JCStress's outcome counts (STALE vs TERMINATED) and timed-out forks."),
            "load", new HarnessInfo("Load with real SMTP clients",
                    "Many real SMTP clients send mail while DNS answers with jitter; some drop the connection right"
                            + " after the final dot. Failpoints are off, so a hang comes from the code alone."
                            + " Probabilistic: required to reproduce only under -Pstress.",
                    "The hang report: the lock cycle and an excerpt of the thread dump."));

    /** The description of {@code harness}, or a plain one for a harness this report does not know. */
    static HarnessInfo of(String harness) {
        return KNOWN.getOrDefault(harness, new HarnessInfo(harness, "Results of the " + harness + " harness.",
                "The evidence the harness recorded."));
    }
}
