package lab.kb905214.reports.html;

import java.util.Map;
import lab.kb905214.results.Harness;

/**
 * What the report tells a reader about each harness: a title, what it does, and what its evidence is.
 *
 * @param title a heading
 * @param description what the harness does and how the gate treats it
 * @param evidence what its engine-buggy evidence shows
 */
record HarnessInfo(String title, String description, String evidence) {
    private static final Map<Harness, HarnessInfo> KNOWN = Map.of(
            Harness.SCHEDULE,
                    new HarnessInfo(
                            "Deterministic schedules",
                            "JUnit drives the real engine over real sockets and orders its threads at named failpoints, so"
                                    + " every repetition runs exactly the racy interleaving; the same operations in a benign"
                                    + " order are the control. Deterministic: required to reproduce in every build.",
                            "For a deadlock, the lock cycle (each thread, the lock it holds and the lock it wants, with code"
                                    + " lines); then the order in which the threads passed the failpoints, and what hung."),
            Harness.EXPLORE,
                    new HarnessInfo(
                            "Every interleaving of the race windows",
                            "A depth-first search over the threads parked at failpoints, on the real engine over real"
                                    + " sockets: one transaction whose client leaves right after its final dot; at each node"
                                    + " every parked thread is a branch, and each leaf is run on a fresh engine. Exhaustive at"
                                    + " the granularity of the declared race windows: required in every build.",
                            "The first hanging leaf, with the command that replays it and its proof."),
            Harness.LINCHECK,
                    new HarnessInfo(
                            "Lincheck model checking",
                            "Lincheck's model checker explores interleavings of the coordinator's operations (submit,"
                                    + " completion, teardown, wait for the verdict) and checks the results against a"
                                    + " sequential specification. Deterministic: required to reproduce in every build."
                                    + " \"Exhaustive\" means every interleaving of the scenario was explored.",
                            "Lincheck's trace of the interleaving that hung."),
            Harness.SPIN,
                    new HarnessInfo(
                            "SPIN on Promela models of both coordinators",
                            "An independent model: each coordinator in Promela, its Java monitors with their entry queues and"
                                    + " wait sets, checked by SPIN over every interleaving of the model's steps (labelled"
                                    + " with the failpoints' names). H1: a safety search for invalid end states and"
                                    + " assertions (a verdict posted at most once, a cancelled check never delivered); H2:"
                                    + " the LTL property that every wait ends, under weak fairness. \"Exhaustive\" means pan's"
                                    + " search completed. Deterministic: required in every build.",
                            "pan's verdict, then the trail replayed by spin -t: the failpoint steps as printed and in the"
                                    + " order the engine releases them, the monitor operations, and the final state (who owns"
                                    + " which monitor, who is queued or parked). Each trail of a one-transaction run is also"
                                    + " run on the real engine in that order (counters.trailReplays)."),
            Harness.JCSTRESS,
                    new HarnessInfo(
                            "JCStress",
                            "The OpenJDK concurrency stress harness runs the operations concurrently many times: H2 in"
                                    + " Termination mode (STALE = a waiter that never woke), H1 as an actor pair whose"
                                    + " deadlock shows as a timed-out fork. Probabilistic: required to reproduce only under"
                                    + " -Pstress, where its budget makes a miss negligible.",
                            "JCStress's outcome counts (STALE vs TERMINATED) and timed-out forks."),
            Harness.LOAD,
                    new HarnessInfo(
                            "Load with real SMTP clients",
                            "Many real SMTP clients send mail while DNS answers with jitter; some drop the connection right"
                                    + " after the final dot. Failpoints are off, so a hang comes from the code alone."
                                    + " Probabilistic: required to reproduce only under -Pstress.",
                            "The hang's proof: the lock cycle, the stuck session's stack and wait, or the silent seconds."),
            Harness.JUDGE,
                    new HarnessInfo(
                            "The judge's calibration",
                            "The load judge run against both engines under many conditions (clients, abort rates, DNS faults,"
                                    + " CPU starvation, a connection limit): engine-fixed must show no proven hang anywhere;"
                                    + " engine-buggy's detections show the judge is not blind. Two conditions in every build,"
                                    + " the whole grid under -Pstress.",
                            "The first proven hang of engine-buggy, with its proof."));

    /** The description of {@code harness}, or a plain one for a harness this report does not know. */
    static HarnessInfo of(String harness) {
        return Harness.of(harness)
                .map(KNOWN::get)
                .orElse(new HarnessInfo(
                        harness, "Results of the " + harness + " harness.", "The evidence the harness recorded."));
    }
}
