package lab.kb905214.stress.schedule;

/** The two races of the lab's model of KB905214. */
public enum Scenario {
    /** Lock-order inversion: completion (registry, then session) against teardown (session, then registry). */
    H1,
    /** Lost wakeup: the verdict posted between the waiter's look and its wait. */
    H2
}
