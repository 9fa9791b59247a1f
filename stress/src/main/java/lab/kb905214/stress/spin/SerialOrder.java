package lab.kb905214.stress.spin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A trail's labels in the order a failpoint schedule must release them for the engine to run the trail's execution.
 *
 * <p>SPIN interleaves every statement; the engine runs a released thread to its next failpoint (or until it blocks).
 * So each label opens a segment, its thread's statements up to its next label, and the question is whether the
 * trail is equivalent to running the segments one after another, and in which order. It is when the segments' conflicts
 * allow it (conflict serializability): two statements of different segments conflict when they touch the same piece
 * of the coordinator's state and one of them writes it, and the earlier one's segment must then be released first. A
 * thread that ends the trail queued for a monitor reads its owner at the end (it found it taken), so it comes after
 * every segment that wrote the owner. A thread woken from a wait set runs on without a release once the monitor is
 * free, so its statements up to its next label count as the segment that let the monitor go last, its notifier's or a
 * later owner's (else a segment that spans a wait would have to run both before and after its notifier). The order kept is the one closest to the printed order
 * that obeys every such constraint; when the constraints form a cycle, the segments interleave in a way no failpoint
 * schedule can repeat, and the printed order breaks the cycle (the replay then shows what the engine did with it).
 *
 * <p>A process is its pid: the sessions of a model with several run the same proctype. Its client's dot ({@code
 * client.send}) opens its first segment, its registration, which on engine-buggy takes the registry lock.
 *
 * <p>The client's move ({@code client.leave}, {@code client.reset}) is printed where the model's watcher looks at its
 * session and finds the check in flight: the label reads that session's {@code inFlight}, which the session writes when
 * it starts its check and when it has its outcome. So the move comes after its session's dot and before the segment in
 * which the session leaves the wait. (Unlike the coordinator's state, this flag is kept per session: the labels name
 * it.)
 *
 * <p>The coordinator's state is what the models' coordinators share: buggy-coordinator.pml's monitors (their owner and
 * wait set; the entry queue only makes a queued thread visible in trails, and no thread's move depends on it), the
 * registry, the checks' outcomes, and fixed-coordinator.pml's futures (result, stacked, unparked). An {@code else} is
 * read as local: the buggy model, whose trails are replayed, writes its options on that state as explicit guards.
 */
final class SerialOrder {
    private SerialOrder() {}

    /**
     * One line of a trail: a process printed a label ({@code label} set), or ran a statement ({@code statement} set).
     */
    record Event(String process, String label, String statement) {
        static Event label(String process, String label) {
            return new Event(process, label, null);
        }

        static Event statement(String process, String statement) {
            return new Event(process, null, statement);
        }
    }

    /**
     * A piece of the coordinator's state, its index dropped: a statement names it by a variable ({@code pending[s]})
     * whose value the trail does not print, so two sessions' pieces count as one, a conflict more and never one less.
     */
    private static final Pattern STATE = Pattern.compile(
            "\\b(?:(registry|sessionLock)(?:\\[[^\\]]*\\])?\\.(owner|waitSet)|(pending|outcome|result|stacked|unparked)\\b)");
    /** An assignment: "target = value". */
    private static final Pattern ASSIGNMENT = Pattern.compile("^([\\w.\\[\\]]+) = (.*)$");
    /** monitorEnter's first statement: the thread joins the monitor's entry queue. */
    private static final Pattern JOINS_QUEUE = Pattern.compile(
            "^((?:registry|sessionLock)(?:\\[[^\\]]*\\])?)\\.entryQueue = \\(\\1\\.entryQueue\\|\\(1<<me\\)\\)$");
    /** monitorEnter's last statement: the thread has the monitor and leaves the queue. */
    private static final Pattern TAKES_MONITOR =
            Pattern.compile("^((?:registry|sessionLock)(?:\\[[^\\]]*\\])?)\\.owner = me$");

    /** monitorExit: the thread lets the monitor go. */
    private static final Pattern RELEASES_MONITOR =
            Pattern.compile("^((?:registry|sessionLock)(?:\\[[^\\]]*\\])?)\\.owner = 255$");
    /** wait()'s return: the thread, out of the wait set (woken), takes the monitor again once it is free. */
    private static final Pattern WOKEN =
            Pattern.compile("\\(((?:registry|sessionLock)(?:\\[[^\\]]*\\])?)\\.waitSet&\\(1<<me\\)\\)==0\\)");

    /** ConnectionWatcher.inFlight written by a session: "inFlight[s] = 0". */
    private static final Pattern IN_FLIGHT_WRITE = Pattern.compile("^inFlight\\[[^\\]]*\\] = ");
    /** A label that names its session: "client.send session 1". */
    private static final Pattern OF_SESSION = Pattern.compile(" session (\\d+)$");

    private record Access(int segment, boolean write) {}

    /** The labels of {@code events}, in the order their segments can run one after another. */
    static List<String> of(List<Event> events) {
        List<String> labels = new ArrayList<>();
        Map<String, Integer> current = new HashMap<>(); // process -> its open segment (a label's index), if any
        Map<String, List<Access>> accesses = new HashMap<>();
        Map<Integer, Set<Integer>> before = new LinkedHashMap<>(); // segment -> segments that must run first
        Map<String, String> queuedFor = new HashMap<>(); // process -> the monitor it queued for and has not taken
        Map<String, Integer> wokenBy = new HashMap<>(); // process -> the segment that let it run on, woken
        Map<String, Integer> lastRelease = new HashMap<>(); // monitor -> the segment that last let it go
        Map<String, String> sessionOf = new HashMap<>(); // process -> the session its labels name
        for (Event event : events) {
            if (event.label() != null) {
                wokenBy.remove(event.process());
                int segment = labels.size();
                labels.add(event.label());
                before.put(segment, new LinkedHashSet<>());
                Integer previous = current.put(event.process(), segment);
                if (previous != null) {
                    before.get(segment).add(previous); // a thread's segments run in its program order
                }
                Matcher session = OF_SESSION.matcher(event.label());
                if (session.find()) {
                    sessionOf.put(event.process(), session.group(1));
                    if (event.label().startsWith("client.leave ")
                            || event.label().startsWith("client.reset ")) {
                        touch("inFlight " + session.group(1), false, segment, accesses, before); // the look
                    }
                }
                continue;
            }
            // A woken thread runs on without a release once the monitor is free: on the engine that is part of the
            // release of the segment that let the monitor go last (its notifier's, or a later owner's), so its
            // statements up to its next label count as that segment's.
            Matcher woken = WOKEN.matcher(event.statement());
            if (woken.find() && lastRelease.containsKey(woken.group(1))) {
                wokenBy.put(event.process(), lastRelease.get(woken.group(1)));
            }
            Integer segment = wokenBy.getOrDefault(event.process(), current.get(event.process()));
            Matcher releases = RELEASES_MONITOR.matcher(event.statement());
            if (releases.matches() && segment != null) {
                lastRelease.put(releases.group(1), segment);
            }
            Matcher joins = JOINS_QUEUE.matcher(event.statement());
            Matcher takes = TAKES_MONITOR.matcher(event.statement());
            if (joins.matches()) {
                queuedFor.put(event.process(), joins.group(1));
            } else if (takes.matches()) {
                queuedFor.remove(event.process());
            }
            if (segment != null) { // before its first label a thread is setting up, ahead of every release
                access(event.statement(), segment, accesses, before);
                if (IN_FLIGHT_WRITE.matcher(event.statement()).find() && sessionOf.containsKey(event.process())) {
                    touch("inFlight " + sessionOf.get(event.process()), true, segment, accesses, before);
                }
            }
        }
        // A thread still queued at the end found the monitor taken: it read the owner, after every write of it.
        queuedFor.forEach((process, monitor) -> {
            Integer segment = current.get(process);
            if (segment != null) {
                touch(key(monitor + ".owner"), false, segment, accesses, before);
            }
        });
        return serialize(labels, before);
    }

    private static void access(
            String statement, int segment, Map<String, List<Access>> accesses, Map<Integer, Set<Integer>> before) {
        Matcher assignment = ASSIGNMENT.matcher(statement);
        String read = statement;
        if (assignment.matches()) {
            if (STATE.matcher(assignment.group(1)).find()) {
                touch(key(assignment.group(1)), true, segment, accesses, before);
            }
            read = assignment.group(2);
        }
        Matcher reads = STATE.matcher(read);
        while (reads.find()) {
            touch(key(reads.group()), false, segment, accesses, before);
        }
    }

    private static void touch(
            String key,
            boolean write,
            int segment,
            Map<String, List<Access>> accesses,
            Map<Integer, Set<Integer>> before) {
        List<Access> seen = accesses.computeIfAbsent(key, k -> new ArrayList<>());
        for (Access earlier : seen) {
            if (earlier.segment() != segment && (write || earlier.write())) {
                before.get(segment).add(earlier.segment()); // a conflict: the earlier access's segment runs first
            }
        }
        seen.add(new Access(segment, write));
    }

    private static String key(String piece) {
        Matcher m = STATE.matcher(piece);
        if (!m.find()) {
            throw new IllegalArgumentException("not a piece of the coordinator's state: " + piece);
        }
        return m.group(1) != null ? m.group(1) + "." + m.group(2) : m.group(3);
    }

    // Kahn's algorithm, always taking the earliest printed label whose segments-before have all run.
    private static List<String> serialize(List<String> labels, Map<Integer, Set<Integer>> before) {
        List<String> order = new ArrayList<>();
        Set<Integer> done = new LinkedHashSet<>();
        while (done.size() < labels.size()) {
            int next = -1;
            for (int segment = 0; segment < labels.size() && next < 0; segment++) {
                if (!done.contains(segment) && done.containsAll(before.get(segment))) {
                    next = segment;
                }
            }
            if (next < 0) { // a cycle: no failpoint schedule runs these segments one after another
                for (int segment = 0; segment < labels.size() && next < 0; segment++) {
                    next = done.contains(segment) ? -1 : segment;
                }
            }
            done.add(next);
            order.add(labels.get(next));
        }
        return order;
    }
}
