/*
 * engine-fixed's FixedCoordinator in Promela. It holds no monitor: the registry is a ConcurrentHashMap, whose put,
 * remove(key) and remove(key, value) are each one atomic step, and a check's outcome is a CompletableFuture.
 *
 * The future is modelled as the JDK runs it: complete(v) is a compare-and-set of the result (the first writer wins),
 * followed by postComplete, which pops the waiters' Signallers off the future's stack and unparks their threads;
 * get() is waitingGet's loop: read the result; if there is none, push a Signaller, read the result again, and only
 * then park until unparked. That re-read after the push is what makes a verdict posted before the wait impossible to
 * lose (H2's fix), and it is a loop in the JDK, not a guard this model adds.
 *
 * Step labels carry the names of lab.kb905214.engine.failpoint.Step (SpinStepLabelsTest keeps them in line), and
 * each prints its Step id in a trail replay (spin -t).
 *
 * not modelled: WAITER_EXPIRED, the bounded wait's expiry. The model waits without a bound, as every harness runs
 * engine-fixed, so that a lost wakeup shows as a wait that never ends instead of hiding behind the bound.
 */

#include "engine-state.pml"

byte result[SESSIONS * TX];      /* FixedCheck.outcome's result: NONE until completed */
bool stacked[SESSIONS * TX];     /* the waiter's Signaller is on the future's stack */
bool unparked[SESSIONS * TX];    /* postComplete popped it and unparked the waiter */
#ifdef EXPLORER
bool parked[SESSIONS * TX];      /* the waiter is parked in get() (for the Explorer: not running) */
#endif

/* CompletableFuture.complete(v): CAS the result (the first writer wins), then postComplete, which pops the stacked
   Signaller and unparks its thread (it runs whether or not the CAS won). The JDK does these as two steps; between
   them the waiter can only find the result there and return it, as it does after both, so one step loses nothing. */
inline completeFuture(c, v) {
    atomic {
        if
        :: result[c] == NONE -> result[c] = v
        :: result[c] != NONE
        fi;
        if
        :: stacked[c] -> stacked[c] = false; unparked[c] = true
            EXPLORED(; if :: parked[c] -> parked[c] = false; moving++ :: else fi)
        :: else                /* !stacked[c]; left an else: this model has no trails to replay (SerialOrder) */
        fi
    }
}

inline register(s, c) {
    pending[s] = c             /* pending.put(session, check) */
}

/* Completion thread: no lock held anywhere, so nothing to invert (H1's fix). */
inline complete(c, s) {
    s = c / TX;                /* c.session(); a label cannot open an inline */
COMPLETION_BEGIN: FAILPOINT(STEP_COMPLETION_BEGIN) printf("step completion.begin check %d\n", c);
COMPLETION_POST: FAILPOINT(STEP_COMPLETION_POST) printf("step completion.post check %d\n", c);
    if
    :: atomic { pending[s] == c -> pending[s] = NOCHECK; posted(c) }   /* pending.remove(session, c) won */
        completeFuture(c, VERDICT)
    :: pending[s] != c         /* torn down meanwhile, or a later check of the session is registered */
    fi;
COMPLETION_DONE: FAILPOINT(STEP_COMPLETION_DONE) printf("step completion.done check %d\n", c) LEAVES
}

/* Watcher thread: the entry is removed by whichever of completion and teardown gets there first. */
inline teardown(s, report) {
    /* release.run() and pending.remove(session) as one step: the session reads gone only once its wait is over, and
       then this teardown can find nothing to remove, whichever of the two it runs first */
    atomic {
        check = NOCHECK;
TEARDOWN_CANCEL: FAILPOINT(STEP_TEARDOWN_CANCEL) printf("step teardown.cancel session %d\n", s);
        if                     /* release.run(): discard the message; for a client that left, close the socket */
        :: report == GONE -> gone[s] = true
        :: else
        fi;
        check = pending[s];    /* pending.remove(session): a second teardown finds nothing (idempotent) */
        pending[s] = NOCHECK;
        if
        :: check != NOCHECK -> posted(check); cancelled[check] = true
        :: else
        fi
    };
    if
    :: check != NOCHECK -> completeFuture(check, CANCELLED)
    :: else
    fi;
TEARDOWN_DONE: FAILPOINT(STEP_TEARDOWN_DONE) printf("step teardown.done session %d\n", s) LEAVES
}

/* Session thread: outcome.get() without a bound (as every harness runs engine-fixed). */
inline awaitVerdict(c, got) {
    got = NONE;                /* a label cannot open an inline */
WAITER_BEGIN: FAILPOINT(STEP_WAITER_BEGIN) printf("step waiter.begin check %d\n", c);
#ifdef EXPLORER
    /* The engine's failpoint sits between isDone() and get(): the Explorer releases the waiter there, and get()
       then reads the result, pushes its Signaller, reads again, and only then parks (not running, for the Explorer,
       until postComplete unparks it). */
    if
    :: result[c] == NONE ->
WAITER_CHECKED: FAILPOINT(STEP_WAITER_CHECKED) printf("step waiter.checked check %d\n", c)
    :: result[c] != NONE
    fi;
    do
    :: atomic { result[c] != NONE -> got = result[c]; break }
    :: atomic { result[c] == NONE && !stacked[c] -> stacked[c] = true }
    :: atomic { result[c] == NONE && stacked[c] && !unparked[c] -> parked[c] = true; moving-- }; unparked[c]
    od
#else
    do                         /* get(), then CompletableFuture.waitingGet: a loop that reads the result each turn */
    :: atomic { result[c] != NONE -> got = result[c]; break }
    :: atomic {
        result[c] == NONE && !stacked[c] ->
WAITER_CHECKED: printf("step waiter.checked check %d\n", c);   /* !outcome.isDone() */
            stacked[c] = true  /* push the Signaller; the next turn reads the result again before parking */
        }
    :: atomic { result[c] == NONE && stacked[c] -> unparked[c] }   /* park until postComplete unparks it */
    od
#endif
}

/*
 * Dead state, reset where it dies, so that states differing only in it are one state (SPIN resets no global itself).
 * Without it every finished check's future stayed in the state vector and multiplied the states (2x2 safety: 30,273,222
 * before, 2,443,185 with it). Each reset is sound because nothing reads the value again before writing it:
 * - FORGET_CHECK: the session has taken check c's outcome and moved on. Only the winner of the registry entry writes
 *   a future, and it has (that is what woke the session), so c's future is never read or written again; the session's
 *   own `got` is written before it is read. posts[c] is kept, so a post after this would still fail its assertion.
 * - FORGET_COMPLETION: the completion thread is back at its queue; it sets c and s before it reads them.
 * - FORGET_REPORT: the watcher is back at the socket; it sets report and check before it reads them.
 * Not under -DEXPLORER, whose terminal states must stay the explorer's leaves one for one.
 */
#ifdef EXPLORER
#define FORGET_CHECK(c)
#define FORGET_COMPLETION
#define FORGET_REPORT
#else
#define FORGET_CHECK(c) ; got = NONE; result[c] = NONE; stacked[c] = false; unparked[c] = false; cancelled[c] = false
#define FORGET_COMPLETION ; c = 0; s = 0
#define FORGET_REPORT ; report = 0; check = 0
#endif

/* sessionEnded: pending.remove(session). */
inline sessionEnded(s) {
    pending[s] = NOCHECK
}

#ifdef EXPLORER
/* For the Explorer (engine-threads.pml): no monitors here, so nothing is about to take one; the endings. */
#define SETTLED true
#define LOCK_CYCLE false
#define WAITER_PARKED (parked[0] || parked[CHECKS - 1])
#endif

#include "engine-threads.pml"
