package lab.kb905214.engine.watch;

/**
 * Told by a connection's watcher, on the watcher's own thread, that the client went away or reset while the
 * session's Sender ID check was in flight; each event at most once per in-flight check.
 */
public interface WatchListener {

    /**
     * The client closed or reset the connection while a check was in flight; {@code release} frees that
     * transaction (it discards the spooled message).
     */
    void clientGone(WatchedSocket connection, Runnable release);

    /**
     * The client pipelined a complete RSET or QUIT line after the DATA whose check is in flight; {@code release}
     * frees that transaction. The session still reads the command afterwards, in order.
     */
    void pipelinedReset(WatchedSocket connection, Runnable release);
}
