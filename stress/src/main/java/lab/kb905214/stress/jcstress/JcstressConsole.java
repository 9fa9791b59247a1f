package lab.kb905214.stress.jcstress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console output of one JCStress 0.16 run (with {@code -v}), read into what each test showed.
 *
 * <p>The output has two parts: a block per finished fork while the run goes ({@code .... [OK] test}, its JVM args,
 * fork number, a table of outcomes and messages), then {@code RUN RESULTS:} with one block per test holding the
 * "Results across all configurations". A run cut short has only the first part, so the totals fall back to the sum
 * of the fork tables. Lines written by {@link ForkWatchdog} are read too. Anything unrecognised is skipped.
 */
final class JcstressConsole {
    private static final Pattern HEADER = Pattern.compile("^\\.+\\s*\\[([A-Z][A-Z ]*)\\]\\s+(\\S+)\\s*$");
    private static final Pattern ROW =
            Pattern.compile("^\\s+(\\S.*?)\\s+(\\d[\\d,]*)\\s+([<>]?\\d+(?:\\.\\d+)?%)\\s+([A-Za-z_]+)(?:\\s+(.*))?$");
    private static final Pattern FORK = Pattern.compile("^\\s*Fork: #(\\d+)\\s*$");
    private static final Pattern JVM_ARGS = Pattern.compile("^\\s*JVM args: (.*)$");
    private static final Pattern WATCHDOG_FIELD = Pattern.compile("(\\w+)=(\\S+)");
    private static final Pattern UNSCHEDULED = Pattern.compile("^\\s*(\\d+) actors:\\s*$");

    /**
     * One fork's result as JCStress printed it.
     *
     * @param test the test class
     * @param status OK, FAILED, ERROR, TIMEOUT, VM ERROR, ...
     * @param jvmArgs the fork's JVM args, as printed
     * @param number the fork number within its configuration, or 0 if not printed
     * @param outcomes samples per outcome id, in printed order
     * @param forbidden the outcome ids JCStress graded Forbidden
     * @param messages the fork's messages and VM output lines
     */
    record Fork(
            String test,
            String status,
            String jvmArgs,
            int number,
            Map<String, Long> outcomes,
            List<String> forbidden,
            List<String> messages) {
        /** The samples this fork finished. */
        long samples() {
            return outcomes.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * A test's line in RUN RESULTS: its status and its outcomes across all configurations.
     *
     * @param test the test class
     * @param status the worst status JCStress gave the test
     * @param outcomes samples per outcome id
     * @param forbidden the outcome ids graded Forbidden
     * @param messages the messages JCStress collected for the test
     */
    record Totals(
            String test, String status, Map<String, Long> outcomes, List<String> forbidden, List<String> messages) {}

    /**
     * One line the lab added to the console log: an action of {@link ForkWatchdog} ({@code [watchdog]}: IDLE,
     * KILLED, DEADLINE) or a mark of {@link JcstressRunner} ({@code [run]}: START, PROBED, RESULT, END).
     *
     * @param kind the first word after the prefix
     * @param fields its key=value fields
     * @param details for an IDLE, the lines printed just before it: the deadlock cycle, or where the threads in the
     *     engines were parked
     */
    record Event(String kind, Map<String, String> fields, List<String> details) {
        /** A field's value, or "" if absent. */
        String field(String name) {
            return fields.getOrDefault(name, "");
        }

        /** A numeric field's value, or {@code orElse}. */
        double number(String name, double orElse) {
            try {
                return Double.parseDouble(field(name));
            } catch (NumberFormatException e) {
                return orElse;
            }
        }
    }

    /** The prefix of the lines {@link JcstressRunner} adds to the console log. */
    static final String RUN_PREFIX = "[run] ";

    private final List<Fork> forks = new ArrayList<>();
    private final Map<String, Totals> totals = new LinkedHashMap<>();
    private final List<Event> watchdog = new ArrayList<>();
    private final List<Event> run = new ArrayList<>();
    private final List<String> unschedulable = new ArrayList<>();
    private boolean runResults;
    private boolean reportWritten;

    private JcstressConsole() {}

    /** Reads {@code lines}; never throws on unexpected or truncated text. */
    static JcstressConsole parse(List<String> lines) {
        JcstressConsole console = new JcstressConsole();
        console.read(lines);
        return console;
    }

    /** Every fork result of {@code test}, in the order JCStress printed them. */
    List<Fork> forks(String test) {
        return forks.stream().filter(f -> f.test().equals(test)).toList();
    }

    /** The RUN RESULTS entry of {@code test}, if the run got that far and JCStress listed it. */
    Optional<Totals> totals(String test) {
        return Optional.ofNullable(totals.get(test));
    }

    /** The watchdog's actions on forks of {@code test}. */
    List<Event> watchdog(String test) {
        return watchdog.stream().filter(e -> e.field("test").equals(test)).toList();
    }

    /** The watchdog's kills of the whole run (its deadline passed). */
    List<Event> deadlineKills() {
        return watchdog.stream().filter(e -> e.kind().equals("DEADLINE")).toList();
    }

    /** The runner's marks, in order. */
    List<Event> runEvents() {
        return List.copyOf(run);
    }

    /** The runner's first mark of {@code kind}, if any. */
    Optional<Event> runEvent(String kind) {
        return run.stream().filter(e -> e.kind().equals(kind)).findFirst();
    }

    /** JCStress's "N actors: No scheduling is possible" notes (tests this machine is too small to run). */
    List<String> unschedulable() {
        return List.copyOf(unschedulable);
    }

    /** Whether the run printed RUN RESULTS (it finished). */
    boolean finished() {
        return runResults;
    }

    /** Whether JCStress said it wrote its HTML report. */
    boolean reportWritten() {
        return reportWritten;
    }

    private void read(List<String> lines) {
        List<String> pendingDetails = new ArrayList<>();
        Block block = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith(ForkWatchdog.PREFIX)) {
                readTagged(line.substring(ForkWatchdog.PREFIX.length()), pendingDetails, watchdog);
                continue;
            }
            if (line.startsWith(RUN_PREFIX)) {
                readTagged(line.substring(RUN_PREFIX.length()), new ArrayList<>(), run);
                continue;
            }
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                close(block);
                block = new Block(header.group(2), header.group(1).strip(), runResults);
                continue;
            }
            if (line.startsWith("RUN RESULTS:")) {
                close(block);
                block = null;
                runResults = true;
                continue;
            }
            if (line.contains("HTML report generated at")) {
                reportWritten = true;
            }
            Matcher actors = UNSCHEDULED.matcher(line);
            if (actors.matches() && i + 1 < lines.size() && lines.get(i + 1).contains("No scheduling is possible")) {
                unschedulable.add(
                        actors.group(1) + " actors: " + lines.get(i + 1).strip());
            }
            if (block == null) {
                continue;
            }
            if (line.startsWith("(") || isGroupHeading(line)) { // progress lines and RUN RESULTS groups end a block
                close(block);
                block = null;
                continue;
            }
            block.read(line);
        }
        close(block);
    }

    private static boolean isGroupHeading(String line) {
        String s = line.strip();
        return s.startsWith("Interesting tests:")
                || s.startsWith("Failed tests:")
                || s.startsWith("Error tests:")
                || s.startsWith("All remaining tests:");
    }

    private static void readTagged(String text, List<String> pendingDetails, List<Event> into) {
        if (text.startsWith("| ")) {
            pendingDetails.add(text.substring(2));
            return;
        }
        int space = text.indexOf(' ');
        String kind = space < 0 ? text : text.substring(0, space);
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = WATCHDOG_FIELD.matcher(space < 0 ? "" : text.substring(space));
        while (m.find()) {
            fields.put(m.group(1), m.group(2));
        }
        into.add(new Event(kind, fields, List.copyOf(pendingDetails)));
        pendingDetails.clear();
    }

    private void close(Block block) {
        if (block == null) {
            return;
        }
        if (block.inRunResults) {
            totals.put(
                    block.test, new Totals(block.test, block.status, block.outcomes, block.forbidden, block.messages));
        } else {
            forks.add(new Fork(
                    block.test,
                    block.status,
                    block.jvmArgs,
                    block.fork,
                    block.outcomes,
                    block.forbidden,
                    block.messages));
        }
    }

    /** The lines under one {@code .... [STATUS] test} header. */
    private static final class Block {
        final String test;
        final String status;
        final boolean inRunResults;
        final Map<String, Long> outcomes = new LinkedHashMap<>();
        final List<String> forbidden = new ArrayList<>();
        final List<String> messages = new ArrayList<>();
        String jvmArgs = "";
        int fork;
        boolean inMessages;
        boolean acrossAll;

        Block(String test, String status, boolean inRunResults) {
            this.test = test;
            this.status = status;
            this.inRunResults = inRunResults;
        }

        void read(String line) {
            String s = line.strip();
            if (s.equals("Messages:") || s.equals("VM output stream:") || s.equals("VM error stream:")) {
                inMessages = true;
                return;
            }
            if (inMessages) {
                if (!s.isEmpty() && indent(line) >= 4) {
                    messages.add(s);
                    return;
                }
                inMessages = false;
            }
            Matcher jvm = JVM_ARGS.matcher(line);
            if (jvm.matches()) {
                jvmArgs = jvm.group(1).strip();
                acrossAll = false;
                return;
            }
            Matcher f = FORK.matcher(line);
            if (f.matches()) {
                fork = Integer.parseInt(f.group(1));
                return;
            }
            if (s.equals("Results across all configurations:")) {
                acrossAll = true;
                return;
            }
            Matcher row = ROW.matcher(line);
            // In RUN RESULTS, only the table across all configurations counts (per-configuration tables repeat it).
            boolean counts = !inRunResults || acrossAll;
            if (counts && row.matches() && !row.group(1).equals("RESULT")) {
                String id = row.group(1).strip();
                outcomes.merge(id, Long.parseLong(row.group(2).replace(",", "")), Long::sum);
                if (row.group(4).equalsIgnoreCase("Forbidden") && !forbidden.contains(id)) {
                    forbidden.add(id);
                }
            }
        }

        private static int indent(String line) {
            int n = 0;
            while (n < line.length() && line.charAt(n) == ' ') {
                n++;
            }
            return n;
        }
    }
}
