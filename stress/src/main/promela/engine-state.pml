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

/*
 * -DEXPLORER: the explorer's run (stress/.../explore/Interleaving) in the model, to count the same leaves. One session,
 * one transaction, a client that leaves right after its final dot (the watcher reports GONE, once), or with
 * -DCLIENT_MOVES a client whose move the Explorer releases like a step: it leaves or pipelines RSET between any two
 * releases while its check is in flight, or never moves; or with -DSTALE -DTX=2 two transactions, a client that
 * pipelines RSET behind the first and sends the next where the Explorer releases it (the STALE case: the first check's
 * completion may still be parked when the next check begins). Every failpoint parks its thread; the Explorer process
 * releases one parked thread at a time, and only once every thread is parked, blocked on a monitor someone holds,
 * waiting, or out of the coordinator (nothing is running); the released thread then runs to its next failpoint, as
 * after the real explorer's release. So a step here is what the explorer releases, not one Promela statement: the
 * runs without -DEXPLORER interleave the threads between failpoints as well, which the explorer cannot. The Explorer
 * records the order of releases and, where nothing can move, prints it with the ending: pan -DPRINTF lists every
 * distinct terminal state once.
 */
#ifdef EXPLORER
#if SESSIONS != 1 || ABORTS != 1
#error "-DEXPLORER models the explorer's one session: SESSIONS=1, ABORTS=1"
#endif
#if defined(STALE) && TX != 2
#error "-DSTALE is the explorer's two transactions: TX=2"
#endif
#if !defined(STALE) && TX != 1
#error "-DEXPLORER without -DSTALE is the explorer's single transaction: TX=1"
#endif
#define THREADS 3
/* The codes of the steps in the recorded order (SpinTerminals reads these lines to decode it). */
#define STEP_COMPLETION_BEGIN 1
#define STEP_COMPLETION_POST 2
#define STEP_COMPLETION_DONE 3
#define STEP_TEARDOWN_CANCEL 4
#define STEP_TEARDOWN_DONE 5
#define STEP_WAITER_BEGIN 6
#define STEP_WAITER_CHECKED 7
/* -DCLIENT_MOVES: the client's move is released like a step (a ClientMove's id), or never; without it the client
   leaves before the first step. */
#define MOVE_CLIENT_LEAVE 8
#define MOVE_CLIENT_RESET 9
#define CLIENT_PARKED 10          /* parkedAt of a watcher whose client may still move: not a step */
/* -DSTALE: the client pipelines RSET behind its first dot (recorded first), and sends its next transaction where the
   Explorer releases it: once the first is answered and the watcher is back from its teardown (the same thread copies
   the socket for the session, so the client's next commands reach the session only then). */
#define MOVE_CLIENT_NEXT 11
#define NEXT_PARKED 12            /* parkedAt of a session whose client has not sent its next transaction: not a step */
#define MAX_STEPS 14
byte moving = THREADS;            /* threads running inside the coordinator */
byte left;                        /* threads out of the coordinator */
byte parkedAt[THREADS];           /* the step a thread is parked at, 0 when none */
bool go[THREADS];                 /* the Explorer released that thread */
byte order[MAX_STEPS];            /* the steps released, in order */
byte released;                    /* how many */
byte clientMove;                  /* the report the Explorer released the client with (GONE, RESET); 0: none yet */
bool waiterLeft;                  /* the session has left the coordinator: its check is no longer in flight */
bool watcherLeft;                 /* the watcher is back from its teardown, reading the socket */
bool completionIdle;              /* the completion thread is back at its queue: it runs again for a started check */
#define EXPLORED(code) code
#define SENT(s)                   /* the explorer's client sends where its own order says */
/* arrive at a failpoint, then wait to be released */
#define FAILPOINT(step) atomic { parkedAt[me] = step; moving--; go[me] -> go[me] = false };
/* out of the coordinator: the thread's part of the race is over (the completion thread's until a next check) */
#define LEAVES ; atomic { moving--; left++; if :: me == COMPLETION_THREAD -> completionIdle = true \
                                                :: me != COMPLETION_THREAD -> watcherLeft = true fi }
#define WAITER_LEAVES ; atomic { left++; waiterLeft = true }   /* still running: it answers (ANSWERED) */
/* the completion thread takes a started check: back inside, running until its next failpoint */
#define PICKED_UP ; if :: completionIdle -> completionIdle = false; moving++; left-- :: !completionIdle fi
/* the session has answered: it waits for the client's next transaction, which the Explorer sends, or has none */
#define ANSWERED ; if :: t < TX -> atomic { parkedAt[me] = NEXT_PARKED; moving--; go[me] -> go[me] = false } \
                      :: t >= TX -> moving-- fi
#else
#define EXPLORED(code)
/* The client's final dot, where its session starts the check (registers it): a label for a trail's replay on the
   engine (SessionsInterleaving sends that client's dot there). Printed inside the atomic block, it adds no state. */
#define SENT(s) printf("step client.send session %d\n", s);
#define FAILPOINT(step)
#define LEAVES
#define WAITER_LEAVES
#define PICKED_UP
#define ANSWERED
#endif

/* The engine's promise for every check: its outcome is written once, by whichever path won the registry entry. */
inline posted(c) {
    posts[c]++;
    assert(posts[c] == 1)
}

