package lab.kb905214.engine.check;

import lab.kb905214.engine.failpoint.Failpoints;

/**
 * The seam between an SMTP session, the completion thread and the connection watcher over one pending check.
 *
 * <p>Three threads meet here (docs/ARCHITECTURE.md, "The race"): the session thread registers a check at the end of
 * DATA and waits for its verdict; the server's completion thread posts the verdict once the DNS answers are in; the
 * connection watcher tears the session down when the client closes, resets, or pipelines RSET/QUIT while the
 * check is in flight. engine-buggy and engine-fixed each implement this interface; nothing else differs.
 */
public interface CheckCoordinator {

    /** Session thread, end of DATA: registers a check for {@code session}; the caller then starts the evaluation. */
    PendingCheck register(SessionId session);

    /**
     * Completion thread: the evaluation of {@code check} ended, with a verdict or with an error (a DNS error or a
     * defect). Posts {@code outcome} to the session unless it was torn down.
     */
    void complete(PendingCheck check, Outcome.Evaluated outcome);

    /**
     * Watcher thread: the client went away or reset. Cancels whatever {@code session} has in flight and runs
     * {@code release}, which frees what the session holds for that transaction (its spooled message; on a
     * disconnect also its socket).
     */
    void teardown(SessionId session, Runnable release);

    /** Session thread: blocks until the check's verdict is posted or the check is cancelled. */
    Outcome awaitVerdict(PendingCheck check) throws InterruptedException;

    /** Session thread, connection closed: forgets the session. */
    void sessionEnded(SessionId session);

    /** The failpoints at this coordinator's race windows (off unless a schedule arms them). */
    Failpoints failpoints();

    /** Verdicts that were posted but never reached their waiter before its bound expired (0 when unbounded). */
    long lostVerdicts();
}
