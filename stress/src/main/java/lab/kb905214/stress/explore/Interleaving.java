package lab.kb905214.stress.explore;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
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
 * Runs one interleaving of a single transaction's race ({@link Race#THREE_PATHS}) on a fresh engine: a client sends its
 * message, every failpoint holds its thread, and the run releases one parked thread at a time, first the steps
 * {@code forced} names, then always the first step enabled. The client makes its move (in the explorer it leaves right
 * after the final dot) before the step the order puts it at, or once nothing else can go on. After each release or move
 * the run waits until every race thread is parked at a step, disabled (BLOCKED, or waiting outside a failpoint), or out
 * of the coordinator; the steps parked at are what the next release may choose. Nothing sleeps to make an order
 * happen: each release is the only way a thread can go on.
 */
final class Interleaving {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** How long a step may take to be reached before the run counts as not exercised. */
    private static final Duration STEP_LIMIT = Duration.ofSeconds(5);
    /** How long the threads must hold still before their positions count as settled. */
    private static final Duration SETTLED = Duration.ofMillis(15);
    /** How long a waiter that nobody can wake is watched, unchanged, before the run says so. */
    private static final Duration STALL_LIMIT = Duration.ofMillis(300);
    /** How long a reply is waited for when nothing says the server is hung. */
    private static final Duration PATIENT = Duration.ofSeconds(10);

    /** Where a race thread is once the threads have settled. */
    private enum Position {
        /** Held by the schedule at a failpoint: the explorer may release it. */
        PARKED,
        /** BLOCKED on a monitor or waiting inside the coordinator, but not at a failpoint: it cannot be released. */
        DISABLED,
        /** Out of the coordinator: its part of the race is over. */
        DONE,
        /** Running inside the coordinator: not settled yet. */
        MOVING
    }

    private Interleaving() {}

    /**
     * Runs the interleaving that starts with {@code forced} on a fresh engine of {@code kind}. With {@code
     * clientMoves}, a client that has not moved past the prefix stays (even where nothing else can go on), and the
     * leaf records where it could have moved instead.
     */
    static Leaf run(EngineUnderTest kind, ReplayOrder forced, boolean clientMoves)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        HangDetector detector = HangDetector.forThreadsStartedFromNow();
        EngineRig rig = EngineRig.start(kind, EngineRig.Options.harness());
        Schedule schedule = Schedule.pausingEveryStep(Duration.ofSeconds(60));
        rig.server().coordinator().failpoints().arm(schedule);
        List<Step> order = new ArrayList<>();
        List<List<Step>> enabledAt = new ArrayList<>();
        ClientMove move = forced.client();
        int movedAt = -1; // how many steps were released when the client moved; -1 while it has not
        List<Integer> couldMoveAt = new ArrayList<>(); // exploring the client's moves: where it could have moved
        Leaf.Ending ending;
        Optional<LockCycle> cycle = Optional.empty();
        String evidence = "";
        SmtpWire client = null;
        try {
            client = SmtpWire.connect(rig.smtpAddress(), STEP_LIMIT);
            client.openTransaction("client.example", "alice@" + LabZone.PASS, "bob@lab.example");
            client.sendMessageAndDot("From: <alice@" + LabZone.PASS + ">\r\nMessage-ID: <raced@lab.example>\r\n"
                    + "Subject: raced\r\n\r\nraced\r\n");
            // The check is registered before the session reaches its wait, so the client moves only then: the
            // teardown it starts always finds the check in flight, and the tree is the same every run.
            if (!schedule.awaitArrival(Step.WAITER_BEGIN, STEP_LIMIT)
                    || !schedule.awaitArrival(Step.COMPLETION_BEGIN, STEP_LIMIT)) {
                return notExercised(rig, "the session or the completion never reached its first step", started);
            }
            // The race's threads (THREE_PATHS: one call each), each known by the first step its call reached; the
            // watcher's joins when the client's move has started its teardown.
            Map<RaceOperation, Long> threads = new EnumMap<>(RaceOperation.class);
            addArrived(threads, schedule);
            String watcherMissed = "the watcher never reached teardown.cancel after "
                    + move.kind().id();
            if (move.kind() != ClientMove.Kind.STAY && move.atDepth() == 0) { // the explorer's client: it leaves now
                movedAt = 0;
                if (!makeMove(client, move.kind(), schedule, threads)) {
                    return notExercised(rig, watcherMissed, started);
                }
            }
            List<String> coordinator = rig.coordinatorClasses();
            long unproven = 0; // when the threads were first seen unable to move without a proof of a hang (0: not)
            while (true) {
                Map<RaceOperation, Position> positions = settle(threads, coordinator, schedule);
                List<Step> enabled = parkedSteps(threads, positions, schedule);
                // Its check in flight, the client could move here: the session is still inside the coordinator.
                if (clientMoves
                        && move.kind() == ClientMove.Kind.STAY
                        && positions.get(RaceOperation.AWAIT) != Position.DONE
                        && !couldMoveAt.contains(order.size())) {
                    couldMoveAt.add(order.size());
                }
                if (movedAt < 0
                        && move.kind() != ClientMove.Kind.STAY
                        && (order.size() >= move.atDepth() || (!clientMoves && enabled.isEmpty()))) {
                    // The order's place for the move, or nothing else can go on: the client moves now.
                    movedAt = order.size();
                    if (!makeMove(client, move.kind(), schedule, threads)) {
                        return notExercised(rig, watcherMissed, started);
                    }
                    continue;
                }
                if (enabled.isEmpty()) {
                    if (positions.values().stream().allMatch(p -> p == Position.DONE)) {
                        ending = Leaf.Ending.COMPLETED;
                        break;
                    }
                    // Nothing can be released and a thread is still inside: a hang only with its proof, a lock cycle
                    // or a wait seen unchanged past the stall limit. A thread that merely looked still (a class
                    // being loaded, a busy machine) goes on meanwhile, and the search goes on with it.
                    cycle = detector.findDeadlock();
                    if (cycle.isPresent()) {
                        ending = Leaf.Ending.LOCK_CYCLE;
                        evidence = cycle.get().describe();
                        break;
                    }
                    List<String> stuck = detector.threadsStalledIn(coordinator, STALL_LIMIT);
                    if (!stuck.isEmpty()) {
                        ending = Leaf.Ending.WAITER_NEVER_WAKES;
                        evidence = waiterEvidence(stuck);
                        break;
                    }
                    if (System.nanoTime() > unprovenSince(unproven) + STEP_LIMIT.toNanos()) {
                        return new Leaf(
                                order,
                                made(move, movedAt),
                                couldMoveAt,
                                enabledAt,
                                Leaf.Ending.NOT_EXERCISED,
                                Optional.empty(),
                                "nothing" + " could be released and no hang could be proven for " + STEP_LIMIT + ": "
                                        + positions,
                                "",
                                0,
                                millis(started),
                                monitorsAtSteps(schedule),
                                rig.server().coordinator().lostVerdicts());
                    }
                    unproven = unprovenSince(unproven);
                    continue;
                }
                unproven = 0;
                enabledAt.add(enabled);
                int depth = order.size();
                Step next = depth < forced.steps().size() ? forced.steps().get(depth) : enabled.get(0);
                if (!enabled.contains(next)) {
                    return new Leaf(
                            order,
                            made(move, movedAt),
                            couldMoveAt,
                            enabledAt,
                            Leaf.Ending.NOT_EXERCISED,
                            Optional.empty(),
                            "the order asks for " + next.id()
                                    + " at depth " + depth + " but only " + ids(enabled) + " can go on there (threads: "
                                    + positions
                                    + ")",
                            "",
                            0,
                            millis(started),
                            monitorsAtSteps(schedule),
                            rig.server().coordinator().lostVerdicts());
                }
                order.add(next);
                schedule.release(next);
            }
        } finally {
            schedule.releaseAll();
            rig.server().coordinator().failpoints().disarm();
            if (client != null) {
                client.close();
            }
        }
        boolean hung = ending != Leaf.Ending.COMPLETED;
        // A hang is proven already (its cycle or its stuck waiter): only a completed leaf needs the server's answer.
        String probe = hung ? "" : probe(rig, PATIENT);
        long stored = rig.server().maildir().storedCount();
        long lostVerdicts = rig.server().coordinator().lostVerdicts();
        if (ending == Leaf.Ending.COMPLETED && (!probe.startsWith("250") || stored > 2)) {
            // One raced message (stored only if its verdict won) and the probe's: anything else is wrong.
            ending = Leaf.Ending.WRONG_RESULT;
            evidence = "probe: " + probe + "; stored " + stored;
        }
        rig.closeAbandoningIfHung(hung ? Duration.ofMillis(300) : Duration.ofSeconds(5));
        return new Leaf(
                order,
                made(move, movedAt),
                couldMoveAt,
                enabledAt,
                ending,
                cycle,
                evidence,
                probe,
                stored,
                millis(started),
                monitorsAtSteps(schedule),
                lostVerdicts);
    }

    // The client's protocol event, made while its check is in flight; then the watcher's teardown parks at its first
    // step. False when it never gets there.
    private static boolean makeMove(
            SmtpWire client, ClientMove.Kind kind, Schedule schedule, Map<RaceOperation, Long> threads)
            throws IOException, InterruptedException {
        if (kind == ClientMove.Kind.LEAVE) {
            client.close(); // the client leaves
        } else {
            client.send("RSET\r\n"); // pipelined behind the final dot: the client did not wait for its reply
        }
        if (!schedule.awaitArrival(Step.TEARDOWN_CANCEL, STEP_LIMIT)) {
            return false;
        }
        addArrived(threads, schedule);
        return true;
    }

    private static ClientMove made(ClientMove move, int movedAt) {
        return movedAt < 0 ? ClientMove.STAYS : new ClientMove(move.kind(), movedAt);
    }

    // Adds each race thread whose call has reached its first step (the watcher's only after the client's move).
    private static void addArrived(Map<RaceOperation, Long> threads, Schedule schedule) {
        for (List<RaceOperation> thread : Race.THREE_PATHS.threads()) {
            RaceOperation call = thread.get(0);
            schedule.firstArrival(call.firstStep()).ifPresent(arrival -> threads.put(call, arrival.threadId()));
        }
    }

    // Polls the race threads until none runs inside the coordinator and nothing changed for SETTLED.
    private static Map<RaceOperation, Position> settle(
            Map<RaceOperation, Long> threads, List<String> coordinator, Schedule schedule) {
        long deadline = System.nanoTime() + STEP_LIMIT.toNanos();
        Map<RaceOperation, Position> last = Map.of();
        long stableSince = System.nanoTime();
        while (true) {
            Map<RaceOperation, Position> now = new EnumMap<>(RaceOperation.class);
            threads.forEach((role, id) -> now.put(role, position(id, coordinator, schedule)));
            if (!now.equals(last)) {
                last = now;
                stableSince = System.nanoTime();
            } else if (!now.containsValue(Position.MOVING) && System.nanoTime() - stableSince >= SETTLED.toNanos()) {
                return now;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("race threads did not settle within " + STEP_LIMIT + ": " + now);
            }
            LockSupport.parkNanos(500_000); // observation only
        }
    }

    private static Position position(long threadId, List<String> coordinator, Schedule schedule) {
        ThreadInfo info = THREADS.getThreadInfo(threadId, 64);
        if (info == null || info.getThreadState() == Thread.State.TERMINATED) {
            return Position.DONE;
        }
        boolean atFailpoint = false;
        boolean inCoordinator = false;
        for (StackTraceElement frame : info.getStackTrace()) {
            atFailpoint |= frame.getClassName().equals(Schedule.class.getName())
                    && frame.getMethodName().equals("arrive");
            inCoordinator |= coordinator.contains(frame.getClassName());
        }
        Thread.State state = info.getThreadState();
        boolean still =
                state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.BLOCKED;
        if (!inCoordinator) {
            return Position.DONE;
        }
        if (atFailpoint && still) {
            // Still inside the failpoint of a step already released: released, but not yet scheduled to go on.
            return heldAtUnreleasedStep(threadId, schedule) ? Position.PARKED : Position.MOVING;
        }
        return still ? Position.DISABLED : Position.MOVING;
    }

    private static boolean heldAtUnreleasedStep(long threadId, Schedule schedule) {
        for (Step step : Step.values()) {
            Optional<Schedule.Arrival> arrival = schedule.firstArrival(step);
            if (arrival.isPresent() && arrival.get().threadId() == threadId && !schedule.isReleased(step)) {
                return true;
            }
        }
        return false;
    }

    // The step each parked thread is held at: the one it reached last and the schedule has not released.
    private static List<Step> parkedSteps(
            Map<RaceOperation, Long> threads, Map<RaceOperation, Position> positions, Schedule schedule) {
        List<Step> enabled = new ArrayList<>();
        for (Step step : Step.values()) {
            Optional<Schedule.Arrival> arrival = schedule.firstArrival(step);
            if (arrival.isEmpty() || schedule.isReleased(step)) {
                continue;
            }
            threads.forEach((role, id) -> {
                if (id == arrival.get().threadId() && positions.get(role) == Position.PARKED) {
                    enabled.add(step);
                }
            });
        }
        return enabled;
    }

    private static long unprovenSince(long since) {
        return since == 0 ? System.nanoTime() : since;
    }

    private static String waiterEvidence(List<String> stuck) {
        String dump = HangDetector.threadDump();
        StringBuilder out = new StringBuilder("no thread can go on, and " + stuck + " wait(s) in the coordinator,"
                + " unchanged for " + STALL_LIMIT.toMillis() + " ms (the JVM's wait counts did not move), with no"
                + " other race thread able to go on: nobody is left to wake it\n");
        for (String block : dump.split("\n\n", -1)) {
            if (stuck.stream().anyMatch(name -> block.startsWith("\"" + name + "\""))) {
                out.append(block).append("\n\n");
            }
        }
        return out.toString();
    }

    private static String probe(EngineRig rig, Duration timeout) {
        try (SmtpWire probe = SmtpWire.connect(rig.smtpAddress(), timeout)) {
            probe.openTransaction("probe.example", "alice@" + LabZone.PASS, "bob@lab.example");
            probe.sendMessageAndDot("From: <alice@" + LabZone.PASS + ">\r\nMessage-ID: <probe@lab.example>\r\n"
                    + "Subject: probe\r\n\r\nprobe\r\n");
            SmtpReply reply = probe.readReply();
            return reply.toString();
        } catch (IOException e) {
            return "no answer: " + e.getMessage();
        }
    }

    private static Leaf notExercised(EngineRig rig, String why, long started) {
        rig.closeAbandoningIfHung(Duration.ofMillis(300));
        return new Leaf(
                List.of(),
                ClientMove.STAYS,
                List.of(),
                List.of(),
                Leaf.Ending.NOT_EXERCISED,
                Optional.empty(),
                why,
                "",
                0,
                millis(started),
                Map.of(),
                rig.server().coordinator().lostVerdicts());
    }

    private static Map<Step, List<String>> monitorsAtSteps(Schedule schedule) {
        Map<Step, List<String>> held = new EnumMap<>(Step.class);
        for (Step step : Step.values()) {
            schedule.firstArrival(step).ifPresent(arrival -> held.put(step, arrival.monitorsHeld()));
        }
        return held;
    }

    private static String ids(List<Step> steps) {
        return steps.stream().map(Step::id).toList().toString();
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
