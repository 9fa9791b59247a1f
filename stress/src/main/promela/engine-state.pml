/*
 * The engine around the CheckCoordinator seam, shared by both coordinator models: its parameters, state and the
 * properties' observations. buggy-coordinator.pml and fixed-coordinator.pml include this file first, then define the
 * coordinator's inlines (register, complete, teardown, awaitVerdict, sessionEnded), then include engine-threads.pml.
 *
 * Threads, as in smtp-engine: one session thread per connection (SenderIdStage: register, start the evaluation, wait
 * for the verdict, reply, next transaction); one connection watcher per connection (ConnectionWatcher: while a check
 * is in flight it may report a pipelined RSET/QUIT or a client that left, and then runs the coordinator's teardown on
 * its own thread); one completion thread for the whole server (the completion executor of whenCompleteAsync).
 *
 * Parameters (-D): SESSIONS connections (1..3), TX transactions per connection (1..2), ABORTS 1 to run the watchers
 * (the protocol event that H1 needs), 0 to leave them out.
 *
 * What the model leaves out, and why that is sound here:
 * - A verdict and a failure differ only in the Outcome object the coordinator builds; neither coordinator branches
 *   on it, so both are the one outcome VERDICT.
 * - The DNS evaluation is not modelled: each started evaluation finishes at some point, in any order relative to the
 *   others (the completion thread picks any started one), which is all the coordinator can observe.
 * - Memory is sequentially consistent. For engine-fixed that is what its ConcurrentHashMap and CompletableFuture
 *   give; for engine-buggy the JMM allows more (a stale read of outcome), which could only add hangs.
 * - The wait is unbounded, as every harness runs engine-fixed (a bound would hide a lost wakeup).
 * - No spurious wakeups: the JVM may have them, and they could only wake engine-buggy's waiter (returning no outcome);
 *   engine-fixed's CompletableFuture.get re-checks in a loop, so they change nothing there.
 */

#ifndef SESSIONS
#define SESSIONS 1
#endif
#ifndef TX
#define TX 1
#endif
#ifndef ABORTS
#define ABORTS 1
#endif

#define CHECKS (SESSIONS * TX)
#define NOCHECK 255

/* Outcome of a check (lab.kb905214.engine.check.Outcome): none yet, a verdict (or failure), cancelled. */
#define NONE 0
#define VERDICT 1
#define CANCELLED 2

/* What the watcher reports: a pipelined RSET or QUIT (the session goes on), or a client that left. */
#define RESET 1
#define GONE 2

/* Thread ids, for the monitors' owner, entry queue and wait set. */
#define COMPLETION_THREAD 0
#define SESSION_THREAD(s) (1 + (s))
#define WATCHER_THREAD(s) (1 + SESSIONS + (s))

byte pending[SESSIONS] = NOCHECK; /* the registry: session -> its registered check */
bool evaluating[CHECKS];          /* evaluation started, not yet run by the completion thread */
bool inFlight[SESSIONS];          /* ConnectionWatcher.inFlight: between checkStarted and checkEnded */
byte flightSeq[SESSIONS];         /* ConnectionWatcher.checkSeq: one report per check at most */
bool gone[SESSIONS];              /* the teardown's release closed the socket: the session ends */
bool ended[SESSIONS];             /* the session thread has finished */

/* Observations for the properties (ghosts: they never steer the model). */
byte waiters;                     /* sessions between starting an evaluation and getting its outcome */
byte posts[CHECKS];               /* how many times a path wrote check c's outcome */
bool cancelled[CHECKS];           /* teardown wrote Cancelled to check c */

/* The engine's promise for every check: its outcome is written once, by whichever path won the registry entry. */
inline posted(c) {
    posts[c]++;
    assert(posts[c] == 1)
}

