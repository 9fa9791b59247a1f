package lab.kb905214.stress.spin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What pan (SPIN's generated verifier) printed about one search: its size, its errors, and whether it covered the
 * whole state space.
 *
 * @param statesStored distinct states stored
 * @param transitions transitions taken
 * @param depthReached the deepest point of the search
 * @param errors errors found (invalid end states, assertion violations, acceptance or non-progress cycles)
 * @param errorKinds the errors pan named ("invalid end state", "acceptance cycle", ...); going on past errors (-c0),
 *     pan names only the first
 * @param searchCompleted true only when pan searched the full state space to its end: no "Search not completed", no
 *     depth or memory limit reached, not a bitstate (approximate) search
 * @param truncatedBy why the search did not complete, or empty
 * @param memoryMb total memory pan reported, or -1
 * @param panSeconds pan's own elapsed time, or -1
 */
public record PanReport(
        long statesStored,
        long transitions,
        long depthReached,
        long errors,
        List<String> errorKinds,
        boolean searchCompleted,
        List<String> truncatedBy,
        double memoryMb,
        double panSeconds) {

    private static final Pattern VECTOR =
            Pattern.compile("State-vector \\d+ byte, depth reached (\\d+), errors: (\\d+)");
    private static final Pattern STORED =
            Pattern.compile("^\\s*(\\d+(?:\\.\\d+)?(?:e\\+\\d+)?) states, stored", Pattern.MULTILINE);
    private static final Pattern TRANSITIONS =
            Pattern.compile("^\\s*(\\d+(?:\\.\\d+)?(?:e\\+\\d+)?) transitions \\(=", Pattern.MULTILINE);
    private static final Pattern ERROR = Pattern.compile("^pan:\\d+: (.+?) \\(at depth \\d+\\)", Pattern.MULTILINE);
    private static final Pattern MEMORY =
            Pattern.compile("^\\s*(\\d+(?:\\.\\d+)?)\\s+total actual memory usage", Pattern.MULTILINE);
    private static final Pattern ELAPSED =
            Pattern.compile("^pan: elapsed time (\\d+(?:\\.\\d+)?(?:e[+-]\\d+)?) seconds", Pattern.MULTILINE);

    /** Reads pan's output; fails when it holds no search summary at all (pan did not run its search). */
    public static PanReport parse(String output) {
        Matcher vector = VECTOR.matcher(output);
        Matcher stored = STORED.matcher(output);
        if (!vector.find() || !stored.find()) {
            throw new IllegalArgumentException("no search summary in pan's output:\n" + tail(output));
        }
        List<String> kinds = new ArrayList<>();
        Matcher error = ERROR.matcher(output);
        while (error.find()) {
            kinds.add(error.group(1));
        }
        List<String> truncated = new ArrayList<>();
        if (output.contains("Search not completed")) {
            truncated.add("pan: Search not completed");
        }
        if (output.contains("max search depth too small")) {
            truncated.add("pan: max search depth too small (depth limit -m reached)");
        }
        if (output.contains("reached -DMEMLIM bound") || output.contains("out of memory")) {
            truncated.add("pan: memory limit reached");
        }
        if (!output.contains("Full statespace search for:")) {
            truncated.add("not a full state-space search (bitstate or hash-compact approximation)");
        }
        Matcher transitions = TRANSITIONS.matcher(output);
        return new PanReport(
                number(stored.group(1)),
                transitions.find() ? number(transitions.group(1)) : -1,
                Long.parseLong(vector.group(1)),
                Long.parseLong(vector.group(2)),
                List.copyOf(kinds),
                truncated.isEmpty(),
                List.copyOf(truncated),
                decimal(MEMORY.matcher(output)),
                decimal(ELAPSED.matcher(output)));
    }

    /** The first error kind pan announced, if any. */
    public Optional<String> firstErrorKind() {
        return errorKinds.stream().findFirst();
    }

    // pan writes large counts as 1.2345e+07
    private static long number(String text) {
        return text.contains("e") || text.contains(".") ? Math.round(Double.parseDouble(text)) : Long.parseLong(text);
    }

    private static double decimal(Matcher matcher) {
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
    }

    private static String tail(String output) {
        return output.length() > 1500 ? output.substring(output.length() - 1500) : output;
    }
}
