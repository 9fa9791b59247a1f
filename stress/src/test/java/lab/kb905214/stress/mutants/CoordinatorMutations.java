package lab.kb905214.stress.mutants;

import static lab.kb905214.stress.mutants.SourceEdit.after;

/**
 * The coordinator mutants' patches of engine-fixed's {@code FixedCoordinator.java}, each one plausible mistake a
 * maintainer could make in it. Each edit quotes the shipped lines it changes verbatim, so a change of those lines in
 * the shipped class stops the mutant from building (and names it) instead of letting it mutate something else.
 */
final class CoordinatorMutations {

    /** The shipped completion: it claims the registry entry and only then completes the outcome. */
    private static final String CLAIM_THEN_POST = """
                    if (pending.remove(c.session(), c)) { // else torn down meanwhile; no lock held, so nothing to invert
                        c.outcome.complete(outcome);
                    }
            """;

    /** The shipped cancellation, in teardown's finally block. */
    private static final String CANCEL = """
                        FixedCheck check = pending.remove(session); // a second teardown finds nothing: idempotent
                        if (check != null) {
                            check.outcome.complete(new Outcome.Cancelled());
                        }
            """;

    /** The shipped registry field, after which mutants add the state they need. */
    private static final String LAST_FIELD = "    private final LongAdder lostVerdicts = new LongAdder();\n";

    /**
     * M1, lock order reverted on one path. A maintainer makes the registry and the session "safe" with monitors:
     * completion holds the registry's monitor and posts under the session's (registry, then session), while teardown
     * cancels under the session's monitor and takes the registry's inside it (session, then registry): engine-buggy's
     * H1.
     */
    static final SourcePatch LOCK_ORDER_REVERTED = SourcePatch.ofFixedCoordinator(
            after(LAST_FIELD, """

                        /** The registry's monitor (a class of its own, so thread dumps and lock cycles name it). */
                        static final class RegistryMonitor {}

                        /** A session's monitor. */
                        static final class SessionMonitor {}

                        private final RegistryMonitor registry = new RegistryMonitor();
                        private final Map<SessionId, SessionMonitor> sessions = new ConcurrentHashMap<>();

                        private SessionMonitor monitorOf(SessionId session) {
                            return sessions.computeIfAbsent(session, s -> new SessionMonitor());
                        }
                    """),
            new SourceEdit("""
                            FixedCheck c = (FixedCheck) check;
                            failpoints.reach(Step.COMPLETION_BEGIN);
                    """, """
                            FixedCheck c = (FixedCheck) check;
                            synchronized (registry) { // completion: registry -> session
                            failpoints.reach(Step.COMPLETION_BEGIN);
                    """),
            new SourceEdit("""
                            failpoints.reach(Step.COMPLETION_DONE);
                    """, """
                            failpoints.reach(Step.COMPLETION_DONE);
                            }
                    """),
            new SourceEdit("""
                                c.outcome.complete(outcome);
                    """, """
                                synchronized (monitorOf(c.session())) {
                                    c.outcome.complete(outcome);
                                }
                    """),
            new SourceEdit("""
                            failpoints.reach(Step.TEARDOWN_CANCEL);
                            try {
                                release.run();
                            } finally {
                    """ + CANCEL + """
                            }
                    """, """
                            synchronized (monitorOf(session)) {
                                failpoints.reach(Step.TEARDOWN_CANCEL);
                                release.run();
                                synchronized (registry) { // the mutation: session -> registry
                                    FixedCheck check = pending.remove(session);
                                    if (check != null) {
                                        check.outcome.complete(new Outcome.Cancelled());
                                    }
                                }
                            }
                    """));

    /**
     * M2, the guard loop dropped. A maintainer replaces the future's {@code get()} with a hand-written wait on the
     * check's monitor, and writes {@code if (!done) wait()} outside the monitor instead of
     * {@code synchronized (c) { while (!done) wait(); }}: a post between the look and the wait notifies nobody (H2).
     */
    static final SourcePatch GUARD_LOOP_DROPPED = SourcePatch.ofFixedCoordinator(
            new SourceEdit("""
                                c.outcome.complete(outcome);
                    """, """
                                synchronized (c) {
                                    c.outcome.complete(outcome);
                                    c.notifyAll();
                                }
                    """), new SourceEdit("""
                                    check.outcome.complete(new Outcome.Cancelled());
                    """, """
                                    synchronized (check) {
                                        check.outcome.complete(new Outcome.Cancelled());
                                        check.notifyAll();
                                    }
                    """), new SourceEdit("""
                                failpoints.reach(Step.WAITER_CHECKED);
                            }
                    """, """
                                failpoints.reach(Step.WAITER_CHECKED);
                                synchronized (c) { // the mutation: looked at outside the monitor, waited for once
                                    c.wait();
                                }
                            }
                    """), new SourceEdit("""
                                    return c.outcome.get(); // the future keeps a verdict posted before this line: no wakeup to lose
                    """, """
                                    return c.outcome.getNow(null); // the mutation: whatever is there after one wait
                    """));

    /**
     * M3, the registry entry removed twice. Completion removes the session's entry by key, {@code remove(session)},
     * instead of by key and check, {@code remove(session, check)}. After a teardown cancelled the check and the
     * session went on to its next transaction, the late completion of the old check removes the new check's entry;
     * the new check's own completion then finds no entry and nobody completes it: that session waits forever.
     */
    static final SourcePatch SUCCESSOR_REMOVED_BY_STALE_COMPLETION = SourcePatch.ofFixedCoordinator(new SourceEdit(
            "if (pending.remove(c.session(), c)) {",
            "if (pending.remove(c.session()) != null) { // the mutation: whichever check the session has now"));

    /**
     * M4, completion after cancellation still delivers. Completion ignores that teardown already claimed the check and
     * overwrites its outcome ({@code obtrudeValue}, "the verdict is the newer news"): a torn-down session is handed a
     * verdict for a transaction its client abandoned, and a session that saw the cancellation may see a verdict next.
     */
    static final SourcePatch DELIVERED_AFTER_CANCEL =
            SourcePatch.ofFixedCoordinator(new SourceEdit(CLAIM_THEN_POST, """
                            pending.remove(c.session(), c);
                            c.outcome.obtrudeValue(outcome); // the mutation: delivered whether or not still pending
                    """));

    /**
     * M5, an error on the completion path leaves the check pending: the class of Apache James jSPF's asynchronous
     * executor hang (JSPF-112). When the evaluation ends with an error instead of a verdict (a DNS failure, a defect),
     * the completion returns early and posts nothing, so the session waits forever instead of answering 451.
     */
    static final SourcePatch FAILURE_NEVER_POSTED = SourcePatch.ofFixedCoordinator(
            after("public void complete(PendingCheck check, Outcome.Evaluated outcome) {\n", """
                            if (outcome instanceof Outcome.Failed) {
                                return; // the mutation: "nothing to deliver"
                            }
                    """));

    /**
     * M6, cancellation that is not idempotent. Teardown insists that the session has a check in flight and throws when
     * it has none: a second teardown (a pipelined RSET, then the client closing), or one after completion won, fails.
     */
    static final SourcePatch TEARDOWN_NOT_IDEMPOTENT = SourcePatch.ofFixedCoordinator(new SourceEdit(CANCEL, """
                                FixedCheck check = pending.remove(session);
                                if (check == null) { // the mutation: "cannot happen"
                                    throw new IllegalStateException("no check in flight for " + session);
                                }
                                check.outcome.complete(new Outcome.Cancelled());
                    """));

    /**
     * M7, the completion sharing a pool with blocking work: the jSPF asynchronous-executor hang. A maintainer moves
     * each session's wait onto the coordinator's small "checks" pool (two threads, one per core) to keep SubEtha's
     * threads free, and posts outcomes through the same pool. Once two sessions wait, both pool threads are blocked
     * in waits and the posts that would wake them queue behind them: every session waits forever.
     */
    static final SourcePatch WAIT_ON_SHARED_POOL = SourcePatch.ofFixedCoordinator(
            after(LAST_FIELD, """
                        private static final java.util.concurrent.atomic.AtomicInteger THREADS =
                                new java.util.concurrent.atomic.AtomicInteger();
                        private final java.util.concurrent.ExecutorService pool =
                                java.util.concurrent.Executors.newFixedThreadPool(2, task -> {
                                    Thread t = new Thread(task, "checks-pool-" + THREADS.incrementAndGet());
                                    t.setDaemon(true); // a hung pool must not keep a harness JVM alive
                                    return t;
                                });
                    """), new SourceEdit("""
                                c.outcome.complete(outcome);
                    """, """
                                pool.execute(() -> c.outcome.complete(outcome)); // the mutation: queued behind waits
                    """), new SourceEdit("""
                                    check.outcome.complete(new Outcome.Cancelled());
                    """, """
                                    pool.execute(() -> check.outcome.complete(new Outcome.Cancelled()));
                    """), new SourceEdit("""
                                    return c.outcome.get(); // the future keeps a verdict posted before this line: no wakeup to lose
                    """, """
                                    return pool.submit(() -> c.outcome.get()).get(); // the mutation: blocking work on the pool
                    """));

    /**
     * M8, teardown forgets the waiter. Teardown removes the check from the registry but does not complete its outcome
     * ("the session is going away anyway"); the session thread is still waiting for it, and since the entry is gone
     * the completion will not post either: that session waits forever.
     */
    static final SourcePatch CANCELLATION_NEVER_POSTED = SourcePatch.ofFixedCoordinator(new SourceEdit(CANCEL, """
                                pending.remove(session); // the mutation: the cancellation is not posted to the waiter
                    """));

    /**
     * M9, the future cancelled instead of completed. Teardown sees a CompletableFuture and a cancellation and calls
     * {@code cancel(false)} instead of completing it with {@code Outcome.Cancelled}: the waiter's {@code get()} then
     * throws a CancellationException, which no caller of {@code awaitVerdict} expects, instead of returning an outcome.
     */
    static final SourcePatch FUTURE_CANCELLED = SourcePatch.ofFixedCoordinator(new SourceEdit("""
                                    check.outcome.complete(new Outcome.Cancelled());
                    """, """
                                    check.outcome.cancel(false); // the mutation: "it is a cancellation, after all"
                    """));

    /**
     * M10, the error delivered as a verdict. Completion posts a Delivered outcome whatever the evaluation ended with
     * ("the verdict is null when it failed, the session will see that"): a DNS failure reaches the session as a
     * delivered null verdict instead of a failure it answers with a TempError.
     */
    static final SourcePatch FAILURE_DELIVERED_AS_VERDICT = SourcePatch.ofFixedCoordinator(new SourceEdit("""
                                c.outcome.complete(outcome);
                    """, """
                                // the mutation: the failure is dropped, its verdict is null
                                c.outcome.complete(new Outcome.Delivered(
                                        outcome instanceof Outcome.Delivered delivered ? delivered.verdict() : null));
                    """));

    /**
     * M11, the wait takes the check out of the registry. The session removes its check's entry as it starts to wait
     * ("the check is no longer pending, it is awaited"): completion and teardown then find no entry, so neither posts,
     * and a session that started waiting before its verdict arrived waits forever.
     */
    static final SourcePatch WAIT_TAKES_THE_ENTRY =
            SourcePatch.ofFixedCoordinator(after("        failpoints.reach(Step.WAITER_BEGIN);\n", """
                            pending.remove(c.session(), c); // the mutation: the waiter claims the entry it waits for
                    """));

    /**
     * M12, the wait holds the check's monitor. A maintainer makes the check "thread-safe" by synchronizing on it:
     * completion claims and posts under the check's monitor, and the session waits for the future under the same
     * monitor, so a session that starts waiting before the verdict arrives blocks the completion that would wake it.
     */
    static final SourcePatch WAIT_HOLDS_CHECK_MONITOR =
            SourcePatch.ofFixedCoordinator(new SourceEdit(CLAIM_THEN_POST, """
                            synchronized (c) {
                                if (pending.remove(c.session(), c)) {
                                    c.outcome.complete(outcome);
                                }
                            }
                    """), new SourceEdit("""
                                    return c.outcome.get(); // the future keeps a verdict posted before this line: no wakeup to lose
                    """, """
                                    synchronized (c) { // the mutation: the monitor the completion needs, held while blocked
                                        return c.outcome.get();
                                    }
                    """));

    /**
     * M13, the cancellation in a catch instead of a finally. Teardown cancels the check only when releasing the
     * session's resources threw: a normal teardown leaves the check registered and its waiter waiting, and the late
     * verdict of an abandoned transaction is delivered after all (or, with no verdict coming, the session waits on).
     */
    static final SourcePatch CANCEL_ONLY_WHEN_RELEASE_THROWS =
            SourcePatch.ofFixedCoordinator(new SourceEdit("""
                            } finally {
                    """ + CANCEL + """
                            }
                    """, """
                            } catch (RuntimeException e) { // the mutation: catch where finally was meant
                    """ + CANCEL + """
                                throw e;
                            }
                    """));

    /**
     * M14, a failed evaluation reported as a cancellation. Completion turns an evaluation error into
     * {@code Outcome.Cancelled} ("no verdict, so no decision"): the session answers "transaction cancelled" instead of
     * applying its policy to a TempError, and the client is told its transaction was abandoned when it was not.
     */
    static final SourcePatch FAILURE_AS_CANCELLATION = SourcePatch.ofFixedCoordinator(new SourceEdit("""
                                c.outcome.complete(outcome);
                    """, """
                                // the mutation: an error is "no decision"
                                c.outcome.complete(outcome instanceof Outcome.Failed ? new Outcome.Cancelled() : outcome);
                    """));

    private CoordinatorMutations() {}
}
