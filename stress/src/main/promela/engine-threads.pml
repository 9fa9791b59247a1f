/*
 * The engine's threads around the CheckCoordinator seam (see engine-state.pml), calling the coordinator's inlines
 * that the including model defined.
 */

/*
 * Granularity. Each atomic block below joins steps that no other thread can tell apart from one step: between them
 * the session replies and reads the client's next command, which no other thread observes, and what the others can
 * do meanwhile (a completion of an older check finds another check registered, or none, either way; a teardown that
 * lands there removes nothing, as a teardown just before the block does) has the same effect before or after the
 * block. The coordinator's own steps keep their granularity: a block is broken wherever it waits for a monitor.
 */
proctype Session(byte s) {
    byte me = SESSION_THREAD(s);
    byte t = 0;
    byte c;
    byte got;
    do
    :: atomic {
        t < TX && !gone[s] ->
            SENT(s)
            c = s * TX + t;
            register(s, c);
            inFlight[s] = true;    /* connection.checkStarted: the watcher may report from here */
            flightSeq[s]++;
            evaluating[c] = true;  /* startEvaluation, then awaitVerdict */
            waiters++
        }
        awaitVerdict(c, got) WAITER_LEAVES;
        atomic {
            /* The session acts on what the wait returned: it must be an outcome, and a cancelled check's message was
               discarded by the teardown, so it must never be answered 250 (delivered) */
            assert(got != NONE);
            assert(!(cancelled[c] && got == VERDICT));
            waiters--;
            inFlight[s] = false;   /* connection.checkEnded */
            t++
            FORGET_CHECK(c)
        } ANSWERED
    :: atomic { t >= TX || gone[s] -> sessionEnded(s); ended[s] = true; break }
    od
}

/* Any started evaluation may finish next: up to 6 checks (3 sessions x 2 transactions). */
#define FINISHED(i) :: atomic { evaluating[i] -> evaluating[i] = false; c = i PICKED_UP }

proctype Completion() {
    byte me = COMPLETION_THREAD;
    byte c;
    byte s;
end_idle: /* waiting for work on its executor's queue is where this thread may rest */
    do
    :: if
       FINISHED(0)
#if CHECKS > 1
       FINISHED(1)
#endif
#if CHECKS > 2
       FINISHED(2)
#endif
#if CHECKS > 3
       FINISHED(3)
#endif
#if CHECKS > 4
       FINISHED(4)
#endif
#if CHECKS > 5
       FINISHED(5)
#endif
       fi;
       complete(c, s)
       FORGET_COMPLETION
    od
}

proctype Watcher(byte s) {
    byte me = WATCHER_THREAD(s);
    byte seen = 0;
    byte report;
    byte check;
end_watching: /* reading the socket of an idle or finished session */
    do
    :: ended[s] -> break
    :: atomic {
        inFlight[s] && flightSeq[s] != seen ->
            seen = flightSeq[s];
            if
#ifndef EXPLORER
            /* The printf names the client's move for a trail's replay on the engine (TrailReplay), which makes it
               here, where the watcher looks; inside the atomic block it adds no state. */
            :: report = 0       /* the client waits for its reply */
            :: report = RESET; printf("step client.reset session %d\n", s)   /* RSET or QUIT pipelined behind the dot */
            :: !gone[s] -> report = GONE; printf("step client.leave session %d\n", s)
#elif defined(CLIENT_MOVES)
            :: parkedAt[me] = CLIENT_PARKED; moving--   /* the Explorer makes the client's move, or never does */
#elif defined(STALE)
            :: seen == 1 -> report = RESET; clientMove = RESET; order[released] = MOVE_CLIENT_RESET; released++
            :: seen != 1 -> report = 0   /* the next transaction's client waits for its reply */
#else
            :: !gone[s] -> report = GONE; clientMove = GONE   /* the explorer's client: it leaves first */
#endif
            fi
        }
#ifdef CLIENT_MOVES
end_client_stays:
        atomic { go[me] -> go[me] = false; report = clientMove };
#endif
        /* The report runs after the watcher saw the check in flight, with no lock held: the session may have
           moved on meanwhile (even answered), which is the race the real watcher has too. The printf is the
           teardown's entry (Step TEARDOWN_BEGIN, no failpoint for the explorer: Step.isRaceWindow), printed here
           because a label, inside the inline or here, would keep SPIN from merging it into the guard and add a
           state to every teardown (the buggy 1x1 safety run: 2,646 states instead of 2,510). */
        if
        :: report != 0 -> printf("step teardown.begin session %d\n", s); teardown(s, report)
        :: else
        fi
        FORGET_REPORT
    od
}

#ifdef EXPLORER
/* Releases any parked thread once nothing runs (SETTLED: no thread is about to take a free monitor). Once nothing
   runs and nobody is parked, no thread can move inside the coordinator any more: a leaf. It prints the order released
   and how the run ended: 0 every thread left the coordinator, 1 a lock cycle, 2 the waiter parked with nobody to wake
   it, 3 something else. */
#define STEP_PARKED(t) (parkedAt[t] != 0 && parkedAt[t] != CLIENT_PARKED && parkedAt[t] != NEXT_PARKED)
/* Nothing runs: no thread inside the coordinator, none about to take a free monitor, and no started check waiting
   for an idle completion thread (the evaluation's end is no step: the explorer waits for it). */
#define QUIET (moving == 0 && SETTLED && !(completionIdle && (evaluating[0] || evaluating[CHECKS - 1])))
#define RELEASE(t) :: atomic { QUIET && STEP_PARKED(t) -> \
        order[released] = parkedAt[t]; released++; parkedAt[t] = 0; moving++; go[t] = true }
/* The client's move, while its check is in flight (the session is still inside the coordinator). */
#define WATCHER WATCHER_THREAD(0)
#define SESSION SESSION_THREAD(0)
#define NEXT_ENABLED (parkedAt[SESSION] == NEXT_PARKED && watcherLeft)
#define MOVE(code, kind) :: atomic { QUIET && parkedAt[WATCHER] == CLIENT_PARKED && !waiterLeft -> \
        order[released] = code; released++; parkedAt[WATCHER] = 0; moving++; clientMove = kind; go[WATCHER] = true }
proctype Explorer() {
    byte ending;
    do
    RELEASE(0)
    RELEASE(1)
    RELEASE(2)
#ifdef CLIENT_MOVES
    MOVE(MOVE_CLIENT_LEAVE, GONE)
    MOVE(MOVE_CLIENT_RESET, RESET)
#endif
#ifdef STALE
    /* The client's next transaction: the session back inside, running to its next failpoint. */
    :: atomic { QUIET && NEXT_ENABLED -> order[released] = MOVE_CLIENT_NEXT; released++; parkedAt[SESSION] = 0;
        moving++; left--; go[SESSION] = true }
#endif
    /* No step is parked and no next transaction can be sent: a leaf (with -DCLIENT_MOVES also where the client could
       still move: it stays). */
    :: atomic {
        QUIET && !STEP_PARKED(0) && !STEP_PARKED(1) && !STEP_PARKED(2) && !NEXT_ENABLED ->
            if
            :: left == THREADS - (clientMove == 0 -> 1 : 0) -> ending = 0   /* a client that stayed: no teardown */
            :: else -> if
                       :: LOCK_CYCLE -> ending = 1
                       :: else -> ending = (WAITER_PARKED -> 2 : 3)
                       fi
            fi;
            printf("terminal released %d order %d %d %d %d %d %d %d %d %d %d %d %d %d %d ending %d\n", released,
                order[0], order[1], order[2], order[3], order[4], order[5], order[6], order[7], order[8], order[9],
                order[10], order[11], order[12], order[13], ending);
            break
        }
    od
}
#endif

init {
    byte s;
    atomic {
        EXPLORED(run Explorer();)
        run Completion();
        for (s : 0 .. SESSIONS - 1) {
            run Session(s);
            if
            :: ABORTS -> run Watcher(s)
            :: else
            fi
        }
    }
}

/* For the liveness run: every wait ends (with finitely many transactions: infinitely often nobody waits). */
#ifdef LIVENESS
ltl everyWaitEnds { [] <> (waiters == 0) }
#endif
