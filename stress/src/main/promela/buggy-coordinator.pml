/*
 * engine-buggy's BuggyCoordinator in Promela, with its two Java monitors modelled as the JVM runs them.
 *
 * A monitor has an owner, an entry queue (threads blocked in monitorenter, and notified threads waiting to get the
 * monitor back) and a wait set. wait() releases the monitor and parks the thread in the wait set; notifyAll() moves
 * the whole wait set to the entry queue; a thread leaves the entry queue only by taking a free monitor, and which
 * queued thread gets it is not specified (SPIN tries every one). Nothing here waits for a condition on the outcome:
 * a guard such as (outcome != NONE) would be the very guard loop H2 lacks.
 *
 * Step labels carry the names of lab.kb905214.engine.failpoint.Step (SpinStepLabelsTest keeps them in line), and
 * each prints its Step id in a trail replay (spin -t), so a trail reads like a failpoint schedule.
 *
 * not modelled: WAITER_EXPIRED, which only engine-fixed's bounded wait reaches; engine-buggy's wait has no bound.
 */

#include "engine-state.pml"

#define FREE 255
#define BIT(t) (1 << (t))

typedef Monitor {
    byte owner = FREE;
    byte entryQueue;   /* one bit per thread id */
    byte waitSet;      /* one bit per thread id */
}

Monitor registry;                /* BuggyCoordinator.registry (RegistryLock) */
Monitor sessionLock[SESSIONS];   /* lockOf(session) (SessionLock); sessionEnded's removal of the map entry is left
                                    out: after it no path finds a pending check of that session, so no path that
                                    would take the fresh lock posts anything */
byte outcome[SESSIONS * TX];     /* BuggyCheck.outcome: plain field, written under the session lock */

/* monitorenter: join the entry queue; leave it by taking the monitor once it is free (the atomic sequence blocks
   after its first statement while another thread owns the monitor, so the queued state is visible in trails). With
   -DEXPLORER a queued or waiting thread does not count as running (EXPLORED), as the explorer sees BLOCKED/WAITING. */
inline monitorEnter(m) {
    atomic {
        m.entryQueue = m.entryQueue | BIT(me); EXPLORED(moving--;)
        m.owner == FREE -> m.owner = me; m.entryQueue = m.entryQueue & ~BIT(me) EXPLORED(; moving++)
    }
}

/* monitorexit; owning the monitor is asserted (IllegalMonitorStateException otherwise). */
inline monitorExit(m) {
    atomic { assert(m.owner == me); m.owner = FREE }
}

/* Object.wait(): release the monitor and join the wait set in one step; then stay parked until a notifyAll has moved
   this thread to the entry queue, and re-acquire the monitor from there. */
inline monitorWait(m) {
    atomic { assert(m.owner == me); m.waitSet = m.waitSet | BIT(me); m.owner = FREE EXPLORED(; moving--) };
    atomic {
        (m.waitSet & BIT(me)) == 0 && m.owner == FREE ->
            m.owner = me; m.entryQueue = m.entryQueue & ~BIT(me) EXPLORED(; moving++)
    }
}

/* Object.notifyAll(): the whole wait set moves to the entry queue; a thread that is not yet waiting is not woken
   later: the notification is not remembered (that is H2). */
inline monitorNotifyAll(m) {
    atomic { assert(m.owner == me); m.entryQueue = m.entryQueue | m.waitSet; m.waitSet = 0 }
}

inline register(s, c) {
    monitorEnter(registry);
    pending[s] = c;
    monitorExit(registry)
}

/* Completion thread. H1: registry, then the session lock. */
inline complete(c, s) {
    s = c / TX;                /* c.session(); a label cannot open an inline */
COMPLETION_BEGIN: FAILPOINT(STEP_COMPLETION_BEGIN) printf("step completion.begin check %d\n", c);
    monitorEnter(registry);
COMPLETION_POST: FAILPOINT(STEP_COMPLETION_POST) printf("step completion.post check %d\n", c);
    if
    :: pending[s] == c ->      /* pending.remove(session, c): still registered, not torn down */
        pending[s] = NOCHECK;
        monitorEnter(sessionLock[s]);   /* H1: registry -> session, while teardown goes session -> registry */
        outcome[c] = VERDICT;
        posted(c);
        monitorNotifyAll(sessionLock[s]);
        monitorExit(sessionLock[s])
    :: pending[s] != c         /* torn down meanwhile */
    fi;
    monitorExit(registry);
COMPLETION_DONE: FAILPOINT(STEP_COMPLETION_DONE) printf("step completion.done check %d\n", c) LEAVES
}

/* Watcher thread. H1: the session lock, then the registry. */
inline teardown(s, report) {
    monitorEnter(sessionLock[s]);
TEARDOWN_CANCEL: FAILPOINT(STEP_TEARDOWN_CANCEL) printf("step teardown.cancel session %d\n", s);
    if                          /* release.run(): discard the message; for a client that left, close the socket */
    :: report == GONE -> gone[s] = true
    :: else
    fi;
    monitorEnter(registry);     /* H1: session -> registry, while completion goes registry -> session */
    check = pending[s];
    pending[s] = NOCHECK;
    monitorExit(registry);
    if
    :: check != NOCHECK ->
        outcome[check] = CANCELLED;
        atomic { posted(check); cancelled[check] = true };
        monitorNotifyAll(sessionLock[s])
    :: else
    fi;
    monitorExit(sessionLock[s]);
TEARDOWN_DONE: FAILPOINT(STEP_TEARDOWN_DONE) printf("step teardown.done session %d\n", s) LEAVES
}

/* Session thread. H2: the outcome is read outside the lock, and the wait has no guard loop. */
inline awaitVerdict(c, got) {
    got = NONE;                /* a label cannot open an inline */
WAITER_BEGIN: FAILPOINT(STEP_WAITER_BEGIN) printf("step waiter.begin check %d\n", c);
    if
    :: outcome[c] == NONE ->   /* looked at outside the lock... */
WAITER_CHECKED: FAILPOINT(STEP_WAITER_CHECKED) printf("step waiter.checked check %d\n", c);
        monitorEnter(sessionLock[s]);
        monitorWait(sessionLock[s]);    /* ...and waited for once: a verdict posted since the look woke nobody */
        monitorExit(sessionLock[s])
    :: outcome[c] != NONE
    fi;
    got = outcome[c]
}

/* sessions.remove(session): only the lock map; see sessionLock above. */
inline sessionEnded(s) {
    skip
}

#ifdef EXPLORER
/* For the Explorer (engine-threads.pml): no thread is about to take a free monitor; the endings it tells apart. */
#define SETTLED (!(registry.owner == FREE && registry.entryQueue != 0) && \
                 !(sessionLock[0].owner == FREE && sessionLock[0].entryQueue != 0))
#define LOCK_CYCLE (registry.owner != FREE && sessionLock[0].owner != FREE && \
                    (registry.entryQueue & BIT(sessionLock[0].owner)) != 0 && \
                    (sessionLock[0].entryQueue & BIT(registry.owner)) != 0)
#define WAITER_PARKED (sessionLock[0].waitSet != 0)
#endif

/* No dead state is reset here (see FORGET_CHECK in fixed-coordinator.pml): this model's invalid end states are counted
   and each trail is replayed on the engine, and merging states that differ only in dead variables would change them. */
#define FORGET_CHECK(c)
#define FORGET_COMPLETION
#define FORGET_REPORT

#include "engine-threads.pml"
