package lab.kb905214.stress.explore;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import lab.kb905214.engine.failpoint.Schedule;
import lab.kb905214.engine.failpoint.Step;
import lab.kb905214.engine.hang.HangDetector;
import lab.kb905214.engine.hang.LockCycle;
import lab.kb905214.stress.client.SmtpWire;
import lab.kb905214.stress.rig.EngineRig;
import lab.kb905214.stress.rig.EngineUnderTest;
import lab.kb905214.stress.rig.HeldEvaluations;
import lab.kb905214.stress.rig.LabZone;

/**
 * Runs one given interleaving of several sessions, one transaction each, on a fresh engine: the order SPIN's trail of a
 * model with two or more sessions gives, each label naming its session ({@code waiter.begin check 1}, {@code
 * teardown.cancel session 0}, {@code client.send session 1}). Every failpoint holds its thread, and each label releases
 * exactly that session's thread (the two sessions' waiters can be held at one step); {@code client.send} sends that
 * client's final dot, and {@code client.leave} or {@code client.reset} makes its move where the model's watcher looks,
 * after which the engine's watcher is held at {@code teardown.begin}, before it takes anything (a step the one-session
 * harnesses let through: {@link Step#isRaceWindow()}).
 *
 * <p>The engine's one completion thread takes the checks in the order their evaluations end. The run holds every
 * evaluation's end ({@link HeldEvaluations}) and ends one only where the order's next label is that check's {@code
 * completion.begin}, as if its DNS answers came then; so the completions come in the order's order. Once the order is
 * over, every started evaluation may end, and the run records whether anything could still go on (then the engine did
 * not stop where the trail does) or how it stopped: a lock cycle, or a waiter nobody can wake, each with its proof.
 */
public final class SessionsInterleaving {
    private static final Pattern LABEL = Pattern.compile("^(\\S+) (?:check|session) (\\d+)$");
    private static final String COMPLETION = "completion";

    /**
     * What the engine did with the order.
     *
     * @param released the labels run, in order, as given
     * @param ending how the run ended ({@link Leaf.Ending#NOT_EXERCISED} when the engine could not follow the order)
     * @param evidence the proof of a hang, the replies of a run that completed, or why the order could not be followed
     */
    public record Run(List<String> released, Leaf.Ending ending, String evidence) {
        /** The labels as they stood when the run ended. */
        public Run {
            released = List.copyOf(released);
        }
    }

    /** A label of the order: a step or a client's event, and the session it belongs to. */
    private record Label(String text, String id, int session) {
        static Label parse(String text) {
            Matcher m = LABEL.matcher(text.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("not a session's label (\"waiter.begin check 1\"): " + text);
            }
            return new Label(text.strip(), m.group(1), Integer.parseInt(m.group(2)));
        }

        Optional<Step> step() {
            return Arrays.stream(Step.values()).filter(s -> s.id().equals(id)).findFirst();
        }

        // The thread that runs the step: the one completion thread, the session's own thread, or its watcher.
        String thread() {
            if (id.startsWith("completion.")) {
                return COMPLETION;
            }
            return (id.startsWith("teardown.") ? "watcher " : "session ") + session;
        }
    }

    private final Schedule schedule = Schedule.pausingEachArrivalAt(EnumSet.allOf(Step.class), Duration.ofSeconds(60));
    private final HeldEvaluations held = new HeldEvaluations();
    // Threads alive before the run: an earlier run's hung engine keeps its threads inside the same coordinator classes.
    private final Set<Long> before;
    private final HangDetector detector = HangDetector.forThreadsStartedFromNow();
    private final Map<String, Long> threads = new LinkedHashMap<>(); // "completion", "session 0", "watcher 1"
    private final List<SmtpWire> clients = new ArrayList<>();
    private final Set<Integer> sent = new LinkedHashSet<>();
    private final Set<Integer> left = new LinkedHashSet<>();
    private final Set<Integer> ended = new LinkedHashSet<>();
    private final List<String> released = new ArrayList<>();
    private List<String> coordinator = List.of();

    private SessionsInterleaving() {
        before = Arrays.stream(ManagementFactory.getThreadMXBean().getAllThreadIds())
                .boxed()
                .collect(Collectors.toSet());
    }

    /** Runs {@code order} on a fresh engine of {@code kind}; the sessions are those the labels name. */
    public static Run run(EngineUnderTest kind, List<String> order) throws IOException, InterruptedException {
        return new SessionsInterleaving()
                .runOn(kind, order.stream().map(Label::parse).toList());
    }

    private Run runOn(EngineUnderTest kind, List<Label> labels) throws IOException, InterruptedException {
        int sessions = labels.stream().mapToInt(Label::session).max().orElse(0) + 1;
        EngineRig rig = EngineRig.start(kind, EngineRig.Options.harness(), held);
        rig.server().coordinator().failpoints().arm(schedule);
        coordinator = rig.coordinatorClasses();
        Run run = null;
        try {
            for (int s = 0; s < sessions; s++) {
                SmtpWire client = SmtpWire.connect(rig.smtpAddress(), Interleaving.STEP_LIMIT);
                clients.add(client);
                client.openTransaction("client" + s + ".example", sender(s), "bob@lab.example");
            }
            run = follow(labels);
            if (run == null) {
                // The order is over: every started evaluation may end now, as the model's may at any time.
                sent.forEach(s -> held.end(sender(s)));
                run = ending();
            }
        } finally {
            held.endAll();
            schedule.releaseAll();
            rig.server().coordinator().failpoints().disarm();
            for (SmtpWire client : clients) {
                client.close();
            }
            // A run that did not complete needs nothing more from its server, which is abandoned at once: a proven
            // hang keeps a thread inside the coordinator for good, and SubEtha's stop() waits for every session thread.
            boolean completed = run != null && run.ending() == Leaf.Ending.COMPLETED;
            rig.closeAbandoningIfHung(completed ? Duration.ofSeconds(5) : Duration.ZERO);
        }
        return run;
    }

    // Runs the labels one by one; a Run only when the engine cannot follow them, null when all ran.
    private Run follow(List<Label> labels) throws IOException, InterruptedException {
        for (Label label : labels) {
            settle();
            SmtpWire client = clients.get(label.session());
            switch (label.id()) {
                case "client.send" -> {
                    if (!sent.add(label.session())) {
                        return notFollowed(label, "its client has sent its message already");
                    }
                    client.sendMessageAndDot("From: <" + sender(label.session()) + ">\r\nMessage-ID: <raced"
                            + label.session() + "@lab.example>\r\nSubject: raced\r\n\r\nraced\r\n");
                    if (!join(label.thread(), Step.WAITER_BEGIN)) {
                        return notFollowed(
                                label,
                                "the session neither reached waiter.begin nor stopped inside the"
                                        + " coordinator within " + Interleaving.STEP_LIMIT);
                    }
                }
                case "client.leave", "client.reset" -> {
                    if (!sent.contains(label.session()) || !left.add(label.session())) {
                        return notFollowed(label, "its client has not sent its message, or has moved already");
                    }
                    if (ThreadPosition.of(threads.get(label.thread()), coordinator, schedule) == ThreadPosition.DONE) {
                        // The model's watcher looks while the check is in flight, and the serial order keeps the
                        // look before the session's answer: only an order written by hand gets here.
                        return notFollowed(
                                label,
                                "its session has answered: its check is no longer in flight, and"
                                        + " the engine's watcher reports a move only while it is");
                    }
                    if (label.id().equals("client.leave")) {
                        client.close();
                    } else {
                        client.send("RSET\r\n"); // pipelined behind the final dot
                    }
                    if (!join("watcher " + label.session(), Step.TEARDOWN_BEGIN)) {
                        return notFollowed(
                                label, "the watcher did not reach teardown.begin within " + Interleaving.STEP_LIMIT);
                    }
                }
                default -> {
                    Step step = label.step()
                            .orElseThrow(() -> new IllegalArgumentException("no such step: " + label.text()));
                    if (step == Step.COMPLETION_BEGIN && ended.add(label.session())) {
                        // The check's evaluation ends now: the completion thread takes it next.
                        held.end(sender(label.session()));
                        if (!join(COMPLETION, Step.COMPLETION_BEGIN)) {
                            return notFollowed(label, "the completion thread did not take the check");
                        }
                        settle();
                    }
                    Optional<Schedule.Arrival> arrival = heldAt(threads.get(label.thread()), step);
                    if (arrival.isEmpty()) {
                        return notFollowed(label, "only " + enabled() + " can go on");
                    }
                    schedule.release(arrival.get());
                }
            }
            released.add(label.text());
        }
        return null;
    }

    // How the engine stopped once the order was over, with the proof of a hang where there is one.
    private Run ending() throws InterruptedException {
        long deadline = System.nanoTime() + Interleaving.STEP_LIMIT.toNanos();
        while (true) {
            // A completion thread that takes a check only after the order's end joins here (it was not seen yet).
            newThreadInCoordinator().ifPresent(id -> threads.putIfAbsent(COMPLETION, id));
            Map<String, ThreadPosition> positions = settle();
            List<String> enabled = enabled();
            if (!enabled.isEmpty()) {
                return new Run(
                        released,
                        Leaf.Ending.NOT_EXERCISED,
                        "after the order's last label " + enabled + " could go on");
            }
            if (positions.values().stream().allMatch(p -> p == ThreadPosition.DONE)) {
                return answered();
            }
            Optional<LockCycle> cycle = detector.findDeadlock();
            if (cycle.isPresent()) {
                return new Run(released, Leaf.Ending.LOCK_CYCLE, cycle.get().describe());
            }
            List<String> stuck = detector.threadsStalledIn(coordinator, Interleaving.STALL_LIMIT);
            if (!stuck.isEmpty()) {
                return new Run(released, Leaf.Ending.WAITER_NEVER_WAKES, Interleaving.waiterEvidence(stuck));
            }
            if (System.nanoTime() > deadline) {
                return new Run(
                        released,
                        Leaf.Ending.NOT_EXERCISED,
                        "nothing could go on and no hang could be proven for " + Interleaving.STEP_LIMIT + ": "
                                + positions);
            }
        }
    }

    // Every race thread left the coordinator: each client still there reads its reply, which must be there.
    private Run answered() {
        List<String> replies = new ArrayList<>();
        for (int s : sent) {
            if (left.contains(s)) {
                continue;
            }
            try {
                replies.add("session " + s + ": " + clients.get(s).readReply());
            } catch (IOException e) {
                return new Run(
                        released,
                        Leaf.Ending.WRONG_RESULT,
                        "session " + s + " left the coordinator without answering: " + e + " (replies: " + replies
                                + ")");
            }
        }
        return new Run(released, Leaf.Ending.COMPLETED, "replies: " + replies);
    }

    // Waits until the thread called name (known, or new) is held at step, or a new thread stops inside the coordinator
    // without reaching it (blocked on a monitor on its way there), and records it under name.
    private boolean join(String name, Step step) {
        Set<Long> known = Set.copyOf(threads.values());
        Long thread = threads.get(name);
        long deadline = System.nanoTime() + Interleaving.STEP_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (Schedule.Arrival arrival : schedule.held()) {
                boolean arrived = thread != null ? arrival.threadId() == thread : !known.contains(arrival.threadId());
                if (arrival.step() == step && arrived) {
                    threads.put(name, arrival.threadId());
                    return true;
                }
            }
            Optional<Long> stopped = thread != null
                    ? Optional.empty()
                    : newThreadInCoordinator()
                            .filter(id -> ThreadPosition.of(id, coordinator, schedule) == ThreadPosition.DISABLED);
            if (stopped.isPresent()) {
                threads.put(name, stopped.get());
                return true;
            }
            LockSupport.parkNanos(500_000); // observation only
        }
        return false;
    }

    // A thread inside the coordinator that is not a race thread yet (nor one that was alive before the run).
    private Optional<Long> newThreadInCoordinator() {
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
            long id = info.getThreadId();
            if (threads.containsValue(id) || before.contains(id)) {
                continue;
            }
            for (StackTraceElement frame : info.getStackTrace()) {
                if (coordinator.contains(frame.getClassName())) {
                    return Optional.of(id);
                }
            }
        }
        return Optional.empty();
    }

    // The arrival that holds thread at step, if it is parked there.
    private Optional<Schedule.Arrival> heldAt(Long thread, Step step) {
        if (thread == null || ThreadPosition.of(thread, coordinator, schedule) != ThreadPosition.PARKED) {
            return Optional.empty();
        }
        return schedule.held().stream()
                .filter(arrival -> arrival.threadId() == thread && arrival.step() == step)
                .findFirst();
    }

    // What could be released now: each parked race thread's step, named by its thread.
    private List<String> enabled() {
        List<String> enabled = new ArrayList<>();
        threads.forEach((name, id) -> {
            if (ThreadPosition.of(id, coordinator, schedule) == ThreadPosition.PARKED) {
                schedule.held().stream()
                        .filter(arrival -> arrival.threadId() == id)
                        .forEach(arrival -> enabled.add(arrival.step().id() + " (" + name + ")"));
            }
        });
        return enabled;
    }

    // Polls the race threads until none runs inside the coordinator and nothing changed for SETTLED.
    private Map<String, ThreadPosition> settle() {
        return ThreadPosition.settle(
                threads,
                (name, id) -> ThreadPosition.of(id, coordinator, schedule),
                Interleaving.SETTLED,
                Interleaving.STEP_LIMIT);
    }

    private Run notFollowed(Label label, String why) {
        return new Run(
                released,
                Leaf.Ending.NOT_EXERCISED,
                "the order asks for " + label.text() + " at depth " + released.size() + ", but " + why);
    }

    // Each session's sender: the same passing domain, a local part of its own (its evaluation is held by that name).
    private static String sender(int session) {
        return "session" + session + "@" + LabZone.PASS;
    }
}
