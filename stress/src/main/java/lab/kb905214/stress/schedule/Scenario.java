package lab.kb905214.stress.schedule;

import lab.kb905214.stress.race.Race;

/**
 * The races a schedule can order on the real engine: the two of the lab's model of KB905214, and three the fix must
 * also get right. Each is a race of the catalogue, run over real sockets, with protocol events (the client closing,
 * a pipelined RSET) where the catalogue has a teardown.
 */
public enum Scenario {
    /** Lock-order inversion: completion (registry, then session) against teardown (session, then registry). */
    H1(Race.H1),
    /** Lost wakeup: the verdict posted between the waiter's look and its wait. */
    H2(Race.H2),
    /**
     * A stale completion: a pipelined RSET cancels the check, the session goes on to its next message, and only then
     * does the old check's completion run. It must leave the new check alone (neither engine gets this wrong; it is
     * here so the lab's mutation analysis can show a harness catching a coordinator that does).
     */
    STALE(Race.STALE_COMPLETION),
    /**
     * The error path: the evaluation ends in an error instead of a verdict (the check's stage completes
     * exceptionally, which only a defect does, so the rig injects one for senders at {@link
     * lab.kb905214.stress.rig.LabZone#DEFECT}). Ordered as H2: the error is posted between the waiter's look and its
     * wait (racy), or before the waiter looks (benign). The session must get the error as a TempError verdict, which
     * the default policy defers: 451 4.4.3, and nothing stored.
     */
    ERROR(Race.FAILURE),
    /**
     * Two sessions at once: two clients end DATA together. Racy: both sessions look for their verdicts, find none
     * and go on to wait; only then does the completion thread post both verdicts. Benign: both verdicts are posted
     * before either session looks. Both must get 250 (a server has more than one client; a coordinator whose waits
     * hold threads its posts also need fails here). Each session's race is H2's.
     */
    TWO_SESSIONS(Race.H2);

    private final Race race;

    Scenario(Race race) {
        this.race = race;
    }

    /** The catalogue's race this scenario runs (for two sessions, the race each session runs). */
    public Race race() {
        return race;
    }
}
