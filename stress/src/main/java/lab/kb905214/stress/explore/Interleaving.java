package lab.kb905214.stress.explore;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 *
 * <p>In the {@link Explorer.Space#STALE} space the session has a second transaction: once the first is answered, the
 * client reads its replies and sends the next (where the order says, else once no step can go on), and the same
 * threads come back to the same steps for the second check, each arrival held again. The first check's completion may
 * still be parked then: it comes late, into the second check's window.
 */
final class Interleaving {
    /** How long a step may take to be reached before the run counts as not exercised. */
    static final Duration STEP_LIMIT = Duration.ofSeconds(5);
    /** How long the threads must hold still before their positions count as settled. */
    static final Duration SETTLED = Duration.ofMillis(15);
    /** How long a waiter that nobody can wake is watched, unchanged, before the run says so. */
    static final Duration STALL_LIMIT = Duration.ofMillis(300);
    /** How long a reply is waited for when nothing says the server is hung. */
    private static final Duration PATIENT = Duration.ofSeconds(10);

    private Interleaving() {}

    /**
     * Runs the interleaving that starts with {@code forced} on a fresh engine of {@code kind}, in {@code space}. With
     * the client's moves, a client that has not moved past the prefix stays (even where nothing else can go on), and
     * the leaf records where it could have moved instead; with a next transaction, the leaf records where the client
     * could have sent it earlier.
     */
    static Leaf run(EngineUnderTest kind, ReplayOrder forced, Explorer.Space space)
            throws IOException, InterruptedException {
        boolean clientMoves = space == Explorer.Space.CLIENT_MOVES;
        boolean twoTransactions = space == Explorer.Space.STALE;
        long started = System.nanoTime();
        HangDetector detector = HangDetector.forThreadsStartedFromNow();
        EngineRig rig = EngineRig.start(kind, EngineRig.Options.harness());
        Schedule schedule = Schedule.pausingEachArrival(Duration.ofSeconds(60));
        rig.server().coordinator().failpoints().arm(schedule);
        List<Step> order = new ArrayList<>();
        List<List<Step>> enabledAt = new ArrayList<>();
        ClientMove move = forced.client();
        int movedAt = -1; // how many steps were released when the client moved; -1 while it has not
        List<Integer> couldMoveAt = new ArrayList<>(); // exploring the client's moves: where it could have moved
        int nextAt = -1; // how many steps were released when the client sent its next transaction; -1 while it has not
        List<Integer> nextCouldAt = new ArrayList<>();
        List<SmtpReply> replies = new ArrayList<>(); // a next transaction's client reads every DATA reply
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
                Map<RaceOperation, ThreadPosition> positions = settle(threads, coordinator, schedule, nextAt >= 0);
                List<Step> enabled = parkedSteps(threads, positions, schedule);
                // Its check in flight, the client could move here: the session is still inside the coordinator.
                if (clientMoves
                        && move.kind() == ClientMove.Kind.STAY
                        && positions.get(RaceOperation.AWAIT) != ThreadPosition.DONE
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
                // The first transaction answered, the client may send its next here (and must, once no step can go
                // on): the order's place for it, or the first depth where nothing else can go on. Only once the
                // watcher is back from its teardown: the same thread copies the socket for the session, so the
                // client's next commands reach the session only then (a late teardown cannot meet the next check).
                if (twoTransactions
                        && nextAt < 0
                        && positions.get(RaceOperation.AWAIT) == ThreadPosition.DONE
                        && positions.get(RaceOperation.TEARDOWN) == ThreadPosition.DONE) {
                    if (order.size() == forced.nextAt() || enabled.isEmpty()) {
                        nextAt = order.size();
                        Optional<String> unanswered = sendNext(client, replies);
                        if (unanswered.isPresent()) {
                            // The session is out of the coordinator: it has answered, or it never will.
                            ending = Leaf.Ending.WRONG_RESULT;
                            evidence = "the session left the coordinator, and the client's first transaction or"
                                    + " its next was not answered: " + unanswered.get();
                            break;
                        }
                        continue;
                    }
                    if (!nextCouldAt.contains(order.size())) {
                        nextCouldAt.add(order.size());
                    }
                }
                if (enabled.isEmpty()) {
                    if (positions.values().stream().allMatch(p -> p == ThreadPosition.DONE)) {
                        ending = Leaf.Ending.COMPLETED;
                        if (twoTransactions) {
                            try {
                                replies.add(client.readReply()); // the session left the coordinator: it has answered
                            } catch (IOException e) {
                                ending = Leaf.Ending.WRONG_RESULT;
                                evidence = "no reply to the second transaction's DATA: " + e;
                            }
                        }
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
                                nextAt,
                                nextCouldAt,
                                enabledAt,
                                Leaf.Ending.NOT_EXERCISED,
                                Optional.empty(),
                                "nothing" + " could be released and no hang could be proven for " + STEP_LIMIT + ": "
                                        + positions,
                                "",
                                0,
                                millis(started),
                                monitorsAtSteps(schedule),
                                rig.server().coordinator().lostVerdicts(),
                                teardownsFailed(rig));
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
                            nextAt,
                            nextCouldAt,
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
                            rig.server().coordinator().lostVerdicts(),
                            teardownsFailed(rig));
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
        long teardownsFailed = teardownsFailed(rig);
        if (ending == Leaf.Ending.COMPLETED && twoTransactions) {
            // Every message answered 250 is stored, and no other (the probe's included); and the next transaction,
            // which no RSET or leave cancelled, is answered 250 (its sender passes): a late first completion must not
            // touch it, which is the STALE race's whole question.
            long accepted = replies.stream().filter(r -> r.code() == 250).count() + (probe.startsWith("250") ? 1 : 0);
            evidence = "replies: " + replies + "; probe: " + probe + "; stored " + stored;
            if (!probe.startsWith("250")
                    || stored != accepted
                    || replies.get(replies.size() - 1).code() != 250) {
                ending = Leaf.Ending.WRONG_RESULT;
            }
        } else if (ending == Leaf.Ending.COMPLETED && (!probe.startsWith("250") || stored > 2)) {
            // One raced message (stored only if its verdict won) and the probe's: anything else is wrong.
            ending = Leaf.Ending.WRONG_RESULT;
            evidence = "probe: " + probe + "; stored " + stored;
        }
        // A leaf that did not complete (a proven hang, or a session that left without answering) needs nothing more
        // from its server, which is abandoned at once. A proven hang keeps a session thread inside the coordinator for
        // good, and SubEtha's stop() waits for every session thread: waiting for it would only spend the limit.
        rig.closeAbandoningIfHung(hung ? Duration.ZERO : Duration.ofSeconds(5));
        return new Leaf(
                order,
                made(move, movedAt),
                couldMoveAt,
                nextAt,
                nextCouldAt,
                enabledAt,
                ending,
                cycle,
                evidence,
                probe,
                stored,
                millis(started),
                monitorsAtSteps(schedule),
                lostVerdicts,
                teardownsFailed);
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

    // The client reads the replies to its DATA and its pipelined RSET, then sends its next transaction; the session's
    // thread comes back to the coordinator for the second check (the settling that follows waits for it: on
    // engine-buggy it may block in register() instead, on the registry lock a parked completion holds). What went
    // wrong when the session did not answer.
    private static Optional<String> sendNext(SmtpWire client, List<SmtpReply> replies) {
        try {
            replies.add(client.readReply());
            client.readReply(); // RSET's 250
            client.openTransaction("client.example", "alice@" + LabZone.PASS, "bob@lab.example");
            client.sendMessageAndDot("From: <alice@" + LabZone.PASS + ">\r\nMessage-ID: <next@lab.example>\r\n"
                    + "Subject: next\r\n\r\nnext\r\n");
        } catch (IOException e) {
            return Optional.of(e.toString() + " (replies read: " + replies + ")");
        }
        return Optional.empty();
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

    // Polls the race threads until none runs inside the coordinator and nothing changed for SETTLED. Once the next
    // transaction is sent, its check is on its way: the session, out of the coordinator before it reaches its second
    // wait, is still moving; so is the completion thread, idle once the second evaluation has started (the session
    // reached its wait) and before its second completion begins. The evaluation's end is no step: only the
    // completion's steps are what the other threads can see, and those are released like any other.
    private static Map<RaceOperation, ThreadPosition> settle(
            Map<RaceOperation, Long> threads, List<String> coordinator, Schedule schedule, boolean nextSent) {
        return ThreadPosition.settle(
                threads,
                (role, id) -> {
                    ThreadPosition position = ThreadPosition.of(id, coordinator, schedule);
                    boolean comingBack = nextSent && comingBack(role, schedule);
                    return position == ThreadPosition.DONE && comingBack ? ThreadPosition.MOVING : position;
                },
                SETTLED,
                STEP_LIMIT);
    }

    // Out of the coordinator but on its way back for the second check: the session until it reaches its second wait;
    // the completion thread once that wait began (the second evaluation started) and before its second completion.
    private static boolean comingBack(RaceOperation role, Schedule schedule) {
        boolean secondWait = schedule.arrivalsAt(Step.WAITER_BEGIN).size() >= 2;
        return switch (role) {
            case AWAIT -> !secondWait;
            case COMPLETE ->
                secondWait && schedule.arrivalsAt(Step.COMPLETION_BEGIN).size() < 2;
            default -> false;
        };
    }

    // The step each parked thread is held at: the one it reached last and the schedule has not released.
    private static List<Step> parkedSteps(
            Map<RaceOperation, Long> threads, Map<RaceOperation, ThreadPosition> positions, Schedule schedule) {
        List<Step> enabled = new ArrayList<>();
        for (Step step : Step.values()) {
            Optional<Schedule.Arrival> arrival = schedule.latestArrival(step);
            if (arrival.isEmpty() || schedule.isReleased(step)) {
                continue;
            }
            threads.forEach((role, id) -> {
                if (id == arrival.get().threadId() && positions.get(role) == ThreadPosition.PARKED) {
                    enabled.add(step);
                }
            });
        }
        return enabled;
    }

    private static long unprovenSince(long since) {
        return since == 0 ? System.nanoTime() : since;
    }

    static String waiterEvidence(List<String> stuck) {
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
                -1,
                List.of(),
                List.of(),
                Leaf.Ending.NOT_EXERCISED,
                Optional.empty(),
                why,
                "",
                0,
                millis(started),
                Map.of(),
                rig.server().coordinator().lostVerdicts(),
                teardownsFailed(rig));
    }

    // The watcher logs a teardown that threw and goes on; the engine counts it.
    private static long teardownsFailed(EngineRig rig) {
        return rig.server().counters().snapshot().teardownsFailed();
    }

    private static Map<Step, List<String>> monitorsAtSteps(Schedule schedule) {
        Map<Step, List<String>> held = new EnumMap<>(Step.class);
        for (Step step : Step.values()) {
            for (Schedule.Arrival arrival : schedule.arrivalsAt(step)) { // every check's arrival, not the first only
                held.computeIfAbsent(step, s -> new ArrayList<>()).addAll(arrival.monitorsHeld());
            }
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
