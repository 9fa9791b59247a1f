package lab.kb905214.stress.jcstress;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import lab.kb905214.stress.results.ResultsDirectory;

/**
 * Runs this lab's JCStress tests within a time budget, under a watchdog, then writes the results files.
 *
 * <p>{@code java -cp target/jcstress.jar lab.kb905214.stress.jcstress.JcstressRun --jar target/jcstress.jar
 * --budget 90s --report target/jcstress-report --console target/jcstress-console.txt --results
 * target/lab-results}. It starts {@code java -jar jcstress.jar} with the arguments of {@link JcstressPlan}, copies
 * its output to the console and to the log file (adding its own {@code [run]} and {@code [watchdog]} lines), kills
 * deadlocked forks through {@link ForkWatchdog}, kills the whole run at the plan's deadline, and hands the log to
 * {@link JcstressResults}. It records and never judges: it exits 0 whatever JCStress found or however it ended.
 */
public final class JcstressRun {
    private static final Pattern HEADER = Pattern.compile("^\\.+\\s*\\[([A-Z][A-Z ]*)\\]\\s+(\\S+)\\s*$");
    private static final Pattern BUDGET = Pattern.compile("^(\\d+)\\s*(ms|s|m|h)?$");

    private final Path console;
    private final long startNanos = System.nanoTime();
    private BufferedWriter log; // guarded by this
    private boolean inRunResults;

    private JcstressRun(Path console) {
        this.console = console;
    }

    /** Runs JCStress and writes the results files; see the class comment for the options. Always exits 0. */
    public static void main(String[] args) {
        Map<String, String> options = JcstressResults.Options.parse(args);
        Path target = Path.of("target").toAbsolutePath();
        Path jar = Path.of(options.getOrDefault("jar", target.resolve("jcstress.jar").toString())).toAbsolutePath();
        Path report = Path.of(options.getOrDefault("report", target.resolve("jcstress-report").toString()))
                .toAbsolutePath();
        Path console = Path.of(options.getOrDefault("console", target.resolve("jcstress-console.txt").toString()))
                .toAbsolutePath();
        Path results = Path.of(options.getOrDefault("results", target.resolve("lab-results").toString()));
        Path dumps = Path.of(options.getOrDefault("dumps", console.resolveSibling("jcstress-dumps").toString()));
        String budgetText = options.getOrDefault("budget", "90s");
        JcstressPlan plan = JcstressPlan.forBudget(parseBudget(budgetText));
        String planText = "budget " + budgetText + ": " + plan.describe();
        try {
            new JcstressRun(console).run(jar, plan, planText, report, dumps);
        } catch (IOException | RuntimeException e) {
            // Recorded, not thrown: the results files below say the log is missing or truncated.
            System.out.println("JCStress run failed to complete: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            for (JcstressResults.Written written
                    : JcstressResults.write(console, report, ResultsDirectory.at(results), planText)) {
                System.out.println("[run] wrote " + written.summary());
            }
        } catch (RuntimeException e) {
            System.out.println("[run] could not write the JCStress results files: " + e);
        }
    }

    /** "90s", "20m", "1h", "500ms" or plain seconds; a malformed value falls back to 90 s (and says so). */
    static Duration parseBudget(String text) {
        Matcher m = BUDGET.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            System.out.println("[run] unreadable budget '" + text + "', using 90s");
            return Duration.ofSeconds(90);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    private void run(Path jar, JcstressPlan plan, String planText, Path report, Path dumps)
            throws IOException, InterruptedException {
        Files.createDirectories(console.getParent());
        deleteTree(report); // a report of an earlier run would mix with this one's
        deleteTree(dumps);
        // JCStress writes its result blob into the working directory: keep it under target/, not the module root.
        Path work = console.resolveSibling("jcstress-work");
        Files.createDirectories(work);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(plan.arguments(report.toString()));
        try (BufferedWriter writer = Files.newBufferedWriter(console, StandardCharsets.UTF_8)) {
            attach(writer);
            mark(JcstressConsole.RUN_PREFIX + "START " + planText);
            mark(JcstressConsole.RUN_PREFIX + "COMMAND " + String.join(" ", command));
            Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
            Thread copier = new Thread(() -> copy(process), "jcstress-output");
            copier.setDaemon(true);
            copier.start();
            ForkWatchdog watchdog = new ForkWatchdog(dumps, this::mark);
            long deadline = startNanos + plan.deadline().toNanos();
            while (!process.waitFor(1, TimeUnit.SECONDS)) {
                watchdog.check(process.toHandle());
                if (System.nanoTime() - deadline > 0) {
                    mark(ForkWatchdog.PREFIX + "DEADLINE seconds=" + plan.deadline().toSeconds());
                    watchdog.killAll(process.toHandle());
                    process.waitFor(30, TimeUnit.SECONDS);
                    break;
                }
            }
            copier.join(TimeUnit.SECONDS.toMillis(30));
            mark(JcstressConsole.RUN_PREFIX + "END seconds=" + elapsed() + " exit="
                    + (process.isAlive() ? "killed" : Integer.toString(process.exitValue())));
        } finally {
            attach(null); // before the writer closes: a late line from the copier goes to the console only
        }
    }

    private synchronized void attach(BufferedWriter writer) {
        log = writer;
    }

    private void copy(Process process) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                Matcher header = HEADER.matcher(line);
                // The full output goes to the log file; the build log gets one line per result.
                write(line, header.matches() || line.contains("HTML report generated"));
                if (line.startsWith("RUN RESULTS:")) {
                    inRunResults = true;
                } else if (line.strip().startsWith("Test configuration:")) {
                    mark(JcstressConsole.RUN_PREFIX + "PROBED at=" + elapsed());
                }
                if (header.matches() && !inRunResults) {
                    mark(JcstressConsole.RUN_PREFIX + "RESULT at=" + elapsed() + " test=" + header.group(2)
                            + " status=" + header.group(1).strip().replace(' ', '_'));
                }
            }
        } catch (IOException e) {
            mark(JcstressConsole.RUN_PREFIX + "OUTPUT_LOST reason=" + e.getClass().getSimpleName());
        }
    }

    /** Writes a line of the lab's own to the log and to this process's output (the build log). */
    private void mark(String line) {
        write(line, true);
    }

    private synchronized void write(String line, boolean echo) {
        if (echo) {
            System.out.println(line);
        }
        if (log == null) {
            return;
        }
        try {
            log.write(line);
            log.newLine();
            log.flush(); // a run killed later still leaves everything up to here
        } catch (IOException e) {
            System.out.println("[run] cannot write " + console + ": " + e);
        }
    }

    private String elapsed() {
        return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startNanos) / 1e9);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
