package lab.kb905214.stress.schedule;

/** The races a schedule can order: the two of the lab's model of KB905214, and one the fix must also get right. */
public enum Scenario {
    /** Lock-order inversion: completion (registry, then session) against teardown (session, then registry). */
    H1,
    /** Lost wakeup: the verdict posted between the waiter's look and its wait. */
    H2,
    /**
     * A stale completion: a pipelined RSET cancels the check, the session goes on to its next message, and only then
     * does the old check's completion run. It must leave the new check alone (neither engine gets this wrong; it is
     * here so the lab's mutation analysis can show a harness catching a coordinator that does).
     */
    STALE
}
