/**
 * The connection watcher: sockets read ahead by a thread of their own, so that a client leaving or pipelining
 * RSET/QUIT is seen (and torn down) while the session thread waits for a Sender ID verdict.
 */
package lab.kb905214.engine.watch;
