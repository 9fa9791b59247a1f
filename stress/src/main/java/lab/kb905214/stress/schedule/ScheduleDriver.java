package lab.kb905214.stress.schedule;

import static lab.kb905214.stress.race.RaceOperation.AWAIT;
import static lab.kb905214.stress.race.RaceOperation.COMPLETE;
import static lab.kb905214.stress.race.RaceOperation.COMPLETE_EARLIER;
import static lab.kb905214.stress.race.RaceOperation.TEARDOWN;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import lab.kb905214.engine.failpoint.Failpoints;
import lab.kb905214.engine.failpoint.Schedule;
import lab.kb905214.engine.failpoint.Step;
import lab.kb905214.engine.hang.HangDetector;
import lab.kb905214.engine.hang.LockCycle;
import lab.kb905214.stress.client.SmtpReply;
import lab.kb905214.stress.client.SmtpWire;
import lab.kb905214.stress.race.Race;
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
            reach = switch (scenario) {
                case H1 -> {
                    victim.sendMessageAndDot(message("raced"));
                    yield h1(schedule, order, victim);
                }
                case H2 -> {
                    victim.sendMessageAndDot(message("raced"));
                    yield h2(schedule, order, scenario.race());
                }
                case STALE -> stale(schedule, order, victim, rig);
                case ERROR -> {
                    victim.sendMessageAndDot(message("failed check"));
                    yield h2(schedule, order, scenario.race()); // H2's windows; what is posted is the error
                }
                case TWO_SESSIONS -> {
                    neighbour = SmtpWire.connect(rig.smtpAddress(), STEP_LIMIT);
                    neighbour.openTransaction("neighbour.example", FROM, TO);
                    victim.sendMessageAndDot(message("raced"));
                    neighbour.sendMessageAndDot(message("beside it"));
                    yield twoSessions(schedule, order);
                }
            };
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
     * H1. Racy: completion is held inside its window (about to post the verdict), the client closes, teardown is
     * let into its window and on, then completion goes on. Benign: the client closes and teardown runs to its end
     * before completion has taken anything.
     */
    private static Reach h1(Schedule schedule, Order order, SmtpWire victim) throws IOException, InterruptedException {
        // The session must be inside its wait before anything is posted or cancelled: otherwise a notify could come
        // before the wait, and this schedule would show H2 instead of the order it names.
        if (!passCall(schedule, AWAIT) || !schedule.awaitParked(AWAIT.lastStep(), STEP_LIMIT)) {
            return Reach.NOT_EXERCISED;
        }
        if (order == Order.BENIGN) {
            if (!schedule.awaitArrival(COMPLETE.firstStep(), STEP_LIMIT)) {
                return Reach.NOT_EXERCISED;
            }
            victim.close(); // the protocol event: the client leaves while its check is in flight
            boolean teardownRan = passCall(schedule, TEARDOWN);
            boolean completionRan = passCall(schedule, COMPLETE);
            return teardownRan && completionRan ? Reach.COMPLETED : Reach.NOT_EXERCISED;
        }
        if (!pass(schedule, Step.COMPLETION_BEGIN) || !schedule.awaitArrival(Step.COMPLETION_POST, STEP_LIMIT)) {
            return Reach.NOT_EXERCISED;
        }
        victim.close(); // the protocol event, while completion is inside its window
        if (!pass(schedule, Step.TEARDOWN_CANCEL)) {
            return Reach.NOT_EXERCISED;
        }
        boolean teardownDone = passUnlessStuck(schedule, Step.TEARDOWN_DONE, Step.TEARDOWN_CANCEL);
        schedule.release(Step.COMPLETION_POST);
        boolean completionDone = passUnlessStuck(schedule, Step.COMPLETION_DONE, Step.COMPLETION_POST);
        return teardownDone && completionDone ? Reach.COMPLETED : Reach.STUCK;
    }

    /**
     * H2. Racy: the session has looked for its verdict and found none; completion then posts it in full; only then
     * does the session go on to wait. Benign: completion posts in full before the session looks.
     */
    private static Reach h2(Schedule schedule, Order order, Race race) throws InterruptedException {
        RaceOperation decision = race.threads().get(1).get(0); // the completion's call: the verdict, or the error
        if (order == Order.RACY && !pass(schedule, Step.WAITER_BEGIN)) {
            return Reach.NOT_EXERCISED;
        }
        Step waiterHeldAt = order == Order.RACY ? Step.WAITER_CHECKED : Step.WAITER_BEGIN;
        if (!schedule.awaitArrival(waiterHeldAt, STEP_LIMIT)) {
            return Reach.NOT_EXERCISED;
        }
        if (!passCall(schedule, decision)) {
            return Reach.NOT_EXERCISED;
        }
        schedule.release(waiterHeldAt);
        return Reach.COMPLETED; // whether the session then wakes is what the stall check looks at
    }

    /**
     * STALE. The client pipelines RSET behind its message. Racy: the check's completion is held at its start while
     * the watcher tears the transaction down; the client reads the 451 and RSET's 250, sends its next message, and
     * only once that message's check is being evaluated does the old completion go on (the completion thread is
     * one thread, so the new check's completion runs after it). Benign: the old completion runs to its end first.
     * The reply to the next message is what {@link #run} reads afterwards.
     */
    private static Reach stale(Schedule schedule, Order order, SmtpWire victim, EngineRig rig)
            throws IOException, InterruptedException {
        victim.sendMessageAndDot(message("reset"), "RSET\r\n"); // one write: the RSET arrives while the check runs
        if (!passCall(schedule, AWAIT) || !schedule.awaitArrival(COMPLETE_EARLIER.firstStep(), STEP_LIMIT)) {
            return Reach.NOT_EXERCISED;
        }
        if (order == Order.BENIGN) {
            if (!passCall(schedule, COMPLETE_EARLIER)) {
                return Reach.NOT_EXERCISED;
            }
            // The verdict came first: the session stores the message and answers 250 before the RSET is acted on.
            reply(victim, PATIENT_TIMEOUT);
        }
        if (!pass(schedule, Step.TEARDOWN_CANCEL)
                || !passUnlessStuck(schedule, Step.TEARDOWN_DONE, Step.TEARDOWN_CANCEL)) {
            return Reach.STUCK;
        }
        if (order == Order.RACY) {
            reply(victim, PATIENT_TIMEOUT); // the reset message's 451
        }
        // RSET's reply; a session that never answers is stuck, which the stall check afterwards sees.
        if (!reply(victim, PATIENT_TIMEOUT).startsWith("250")) {
            return Reach.STUCK;
        }
        long queriesBefore = rig.dns().queriesAnswered();
        victim.openTransaction("client.example", FROM, TO);
        victim.sendMessageAndDot(message("next"));
        // The next check is registered before its evaluation asks DNS anything: once a query is answered, it is.
        long deadline = System.nanoTime() + STEP_LIMIT.toNanos();
        while (rig.dns().queriesAnswered() == queriesBefore) {
            if (System.nanoTime() > deadline) {
                return Reach.NOT_EXERCISED;
            }
            LockSupport.parkNanos(1_000_000); // observation only
        }
        if (order == Order.RACY) {
            COMPLETE_EARLIER.steps().forEach(schedule::release);
        }
        return Reach.COMPLETED; // whether the next message gets its verdict is what the stall check looks at
    }

    /**
     * TWO_SESSIONS. Racy: both sessions pass their look, find no verdict, and are parked in their waits before the
     * completion thread (one thread, two checks in turn) posts both. Benign: both are posted before either looks.
     */
    private static Reach twoSessions(Schedule schedule, Order order) throws InterruptedException {
        if (!schedule.awaitArrivals(Step.WAITER_BEGIN, 2, STEP_LIMIT)) {
            return Reach.NOT_EXERCISED;
        }
        if (order == Order.RACY) {
            schedule.release(Step.WAITER_BEGIN);
            if (!schedule.awaitArrivals(Step.WAITER_CHECKED, 2, STEP_LIMIT)) {
                return Reach.NOT_EXERCISED;
            }
            schedule.release(Step.WAITER_CHECKED);
            if (!schedule.awaitAllParked(Step.WAITER_CHECKED, STEP_LIMIT)) {
                return Reach.NOT_EXERCISED;
            }
        }
        // A step once released stays open: the completion thread goes through it for both checks.
        if (!passCall(schedule, COMPLETE) || !schedule.awaitArrivals(COMPLETE.lastStep(), 2, STEP_LIMIT)) {
            return Reach.NOT_EXERCISED;
        }
        schedule.release(Step.WAITER_BEGIN); // benign: the sessions look only now (racy: released already)
        return Reach.COMPLETED; // whether both sessions then wake is what the stall check looks at
    }

    /** Lets {@code call}'s thread through each of its steps in turn; false if one was not reached within the limit. */
    private static boolean passCall(Schedule schedule, RaceOperation call) throws InterruptedException {
        for (Step step : call.steps()) {
            if (!pass(schedule, step)) {
                return false;
            }
        }
        return true;
    }

    /** Waits for a thread to reach {@code step}, then lets it through; false if none came within the limit. */
    private static boolean pass(Schedule schedule, Step step) throws InterruptedException {
        if (!schedule.awaitArrival(step, STEP_LIMIT)) {
            return false;
        }
        schedule.release(step);
        return true;
    }

    /** Lets the thread that passed {@code from} through {@code next}, unless it got stuck on the way (false). */
    private static boolean passUnlessStuck(Schedule schedule, Step next, Step from) throws InterruptedException {
        try {
            if (!schedule.awaitArrivalOrStuck(next, from, STEP_LIMIT)) {
                return false;
            }
        } catch (IllegalStateException e) {
            return false; // the thread went on elsewhere without reaching next: its path ended abnormally
        }
        schedule.release(next);
        return true;
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
            return "no reply within " + timeout.toMillis() + " ms";
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
