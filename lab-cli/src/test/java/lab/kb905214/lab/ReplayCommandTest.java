package lab.kb905214.lab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code lab replay}: the same schedule prints the same text every run; the buggy H1 replay shows the lock cycle. */
class ReplayCommandTest {
    private static final String FRAME = "lab\\.kb905214\\.engine\\.buggy\\.BuggyCoordinator\\.";

    @Test
    void buggyH1PrintsTheSameInterleavingTwiceWithTheLockCycle() {
        CommandRun first = CommandRun.lab("replay", "--schedule", "H1", "--engine", "buggy");
        CommandRun second = CommandRun.lab("replay", "--schedule", "H1", "--engine", "buggy");

        assertThat(first.code()).as(first.err()).isZero();
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(first.out())
                .contains("completion.post", "teardown.cancel")
                .contains("HUNG")
                .contains("Lock cycle (a Java-level deadlock between 2 threads)")
                .contains("holds BuggyCoordinator$RegistryLock (taken in BuggyCoordinator.complete)")
                .contains("holds BuggyCoordinator$SessionLock (taken in BuggyCoordinator.teardown)")
                .containsPattern("blocked at " + FRAME + "complete\\(BuggyCoordinator\\.java:\\d+\\)")
                .containsPattern("blocked at " + FRAME + "teardown\\(BuggyCoordinator\\.java:\\d+\\)");
        // Nothing that changes between runs: identity hash codes, ports in thread names, queue names.
        assertThat(first.out())
                .doesNotContainPattern("Lock@[0-9a-f]+")
                .doesNotContainPattern("completion-\\d+")
                .doesNotContainPattern(":\\d{4,5}\\b");
    }

    @Test
    void buggyH2PrintsTheSameLostWakeupTwice() {
        CommandRun first = CommandRun.lab("replay", "--schedule", "H2", "--engine", "buggy");
        CommandRun second = CommandRun.lab("replay", "--schedule", "H2", "--engine", "buggy");

        assertThat(first.code()).as(first.err()).isZero();
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(first.out()).contains("HUNG").contains("wakeup was lost").doesNotContain("Lock cycle");
    }

    @Test
    void fixedH1CompletesTheSameScheduleTwice() {
        CommandRun first = CommandRun.lab("replay", "--schedule", "H1", "--engine", "fixed");
        CommandRun second = CommandRun.lab("replay", "--schedule", "H1", "--engine", "fixed");

        assertThat(first.code()).as(first.err()).isZero();
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(first.out())
                .contains("engine-fixed completed the schedule")
                .contains("teardown.done")
                .contains("probe: 250")
                .doesNotContain("HUNG")
                .doesNotContain("Lock cycle");
    }

    /** A leaf of the explorer's tree on engine-buggy: completion inside its window when the teardown starts. */
    private static final String H1_LEAF =
            "completion.begin,completion.post,teardown.cancel,waiter.begin,waiter.checked";

    @Test
    void anExplorerLeafReplaysTheSameWayTwiceAndTheFixShowsOnTheSameOrder() {
        CommandRun first = CommandRun.lab("replay", "--engine", "buggy", "--order", H1_LEAF);
        CommandRun second = CommandRun.lab("replay", "--engine", "buggy", "--order", H1_LEAF);
        // On engine-fixed the verdict is there once completion has posted: the waiter never reaches waiter.checked.
        CommandRun fixed =
                CommandRun.lab("replay", "--engine", "fixed", "--order", H1_LEAF.replace(",waiter.checked", ""));
        CommandRun infeasible = CommandRun.lab("replay", "--engine", "fixed", "--order", H1_LEAF);

        assertThat(first.code()).as(first.err()).isZero();
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(first.out())
                .contains("1. release completion.begin")
                .contains("Outcome: LOCK_CYCLE")
                .contains("Lock cycle (a Java-level deadlock between 2 threads)")
                .doesNotContainPattern("Lock@[0-9a-f]+");
        assertThat(fixed.code()).as(fixed.err()).isZero();
        assertThat(fixed.out()).contains("Outcome: COMPLETED").contains("release teardown.done");
        assertThat(infeasible.code()).isNotZero();
        assertThat(infeasible.out()).contains("the order asks for waiter.checked at depth 4");
    }

    /** A SPIN trail of engine-buggy's model (H1 run, trail 5): the client pipelines RSET after the verdict is posted. */
    private static final String TRAIL_WITH_A_LATE_RESET = "waiter.begin,completion.begin,completion.post,client.reset,"
            + "teardown.cancel,waiter.checked,completion.done,teardown.done";

    @Test
    void aClientMoveAmongTheStepsIsMadeThere() {
        CommandRun run = CommandRun.lab("replay", "--engine", "buggy", "--order", TRAIL_WITH_A_LATE_RESET);

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("a client pipelines RSET after 3 step(s)")
                .containsSubsequence(
                        "3. release completion.post",
                        "client.reset (the client's move)",
                        "4. release teardown.cancel",
                        "5. release waiter.checked")
                .contains("Outcome: WAITER_NEVER_WAKES");
    }

    /**
     * A leaf of the STALE tree (SPIN's and the explorer's): the RSET's teardown cancels the first check, and the first
     * completion, parked at its last step, ends only after the client sent its next transaction.
     */
    private static final String STALE_LEAF = "client.reset,teardown.cancel,completion.begin,completion.post,"
            + "teardown.done,waiter.begin,client.next,completion.done,completion.begin,waiter.begin,completion.post,"
            + "completion.done,waiter.checked";

    @Test
    void aNextTransactionIsSentWhereTheOrderSaysAndOnlyEngineBuggysSecondCheckHangs() {
        CommandRun buggy = CommandRun.lab("replay", "--engine", "buggy", "--order", STALE_LEAF);
        CommandRun fixed = CommandRun.lab("replay", "--engine", "fixed", "--order", STALE_LEAF);

        assertThat(buggy.code()).as(buggy.err()).isZero();
        assertThat(buggy.out())
                .containsSubsequence(
                        "client.reset (the client's move)",
                        "5. release waiter.begin",
                        "client.next (the client, answered, sends its next transaction)",
                        "6. release completion.done",
                        "7. release completion.begin",
                        "11. release waiter.checked")
                .contains("Outcome: WAITER_NEVER_WAKES");
        assertThat(fixed.code()).as(fixed.err()).isZero();
        assertThat(fixed.out()).contains("11. release waiter.checked").contains("Outcome: COMPLETED");
    }

    /** SPIN's trail 2 of the 2x1 H1 run: session 0 looks before its post and waits only after it. */
    private static final String TWO_SESSIONS_LATE_LOOK = "client.send session 1,waiter.begin check 1,"
            + "waiter.checked check 1,client.send session 0,waiter.begin check 0,completion.begin check 1,"
            + "completion.post check 1,completion.done check 1,completion.begin check 0,completion.post check 0,"
            + "waiter.checked check 0,completion.done check 0";

    @Test
    void anOrderOfTwoSessionsReleasesEachSessionsThreadAndOnlyEngineBuggyLosesTheWakeup() {
        CommandRun buggy = CommandRun.lab("replay", "--engine", "buggy", "--order", TWO_SESSIONS_LATE_LOOK);
        CommandRun fixed = CommandRun.lab("replay", "--engine", "fixed", "--order", TWO_SESSIONS_LATE_LOOK);

        assertThat(buggy.code()).as(buggy.err()).isZero();
        assertThat(buggy.out())
                .containsSubsequence("1. client.send session 1", "11. waiter.checked check 0", "12. completion.done")
                .contains("Outcome: WAITER_NEVER_WAKES");
        assertThat(fixed.code()).as(fixed.err()).isZero();
        assertThat(fixed.out()).contains("12. completion.done check 0").contains("Outcome: COMPLETED");
    }

    @Test
    void anUnknownStepOrBothModesAreRefusedWithTheReason() {
        CommandRun unknown = CommandRun.lab("replay", "--engine", "buggy", "--order", "completion.begin,waiter.nap");
        CommandRun both = CommandRun.lab("replay", "--engine", "buggy", "--schedule", "H1", "--order", H1_LEAF);

        assertThat(unknown.code()).isNotZero();
        assertThat(unknown.err()).contains("no step or client move called 'waiter.nap'");
        assertThat(both.code()).isNotZero();
        assertThat(both.err()).contains("either --schedule or --order");
    }
}
