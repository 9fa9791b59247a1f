package lab.kb905214.stress.jcstress;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a {@link JcstressRunner#runSelection selection run} showed, test by test: its samples, and each thing a correct
 * coordinator never shows (a forbidden outcome, STALE among them; a deadlocked or hung fork; a fork that failed or
 * crashed). It reads the console log and reports; deciding what a problem means is the caller's business.
 */
public final class JcstressFindings {
    private static final Pattern LOCKED_OBJECT = Pattern.compile(", a ([\\w.$]+)\\)");

    /**
     * What one test showed.
     *
     * @param test the test class
     * @param samples the samples JCStress counted (a fork that never returned counts none)
     * @param outcomes samples per outcome id
     * @param problems one line per thing a correct coordinator never shows; empty when there is none
     */
    public record TestFindings(String test, long samples, Map<String, Long> outcomes, List<String> problems) {}

    private final List<TestFindings> tests;
    private final List<String> notRun;
    private final String firstProblem;
    private final boolean firstProblemHung;
    private final Double firstProblemSeconds;
    private final double runSeconds;
    private final String evidence;

    private JcstressFindings(
            List<TestFindings> tests,
            List<String> notRun,
            String firstProblem,
            boolean firstProblemHung,
            Double firstProblemSeconds,
            double runSeconds,
            String evidence) {
        this.tests = tests;
        this.notRun = notRun;
        this.firstProblem = firstProblem;
        this.firstProblemHung = firstProblemHung;
        this.firstProblemSeconds = firstProblemSeconds;
        this.runSeconds = runSeconds;
        this.evidence = evidence;
    }

    /** Reads the console log of a run of {@code tests}; a missing log gives findings that say so (no test ran). */
    public static JcstressFindings read(Path console, List<String> tests) {
        List<String> lines;
        List<String> evidence = new ArrayList<>();
        try {
            lines = JcstressResults.readLenient(console);
        } catch (IOException e) {
            lines = List.of();
            evidence.add("JCStress console log missing or unreadable: " + console + " (" + e + ")");
        }
        JcstressConsole parsed = JcstressConsole.parse(lines);
        evidence.add("JCStress 0.16 console: " + console
                + (parsed.finished()
                        ? ""
                        : " (no RUN RESULTS: the run was "
                                + "stopped or cut short; counts are the fork results printed before)"));
        parsed.runEvent("STOPPED")
                .ifPresent(e -> evidence.add("stopped at " + e.field("at") + " s, at its first " + "finding"));
        parsed.deadlineKills()
                .forEach(e ->
                        evidence.add("watchdog killed the whole run at its deadline (" + e.field("seconds") + " s)"));
        List<TestFindings> found = new ArrayList<>();
        List<String> notRun = new ArrayList<>();
        for (String test : tests) {
            ScenarioTally tally = new ScenarioTally();
            tally.add(test, parsed, Optional.empty());
            if (!tally.notRun.isEmpty()) {
                notRun.add(JcstressSuite.shortName(test));
            }
            Map<String, Long> outcomes = new LinkedHashMap<>();
            String prefix = JcstressSuite.shortName(test) + " ";
            tally.outcomes.forEach((key, n) -> outcomes.put(key.substring(prefix.length()), n));
            found.add(new TestFindings(test, tally.samples(), outcomes, problems(test, tally, parsed, prefix)));
            evidence.addAll(tally.evidence);
        }
        if (!notRun.isEmpty()) {
            evidence.add("printed nothing: " + String.join(", ", notRun)
                    + (parsed.unschedulable().isEmpty()
                            ? ""
                            : " (JCStress: " + String.join("; ", parsed.unschedulable()) + ")"));
        }
        double runSeconds =
                parsed.runEvent("END").map(e -> e.number("seconds", 0)).orElse(0.0);
        // The first fork result other than OK whose test shows a problem: JCStress prints a fork's outcomes only when
        // the fork ends, so this is the time (since the run began, JCStress's start and probing included) at which
        // the run could first tell, not the time of the failing sample.
        String first = null;
        boolean firstHung = false;
        Double firstAt = null;
        for (JcstressConsole.Event e : parsed.runEvents()) {
            if (!e.kind().equals("RESULT") || e.field("status").equals("OK")) {
                continue;
            }
            Optional<TestFindings> t = found.stream()
                    .filter(f ->
                            f.test().equals(e.field("test")) && !f.problems().isEmpty())
                    .findFirst();
            if (t.isPresent()) {
                first = describe(t.get());
                firstHung = hung(t.get());
                firstAt = e.number("at", runSeconds);
                break;
            }
        }
        if (first == null) {
            Optional<TestFindings> t =
                    found.stream().filter(f -> !f.problems().isEmpty()).findFirst();
            if (t.isPresent()) {
                first = describe(t.get());
                firstHung = hung(t.get());
                firstAt = runSeconds;
            }
        }
        return new JcstressFindings(
                List.copyOf(found),
                List.copyOf(notRun),
                first,
                firstHung,
                firstAt,
                runSeconds,
                String.join("\n", evidence));
    }

    private static List<String> problems(String test, ScenarioTally tally, JcstressConsole console, String prefix) {
        List<String> problems = new ArrayList<>();
        tally.forbiddenOutcomes.forEach((key, n) -> problems.add("forbidden " + key.substring(prefix.length())
                + (key.endsWith(" STALE") ? " (the waiter never returned)" : "") + " x" + n));
        List<JcstressConsole.Event> idle = new ArrayList<>();
        int kills = 0;
        for (JcstressConsole.Event e : console.watchdog(test)) {
            if (e.kind().equals("IDLE")) {
                idle.add(e);
            } else if (e.kind().equals("KILLED")) {
                kills++;
                // What the watchdog's last dump of that fork showed: the locks of the cycle, or where threads waited.
                List<String> details = idle.stream()
                        .filter(i -> i.field("fork").equals(e.field("fork")))
                        .reduce((a, b) -> b)
                        .map(JcstressConsole.Event::details)
                        .orElse(List.of());
                if (e.field("reason").equals("deadlock")) {
                    problems.add("fork deadlocked, killed by the watchdog: lock cycle on " + lockClasses(details));
                } else {
                    problems.add("fork hung (idle, no lock cycle), killed by the watchdog"
                            + (details.isEmpty()
                                    ? ""
                                    : ": " + details.stream().limit(3).collect(Collectors.joining("; "))));
                }
            }
        }
        if (tally.timeouts > 0) {
            problems.add(tally.timeouts + " fork(s) timed out in JCStress (an actor never returned)");
        }
        int killedForksLeft = kills; // a fork the watchdog killed shows as a VM ERROR: already said above
        for (JcstressConsole.Fork fork : console.forks(test)) {
            String status = fork.status();
            boolean explained = status.equals("OK") || (status.equals("FAILED") && !tally.forbiddenOutcomes.isEmpty());
            if (!explained && status.equals("VM ERROR") && killedForksLeft > 0) {
                killedForksLeft--;
                explained = true;
            }
            if (!explained) {
                problems.add("fork " + status
                        + (fork.messages().isEmpty()
                                ? ""
                                : ": " + fork.messages().stream().limit(3).collect(Collectors.joining(" | "))));
            }
        }
        return problems;
    }

    /** The classes of the monitors in a thread dump's deadlock section ("..., a pkg.Class$Lock)"), by simple name. */
    static String lockClasses(List<String> cycle) {
        List<String> locks = new ArrayList<>();
        for (String line : cycle) {
            Matcher m = LOCKED_OBJECT.matcher(line);
            while (m.find()) {
                String name = m.group(1).substring(m.group(1).lastIndexOf('.') + 1);
                if (!locks.contains(name)) {
                    locks.add(name);
                }
            }
        }
        return locks.isEmpty() ? "(not in the dump)" : String.join(" and ", locks);
    }

    private static String describe(TestFindings t) {
        return JcstressSuite.shortName(t.test()) + ": " + String.join("; ", t.problems());
    }

    /** What each test showed, in the order asked for. */
    public List<TestFindings> tests() {
        return tests;
    }

    /** The tests (simple names) that printed nothing: not scheduled, not found, or the run ended first. */
    public List<String> notRun() {
        return notRun;
    }

    /** All samples JCStress counted, across the tests. */
    public long samples() {
        return tests.stream().mapToLong(TestFindings::samples).sum();
    }

    /** The first test, in the order JCStress printed them, that showed a problem, and what it showed. */
    public Optional<String> firstProblem() {
        return Optional.ofNullable(firstProblem);
    }

    /**
     * Whether {@link #firstProblem}'s test had a fork the watchdog proved hung (a lock cycle, or idle with its stacks);
     * a fork JCStress timed out without the watchdog's proof is a problem but not a proven hang.
     */
    public boolean firstProblemHung() {
        return firstProblemHung;
    }

    // A fork the watchdog killed, with its proof (see problems).
    private static boolean hung(TestFindings test) {
        return test.problems().stream().anyMatch(p -> p.startsWith("fork deadlocked") || p.startsWith("fork hung"));
    }

    /** Seconds from the run's start to the printing of {@link #firstProblem}'s fork result; empty when none. */
    public Optional<Double> firstProblemSeconds() {
        return Optional.ofNullable(firstProblemSeconds);
    }

    /** The run's wall time, JCStress's start and probing included. */
    public double runSeconds() {
        return runSeconds;
    }

    /** The run's summary, one line per test and per notable fork (thread dumps, watchdog kills), for a results file. */
    public String evidence() {
        return evidence;
    }
}
