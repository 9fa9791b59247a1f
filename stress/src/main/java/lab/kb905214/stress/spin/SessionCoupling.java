package lab.kb905214.stress.spin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.kb905214.results.Fields;
import lab.kb905214.results.SpinCounters;

/**
 * What the sessions of a Promela model share, read from SPIN's own parse of it: its symbol table ({@code spin -d})
 * and its processes with every inline expanded ({@code spin -I}).
 *
 * <p>Why it matters. If the sessions share no state, only the completion thread, which serves one check at a time,
 * touches only that check's session, and keeps nothing from one check to the next, then a run of N sessions that
 * reaches an error, with the steps of every other session dropped, is a run of one session that reaches it too. So
 * a complete search of one session with T transactions (contained in the searches of two) stands for any number of
 * sessions with T each: the README's "Why two sessions stand for three" gives the argument in full. The premises
 * this class checks are:
 *
 * <ul>
 *   <li>every global is per session or per check (an array of {@code SESSIONS} or of {@code SESSIONS * TX}
 *       elements), or a ghost: a counter only ever counted up or down, which no statement reads (the liveness
 *       property reads {@code waiters}, the sum of each session's own count);
 *   <li>in each process, every subscript of that state, and every assignment to a name used as one, names that
 *       process's own session or check (see {@link #OWN_NAMES}).
 * </ul>
 *
 * <p>engine-buggy's model breaks the first premise: its sessions share the registry's monitor, which is H1.
 *
 * @param sharedGlobals globals that belong to no one session and are not ghosts
 * @param ghosts globals only ever counted up or down, which no statement reads
 * @param foreignAccesses each subscript or assignment that may reach another session's state, with its process
 */
public record SessionCoupling(List<String> sharedGlobals, List<String> ghosts, List<String> foreignAccesses) {

    // The model is read at bounds where a session's arrays and a check's arrays have different, unmistakable sizes.
    static final int PROBE_SESSIONS = 2;
    static final int PROBE_TRANSACTIONS = 3;

    private static final Pattern NEVER = Pattern.compile("(?!)"); // matches no value: the name is never assigned

    /**
     * Per process, the names that stand for its own session or check, each with the values it may be given (after
     * spin -I, at the probe's bounds). Session and Watcher get their session as their parameter {@code s} and never
     * assign it; a session's check is {@code s * TX + t}; the watcher tears down the check registered for its own
     * session, or none; the completion thread takes a check by its number and derives that check's session. The
     * constants are the resets of dead locals (0) and the registry's "no check" (255).
     */
    static final Map<String, Map<String, Pattern>> OWN_NAMES = Map.of(
            "Session", Map.of("s", NEVER, "c", Pattern.compile("\\(\\(s\\*" + PROBE_TRANSACTIONS + "\\)\\+t\\)")),
            "Watcher", Map.of("s", NEVER, "check", Pattern.compile("pending\\[s\\]|255|0")),
            "Completion",
                    Map.of("c", Pattern.compile("\\d+"), "s", Pattern.compile("\\(c/" + PROBE_TRANSACTIONS + "\\)|0")));

    // The completion thread's queue: it takes any started check by its number (then c is that number).
    private static final String QUEUE = "evaluating";

    // spin -I heads each process "proctype Session()", and init "proctype :init:()"
    private static final Pattern PROCESS = Pattern.compile("^proctype ([:\\w]+)\\(");
    private static final Pattern SUBSCRIPT = Pattern.compile("\\b(\\w+)\\[([^\\[\\]]+)\\]");
    private static final Pattern ASSIGNMENT = Pattern.compile("(?<![\\w.\\]])(\\w+) = ([^;]+);");

    /** Reads the coupling of {@code model} in {@code work} (where the model files are), with spin's parse of it. */
    public static SessionCoupling read(Path work, String model) throws IOException, InterruptedException {
        List<String> probe = List.of("-DSESSIONS=" + PROBE_SESSIONS, "-DTX=" + PROBE_TRANSACTIONS, "-DABORTS=1", model);
        BoundedProcess symbols = BoundedProcess.run(concat("spin", "-d", probe), work, SpinRunner.TOOL_LIMIT);
        SpinRunner.require(symbols);
        BoundedProcess processes = BoundedProcess.run(concat("spin", "-I", probe), work, SpinRunner.TOOL_LIMIT);
        SpinRunner.require(processes);
        return of(symbols.output(), processes.output());
    }

    /** The coupling that {@code spin -d} ({@code symbols}) and {@code spin -I} ({@code processes}) show. */
    static SessionCoupling of(String symbols, String processes) {
        Set<String> owned = new LinkedHashSet<>();
        List<String> shared = new ArrayList<>();
        List<String> ghosts = new ArrayList<>();
        for (String line : symbols.lines().toList()) {
            // type, name[size] or name, initial value, scope, kind, ...: "byte  	pending[2]	255	<:global:>	<array>"
            String[] column = line.split("\t", -1);
            if (column.length < 4
                    || !column[3].equals("<:global:>")
                    || column[0].strip().equals("proctype")) {
                continue;
            }
            String name = column[1].replaceAll("\\[.*", "");
            String size = column[1].contains("[") ? column[1].replaceAll(".*\\[(\\d+)\\].*", "$1") : "";
            if (size.equals(String.valueOf(PROBE_SESSIONS))
                    || size.equals(String.valueOf(PROBE_SESSIONS * PROBE_TRANSACTIONS))) {
                owned.add(name);
            } else if (size.isEmpty() && isGhost(name, processes)) {
                ghosts.add(name);
            } else {
                shared.add(name);
            }
        }
        return new SessionCoupling(List.copyOf(shared), List.copyOf(ghosts), foreignAccesses(owned, processes));
    }

    // Written only as name = (name+1) or name = (name-1), and read nowhere else.
    private static boolean isGhost(String name, String processes) {
        String q = Pattern.quote(name);
        String rest = processes.replaceAll("\\b" + q + " = \\(" + q + "[+-]1\\)", "");
        return !Pattern.compile("\\b" + q + "\\b").matcher(rest).find() && !rest.equals(processes);
    }

    private static List<String> foreignAccesses(Set<String> owned, String processes) {
        List<String> foreign = new ArrayList<>();
        String process = "?";
        for (String line : processes.lines().toList()) {
            Matcher header = PROCESS.matcher(line);
            if (header.find()) {
                process = header.group(1);
                continue;
            }
            Map<String, Pattern> own = OWN_NAMES.getOrDefault(process, Map.of());
            Matcher subscript = SUBSCRIPT.matcher(line);
            while (subscript.find()) {
                String index = subscript.group(2);
                boolean completionPick =
                        process.equals("Completion") && subscript.group(1).equals(QUEUE) && index.matches("\\d+");
                if (owned.contains(subscript.group(1)) && !own.containsKey(index) && !completionPick) {
                    foreign.add(process + ": " + subscript.group());
                }
            }
            Matcher assignment = ASSIGNMENT.matcher(line);
            while (assignment.find()) {
                Pattern allowed = own.get(assignment.group(1));
                if (allowed != null
                        && !allowed.matcher(assignment.group(2).strip()).matches()) {
                    foreign.add(process + ": " + assignment.group().strip());
                }
            }
        }
        return List.copyOf(new LinkedHashSet<>(foreign));
    }

    /** Whether nothing couples the sessions: no shared global, no access to another session's state. */
    public boolean sessionsIndependent() {
        return sharedGlobals.isEmpty() && foreignAccesses.isEmpty();
    }

    /** The counters' object ({@link SpinCounters#SESSION_COUPLING}). */
    Fields fields() {
        return new Fields()
                .put(SpinCounters.SessionCoupling.SHARED_GLOBALS, sharedGlobals)
                .put(SpinCounters.SessionCoupling.GHOSTS, ghosts)
                .put(SpinCounters.SessionCoupling.FOREIGN_ACCESSES, foreignAccesses)
                .note("probe", PROBE_SESSIONS + "x" + PROBE_TRANSACTIONS);
    }

    private static List<String> concat(String tool, String flag, List<String> rest) {
        List<String> command = new ArrayList<>(List.of(tool, flag));
        command.addAll(rest);
        return command;
    }
}
