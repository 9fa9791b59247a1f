package lab.kb905214.stress.spin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One error trail replayed by {@code spin -t -p -g}, and what its final state shows: the monitors of the model, with
 * their owners, entry queues and wait sets, say whether the threads left are in a lock cycle (H1) or parked in a wait
 * set that nobody will notify (H2).
 *
 * @param kind what the final state shows
 * @param steps the labels the trail printed, in order, with their thread ("completion.begin check 0", ...): each Step
 *     id, and the client's move ("client.leave session 0", "client.reset session 0") where its watcher looks
 * @param releases the same labels in the order a failpoint schedule must release them in for the engine to run the
 *     trail's execution ({@link SerialOrder})
 * @param finalState the final values of the model's global variables
 * @param summary one line saying what the final state shows
 * @param text the replay, trimmed to the steps, the monitor operations and the final state
 */
public record SpinTrail(
        Kind kind,
        List<String> steps,
        List<String> releases,
        Map<String, Long> finalState,
        String summary,
        String text) {

    /** What a trail's final state shows. */
    public enum Kind {
        /** Threads each own a monitor another of them is queued for. */
        LOCK_CYCLE,
        /** No lock cycle; a thread is parked in a monitor's wait set that no notifyAll will empty. */
        WAITER_NEVER_WOKEN,
        /** Neither (an assertion, or a model without monitors). */
        OTHER
    }

    private static final int FREE = 255;
    private static final Pattern GLOBAL = Pattern.compile("^\\t\\t([A-Za-z_][\\w.\\[\\]]*) = (-?\\d+)$");
    private static final Pattern STEP = Pattern.compile("^\\s*step (\\S.*)$");
    /**
     * One statement of {@code spin -p}: "  27:\tproc  1 (Completion:1) buggy-coordinator.pml:75 (state 15)\t[...]"; the
     * process is its pid and proctype ("1 (Completion"): two sessions run the same proctype.
     */
    private static final Pattern STATEMENT =
            Pattern.compile("^\\s*\\d+:\\s+proc\\s+(\\d+ \\(\\w+):\\d+\\) .*\\t\\[(.*)]$");

    private static final Pattern MONITOR_FIELD = Pattern.compile("^(.+)\\.(owner|entryQueue|waitSet)$");

    /** Reads the output of {@code spin -t -p -g}. */
    public static SpinTrail parse(String replay) {
        List<String> lines = replay.lines().toList();
        int end = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("spin: trail ends after")) {
                end = i;
            }
        }
        if (end < 0) {
            throw new IllegalArgumentException("not a trail replay (no 'spin: trail ends after'):\n"
                    + replay.substring(0, Math.min(replay.length(), 1500)));
        }
        Map<String, Long> state = new LinkedHashMap<>();
        for (String line : lines.subList(end, lines.size())) {
            Matcher m = GLOBAL.matcher(line);
            if (m.matches()) {
                state.put(m.group(1), Long.parseLong(m.group(2)));
            }
        }
        List<String> steps = new ArrayList<>();
        List<SerialOrder.Event> events = new ArrayList<>();
        StringBuilder trimmed = new StringBuilder();
        for (String line : lines.subList(0, end)) {
            Matcher step = STEP.matcher(line);
            Matcher statement = STATEMENT.matcher(line);
            if (step.matches()) {
                steps.add(step.group(1).trim()); // spin prints a printf's output just before the printf statement
                trimmed.append(line.strip()).append('\n');
                continue;
            }
            if (statement.matches()) {
                events.add(
                        statement.group(2).startsWith("printf('step ")
                                ? SerialOrder.Event.label(statement.group(1), steps.get(steps.size() - 1))
                                : SerialOrder.Event.statement(statement.group(1), statement.group(2)));
            }
            if (line.contains("owner = ") || line.contains("waitSet = ") || line.contains("START OF CYCLE")) {
                trimmed.append(line.strip()).append('\n');
            }
        }
        for (String line : lines.subList(end, lines.size())) {
            trimmed.append(line.strip()).append('\n');
        }
        Classification c = classify(state);
        return new SpinTrail(
                c.kind,
                List.copyOf(steps),
                SerialOrder.of(events),
                state,
                c.summary,
                trimmed.toString().strip());
    }

    private record Classification(Kind kind, String summary) {}

    private record Monitor(String name, long owner, long entryQueue, long waitSet) {}

    private static Classification classify(Map<String, Long> state) {
        Map<String, Monitor> monitors = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : state.entrySet()) {
            Matcher m = MONITOR_FIELD.matcher(e.getKey());
            if (m.matches()) {
                String name = m.group(1);
                monitors.put(
                        name,
                        new Monitor(
                                name,
                                state.getOrDefault(name + ".owner", (long) FREE),
                                state.getOrDefault(name + ".entryQueue", 0L),
                                state.getOrDefault(name + ".waitSet", 0L)));
            }
        }
        // Thread t waits for thread o when t is queued for a monitor that o owns.
        Map<Integer, Integer> waitsFor = new LinkedHashMap<>();
        Map<Integer, String> wantedMonitor = new LinkedHashMap<>();
        for (Monitor m : monitors.values()) {
            if (m.owner == FREE) {
                continue;
            }
            for (int t = 0; t < 63; t++) {
                if ((m.entryQueue & (1L << t)) != 0) {
                    waitsFor.put(t, (int) m.owner);
                    wantedMonitor.put(t, m.name);
                }
            }
        }
        for (Integer start : waitsFor.keySet()) {
            List<Integer> path = new ArrayList<>();
            Integer t = start;
            while (t != null && !path.contains(t)) {
                path.add(t);
                t = waitsFor.get(t);
            }
            if (t != null) {
                List<Integer> cycle = path.subList(path.indexOf(t), path.size());
                StringBuilder s = new StringBuilder("lock cycle:");
                for (Integer thread : cycle) {
                    s.append(" thread ")
                            .append(thread)
                            .append(" holds ")
                            .append(ownedBy(monitors, thread))
                            .append(" and is queued for ")
                            .append(wantedMonitor.get(thread))
                            .append(';');
                }
                return new Classification(Kind.LOCK_CYCLE, s.substring(0, s.length() - 1));
            }
        }
        for (Monitor m : monitors.values()) {
            if (m.waitSet != 0) {
                return new Classification(
                        Kind.WAITER_NEVER_WOKEN,
                        "no lock cycle; wait set of " + m.name + " = " + threads(m.waitSet)
                                + " at the end of the trail, and no move left that would empty it");
            }
        }
        return new Classification(Kind.OTHER, "no lock cycle and no thread in a wait set");
    }

    private static String ownedBy(Map<String, Monitor> monitors, int thread) {
        return monitors.values().stream()
                .filter(m -> m.owner == thread)
                .map(Monitor::name)
                .toList()
                .toString();
    }

    private static String threads(long bits) {
        List<Integer> ids = new ArrayList<>();
        for (int t = 0; t < 63; t++) {
            if ((bits & (1L << t)) != 0) {
                ids.add(t);
            }
        }
        return "threads " + ids;
    }
}
