package lab.kb905214.stress.schedule;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import lab.kb905214.engine.failpoint.Failpoints;
import lab.kb905214.engine.failpoint.Schedule;
import lab.kb905214.engine.failpoint.Step;
import lab.kb905214.engine.hang.HangDetector;
import lab.kb905214.engine.hang.LockCycle;
import lab.kb905214.engine.thread.ThreadRole;
import lab.kb905214.stress.client.SmtpReply;
import lab.kb905214.stress.client.SmtpWire;
import lab.kb905214.stress.race.RaceOperation;
import lab.kb905214.stress.rig.EngineRig;
import lab.kb905214.stress.rig.EngineUnderTest;
import lab.kb905214.stress.rig.LabZone;

/**
 * Drives a real engine over real sockets through one deterministic schedule: an SMTP client ends DATA, the
 * failpoints hold the completion, teardown and session threads at the race windows, and the schedule releases them
 * in the order it names. Nothing sleeps: every wait is for a step to be reached or a thread to be stuck, bounded.
 */
public final class ScheduleDriver {
    /** How long a step may take to be reached before the run counts as not exercised. */
    static final Duration STEP_LIMIT = Duration.ofSeconds(5);
    /** How long a probe waits for its reply once a deadlock has been found (it confirms the server stopped). */
    static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);
    /** How long a reply is waited for when nothing says the server is hung: long, so slowness never reads as a hang. */
    static final Duration PATIENT_TIMEOUT = Duration.ofSeconds(10);
    /** How long a hung engine is given to stop before it is abandoned. */
    static final Duration ABANDON_LIMIT = Duration.ofMillis(300);
    /** How long a thread may stay inside the coordinator, every step released, before it counts as stuck. */
    static final Duration STALL_LIMIT = Duration.ofMillis(500);
    /** How long the deadlock detector is given once the schedule has released everything. */
    static final Duration DETECTION_LIMIT = Duration.ofSeconds(2);

    private static final String FROM = "alice@" + LabZone.PASS;
    /** The error path's sender: the rig fails its check as a defect would. */
    private static final String FROM_DEFECT = "alice@" + LabZone.DEFECT;

    private static final String TO = "bob@lab.example";

    /** How a reply that did not come within its wait is written. */
    private static final String NO_REPLY = "no reply within ";

    /** How far a schedule got. */
    private enum Reach {
        /** A step the schedule needed was never reached: the run proves nothing. */
        NOT_EXERCISED,
        /** Every released thread went on to its next step. */
        COMPLETED,
        /** A released thread could go no further (blocked or waiting for good). */
        STUCK
    }

    private ScheduleDriver() {}

    /** Runs {@code scenario} in {@code order} on a fresh engine of {@code kind}, then abandons or stops the engine. */
    public static ScheduleRun run(EngineUnderTest kind, Scenario scenario, Order order)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        HangDetector detector = HangDetector.forThreadsStartedFromNow();
        EngineRig rig = EngineRig.start(kind, EngineRig.Options.harness().withInjectedDefects());
        Schedule schedule = Schedule.pausingEveryStep(Duration.ofSeconds(30));
        rig.server().coordinator().failpoints().arm(schedule);
        SmtpWire victim = null;
        SmtpWire neighbour = null; // TWO_SESSIONS: the second client, whose session waits beside the victim's
        Reach reach;
        try {
            victim = SmtpWire.connect(rig.smtpAddress(), STEP_LIMIT);
            victim.openTransaction("client.example", scenario == Scenario.ERROR ? FROM_DEFECT : FROM, TO);
            ClientEvents client = new ClientEvents(scenario, schedule, victim, rig);
            switch (scenario) {
                case STALE -> victim.sendMessageAndDot(message("reset"), "RSET\r\n"); // one write: RSET mid-check
                case ERROR -> victim.sendMessageAndDot(message("failed check"));
                case TWO_SESSIONS -> {
                    neighbour = SmtpWire.connect(rig.smtpAddress(), STEP_LIMIT);
                    neighbour.openTransaction("neighbour.example", FROM, TO);
                    victim.sendMessageAndDot(message("raced"));
                    neighbour.sendMessageAndDot(message("beside it"));
                }
                default -> victim.sendMessageAndDot(message("raced"));
            }
            reach = release(schedule, scenario.steps(order), scenario.sessions(), client);
        } finally {
            schedule.releaseAll();
            rig.server().coordinator().failpoints().disarm();
        }
        long released = System.nanoTime();
        Optional<LockCycle> cycle = awaitCycle(detector, reach == Reach.STUCK);
        List<String> stuck = stuckWaiters(detector, rig.coordinatorClasses());
        long detectMillis = (System.nanoTime() - released) / 1_000_000;
        stuck.removeIf(name -> cycle.map(
                        c -> c.links().stream().anyMatch(l -> l.thread().equals(name)))
                .orElse(false));
        String victimReply = scenario == Scenario.H1
                ? "client closed after the final dot"
                // A session already seen stuck gets a short wait; any other one a long, patient wait.
                : reply(victim, stuck.isEmpty() ? PATIENT_TIMEOUT : STALL_LIMIT);
        // With the completion thread in a deadlock no verdict can come: a short probe confirms it. Otherwise the
        // probe waits patiently, so a slow machine never passes for a hung server.
        String probeReply = probe(rig, cycle.isPresent() ? PROBE_TIMEOUT : PATIENT_TIMEOUT);
        long stored = rig.server().maildir().storedCount();
        Failpoints failpoints = rig.server().coordinator().failpoints();
        long teardownsFailed = rig.server().counters().snapshot().teardownsFailed();
        long lostVerdicts = rig.server().coordinator().lostVerdicts();
        closeQuietly(victim);
        closeQuietly(neighbour);
        rig.closeAbandoningIfHung(ABANDON_LIMIT);
        return new ScheduleRun(
                scenario,
                order,
                reach != Reach.NOT_EXERCISED,
                cycle,
                stuck,
                victimReply,
                probeReply.startsWith("250"),
                probeReply,
                stored,
                schedule.arrivals(),
                (System.nanoTime() - started) / 1_000_000,
                detectMillis,
                failpoints.wereArmed(),
                failpoints.stepsReached().stream().map(Step::id).toList(),
                teardownsFailed,
                lostVerdicts);
    }

    /**
     * Releases {@code steps} one at a time, in order: each is waited for (by every session, for a session's step)
     * and then let through. Before another thread's step is released, the thread just released is let settle where
     * the order needs it: at its next step, or (a session that has looked and found no verdict) parked in its wait,
     * or (the completion thread) through its last step for every session's check. A thread that cannot reach its
     * next step (BLOCKED, or WAITING outside a failpoint) is stuck: its remaining steps are skipped and the others go
     * on. The client's protocol events come from {@code client}, at the steps where they happen.
     */
    private static Reach release(Schedule schedule, List<Step> steps, int sessions, ClientEvents client)
            throws IOException, InterruptedException {
        Map<ThreadRole, Step> passed = new EnumMap<>(ThreadRole.class); // each thread's last step released
        Set<ThreadRole> stuck = EnumSet.noneOf(ThreadRole.class);
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            ThreadRole thread = RaceOperation.threadAt(step);
            if (stuck.contains(thread)) {
                continue;
            }
            Optional<Reach> ended = client.before(step);
            if (ended.isPresent()) {
                return ended.get();
            }
            Arrival arrival = arrive(schedule, step, thread, passed.get(thread), sessions);
            if (arrival == Arrival.STUCK) {
                stuck.add(thread);
                continue;
            }
            if (arrival == Arrival.NOT_REACHED) {
                return Reach.NOT_EXERCISED;
            }
            schedule.release(step);
            passed.put(thread, step);
            List<Step> rest = steps.subList(i + 1, steps.size());
            boolean otherMovesNext = !rest.isEmpty() && RaceOperation.threadAt(rest.get(0)) != thread;
            // At the end of the order a session is left alone: whether it wakes is what the stall check judges.
            boolean orderEnds = rest.isEmpty() && thread != ThreadRole.SESSION;
            if (otherMovesNext || orderEnds) {
                // This thread must get where the order needs it before anything overtakes it.
                Arrival settled = settle(schedule, step, thread, rest, sessions);
                if (settled == Arrival.STUCK) {
                    stuck.add(thread);
                } else if (settled == Arrival.NOT_REACHED) {
                    return Reach.NOT_EXERCISED;
                }
            }
            ended = client.after(step);
            if (ended.isPresent()) {
                return ended.get();
            }
        }
        // Whether a session then wakes is what the stall check looks at, after the schedule.
        return stuck.isEmpty() ? Reach.COMPLETED : Reach.STUCK;
    }

    /** How a thread's way to a step ended. */
    private enum Arrival {
        /** It is there (every session, for a session's step). */
        REACHED,
        /** It could go no further: BLOCKED on a monitor, or WAITING outside a failpoint. */
        STUCK,
        /** It did not come within the limit, for no reason the run can prove: the run proves nothing. */
        NOT_REACHED
    }

    // Waits for thread to reach step: from the step it passed last, a stuck thread is told apart from a slow one.
    private static Arrival arrive(Schedule schedule, Step step, ThreadRole thread, Step from, int sessions)
            throws InterruptedException {
        if (thread == ThreadRole.SESSION) {
            return schedule.awaitArrivals(step, sessions, STEP_LIMIT) ? Arrival.REACHED : Arrival.NOT_REACHED;
        }
        if (from == null) {
            return schedule.awaitArrival(step, STEP_LIMIT) ? Arrival.REACHED : Arrival.NOT_REACHED;
        }
        try {
            return schedule.awaitArrivalOrStuck(step, from, STEP_LIMIT) ? Arrival.REACHED : Arrival.STUCK;
        } catch (IllegalStateException e) {
            return Arrival.STUCK; // the thread went on elsewhere without reaching step: its path ended abnormally
        }
    }

    // Lets thread, just released at step, get where the order next needs it before another thread moves.
    private static Arrival settle(Schedule schedule, Step step, ThreadRole thread, List<Step> rest, int sessions)
            throws InterruptedException {
        Optional<Step> next =
                rest.stream().filter(s -> RaceOperation.threadAt(s) == thread).findFirst();
        if (next.isPresent()) {
            return arrive(schedule, next.get(), thread, step, sessions);
        }
        return switch (thread) {
            // The session looked and found no verdict: it must be inside its wait before anything is posted or
            // cancelled, or a notify could come before the wait and the run would show another order.
            case SESSION -> schedule.awaitAllParked(step, STEP_LIMIT) ? Arrival.REACHED : Arrival.NOT_REACHED;
            // One completion thread completes every session's check: all of them, before a session looks.
            case COMPLETION ->
                schedule.awaitArrivals(step, sessions, STEP_LIMIT) ? Arrival.REACHED : Arrival.NOT_REACHED;
            default -> Arrival.REACHED;
        };
    }

    /**
     * What the clients do at the race windows: the protocol events that start a teardown and that show what the
     * session answered. Only STALE and H1 have any; the other scenarios have no teardown.
     */
    private static final class ClientEvents {
        private final Scenario scenario;
        private final Schedule schedule;
        private final SmtpWire victim;
        private final EngineRig rig;

        ClientEvents(Scenario scenario, Schedule schedule, SmtpWire victim, EngineRig rig) {
            this.scenario = scenario;
            this.schedule = schedule;
            this.victim = victim;
            this.rig = rig;
        }

        // Before step is waited for: empty to go on, or how the run ends.
        Optional<Reach> before(Step step) throws IOException, InterruptedException {
            if (step != Step.TEARDOWN_CANCEL) {
                return Optional.empty();
            }
            if (scenario == Scenario.H1) {
                victim.close(); // the protocol event: the client leaves while its check is in flight
            }
            // STALE: the RSET was pipelined behind the message. The reset check's evaluation must be over (its
            // completion held at its start) before the next transaction, whose first DNS query shows it is registered.
            if (scenario == Scenario.STALE && !schedule.awaitArrival(Step.COMPLETION_BEGIN, STEP_LIMIT)) {
                return Optional.of(Reach.NOT_EXERCISED);
            }
            return Optional.empty();
        }

        // After step was released (and its thread settled): empty to go on, or how the run ends.
        Optional<Reach> after(Step step) throws IOException, InterruptedException {
            if (scenario != Scenario.STALE) {
                return Optional.empty();
            }
            boolean reset = schedule.isReleased(Step.TEARDOWN_CANCEL);
            if (step == Step.COMPLETION_DONE && !reset) {
                // The verdict came first: the session stores the message and answers 250 before the RSET is acted on.
                reply(victim, PATIENT_TIMEOUT);
            }
            if (step != Step.TEARDOWN_DONE) {
                return Optional.empty();
            }
            // The reset message's 451. Its RSET's reply comes after it on the wire, so when a patient wait did not
            // see the 451, waiting again for the RSET's could only see it late: the session is stuck either way.
            if (!schedule.isReleased(Step.COMPLETION_BEGIN)
                    && reply(victim, PATIENT_TIMEOUT).startsWith(NO_REPLY)) {
                return Optional.of(Reach.STUCK);
            }
            // RSET's reply; a session that never answers is stuck, which the stall check afterwards sees.
            if (!reply(victim, PATIENT_TIMEOUT).startsWith("250")) {
                return Optional.of(Reach.STUCK);
            }
            long queriesBefore = rig.dns().queriesAnswered();
            victim.openTransaction("client.example", FROM, TO);
            victim.sendMessageAndDot(message("next"));
            // The next check is registered before its evaluation asks DNS anything: once a query is answered, it is.
            long deadline = System.nanoTime() + STEP_LIMIT.toNanos();
            while (rig.dns().queriesAnswered() == queriesBefore) {
                if (System.nanoTime() > deadline) {
                    return Optional.of(Reach.NOT_EXERCISED);
                }
                LockSupport.parkNanos(1_000_000); // observation only
            }
            return Optional.empty();
        }
    }

    // When the completion thread ended up stuck, the cycle (if it is one) has just closed: the JVM may take a moment
    // to report it. Otherwise a single look is enough.
    private static Optional<LockCycle> awaitCycle(HangDetector detector, boolean completionStuck) {
        long deadline = System.nanoTime() + (completionStuck ? DETECTION_LIMIT.toNanos() : 0);
        do {
            Optional<LockCycle> cycle = detector.findDeadlock();
            if (cycle.isPresent()) {
                return cycle;
            }
            // Observation only, and for at most DETECTION_LIMIT: park rather than spin, so the wait costs no core.
            LockSupport.parkNanos(1_000_000);
        } while (System.nanoTime() < deadline);
        return Optional.empty();
    }

    /**
     * Threads that stay inside the coordinator for {@link #STALL_LIMIT}: a waiter that is merely slow to wake
     * leaves it long before; one whose wakeup was lost, or that waits behind a deadlock, never does.
     */
    private static List<String> stuckWaiters(HangDetector detector, List<String> coordinatorClasses)
            throws InterruptedException {
        return new ArrayList<>(detector.threadsStalledIn(coordinatorClasses, STALL_LIMIT));
    }

    /** A fresh transaction end to end: the reply to its final dot, or what happened instead. */
    private static String probe(EngineRig rig, Duration timeout) {
        try (SmtpWire probe = SmtpWire.connect(rig.smtpAddress(), timeout)) {
            probe.openTransaction("probe.example", FROM, TO);
            probe.sendMessageAndDot(message("probe"));
            return reply(probe, timeout);
        } catch (IOException e) {
            return "no answer: " + e.getMessage();
        }
    }

    private static String reply(SmtpWire wire, Duration timeout) {
        try {
            wire.readTimeout(timeout);
            SmtpReply reply = wire.readReply();
            return reply.toString();
        } catch (SocketTimeoutException e) {
            return NO_REPLY + timeout.toMillis() + " ms";
        } catch (IOException e) {
            return "connection ended: " + e.getMessage();
        }
    }

    private static String message(String subject) {
        return "From: Alice <" + FROM + ">\r\nTo: <" + TO + ">\r\nSubject: " + subject + "\r\n\r\nHello.\r\n";
    }

    private static void closeQuietly(SmtpWire wire) {
        if (wire != null) {
            try {
                wire.close();
            } catch (IOException e) {
                // already closed by the schedule
            }
        }
    }
}
