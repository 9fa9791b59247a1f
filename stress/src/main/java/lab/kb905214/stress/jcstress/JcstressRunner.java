package lab.kb905214.stress.jcstress;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.kb905214.stress.files.FolderTree;
import lab.kb905214.stress.results.ResultsDirectory;
import lab.kb905214.stress.shard.Shard;
import lab.kb905214.stress.shard.ShardPlan;

/**
 * Runs this lab's JCStress tests within a time budget, under a watchdog, then writes the results files.
 *
 * <p>{@code java -cp target/jcstress.jar lab.kb905214.stress.jcstress.JcstressRunner --jar target/jcstress.jar
 * --budget 90s --report target/jcstress-report --console target/jcstress-console.txt --results
 * target/lab-results}. It starts {@code java -jar jcstress.jar} with the arguments of {@link JcstressPlan}, copies
 * its output to the console and to the log file (adding its own {@code [run]} and {@code [watchdog]} lines), kills
 * deadlocked forks through {@link ForkWatchdog}, kills the whole run at the plan's deadline, and hands the log to
 * {@link JcstressResults}. It records and never judges: it exits 0 whatever JCStress found or however it ended.
 */
public final class JcstressRunner {
    private static final Pattern HEADER = Pattern.compile("^\\.+\\s*\\[([A-Z][A-Z ]*)\\]\\s+(\\S+)\\s*$");
    private static final Pattern BUDGET = Pattern.compile("^(\\d+)\\s*(ms|s|m|h)?$");

    /**
     * How long a fork of a {@link #runSelection selection run} may sit idle, without a lock cycle, before the watchdog
     * kills it: past JCStress's own 30 s STALE wait, so a Termination test's hang still shows as JCStress's STALE,
     * but well short of the normal run's 75 s, since a selection run stops at its first finding anyway.
     */
    static final Duration SELECTION_HUNG_AFTER = Duration.ofSeconds(40);
    /** How long a selection run waits for the rest of a finding's fork block before it stops the run regardless. */
    private static final long FINDING_PRINT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Path console;
    private final long startNanos = System.nanoTime();
    private BufferedWriter log; // guarded by this
    private boolean inRunResults;
    /** When the first fork result other than OK was printed (0: none yet); set by the output copier. */
    private volatile long findingNanos;
    /** Whether that fork's block was printed to its end (JCStress's progress lines follow each block). */
    private volatile boolean findingPrinted;

    private JcstressRunner(Path console) {
        this.console = console;
    }

    /**
     * A run of chosen JCStress tests, apart from the lab's normal run (its results files are left alone).
     *
     * @param classpath the class path of the JCStress host (path-separated); JCStress 0.16 starts every fork with the
     *     host's class path, so the forks see the same classes (e.g. test classes that no jar holds)
     * @param testsRegex the regular expression selecting the tests ({@code -t})
     * @param tests the test classes it selects, by name (size the plan; a test that printed nothing is reported)
     * @param jvmArgs every fork's JVM arguments, one space-separated line
     * @param budget about how long the run may take when nothing hangs
     * @param dir where the console log, JCStress's HTML report and work files, and the thread dumps go
     * @param stopAtFirstFinding whether to end the run once a fork result other than OK was printed in full
     */
    public record Selection(
            String classpath,
            String testsRegex,
            List<String> tests,
            String jvmArgs,
            Duration budget,
            Path dir,
            boolean stopAtFirstFinding) {
        /** The console log of the run. */
        public Path console() {
            return dir.resolve("jcstress-console.txt");
        }
    }

    /**
     * Runs {@code selection} like the normal run (same arguments apart from the tests and JVM arguments; under the
     * watchdog; killed at the plan's deadline) and reads what its tests showed. Writes no results files.
     */
    public static JcstressFindings runSelection(Selection selection) throws IOException, InterruptedException {
        JcstressPlan plan =
                JcstressPlan.forSelection(selection.budget(), selection.tests().size());
        Path report = selection.dir().resolve("jcstress-report");
        String planText = "budget " + selection.budget().toSeconds() + "s: " + plan.describe();
        Files.createDirectories(selection.dir());
        Path classpathJar = classpathJar(selection.classpath(), selection.dir().resolve("classpath.jar"));
        List<String> command =
                new ArrayList<>(List.of(javaExecutable(), "-cp", classpathJar.toString(), "org.openjdk.jcstress.Main"));
        command.addAll(plan.arguments(report.toString(), selection.testsRegex(), selection.jvmArgs()));
        Path dumps = selection.dir().resolve("jcstress-dumps");
        JcstressRunner run = new JcstressRunner(selection.console());
        run.run(
                command,
                plan.deadline(),
                planText,
                report,
                dumps,
                SELECTION_HUNG_AFTER,
                selection.stopAtFirstFinding());
        return JcstressFindings.read(selection.console(), selection.tests());
    }

    /** Runs JCStress and writes the results files; see the class comment for the options. Always exits 0. */
    public static void main(String[] args) {
        Optional<Shard> shard = Shard.fromSystemProperty();
        if (shard.isPresent() && !ShardPlan.runs(shard.get(), ShardPlan.JCSTRESS_RUN)) {
            System.out.println("[run] JCStress is shard "
                    + ShardPlan.of(shard.get().count()).shardOf(ShardPlan.JCSTRESS_RUN) + "/"
                    + shard.get().count() + "'s work, not " + shard.get());
            return;
        }
        Map<String, String> options = JcstressResults.Options.parse(args);
        Path target = Path.of("target").toAbsolutePath();
        Path jar = Path.of(options.getOrDefault(
                        "jar", target.resolve("jcstress.jar").toString()))
                .toAbsolutePath();
        Path report = Path.of(options.getOrDefault(
                        "report", target.resolve("jcstress-report").toString()))
                .toAbsolutePath();
        Path console = Path.of(options.getOrDefault(
                        "console", target.resolve("jcstress-console.txt").toString()))
                .toAbsolutePath();
        Path results = Path.of(
                options.getOrDefault("results", target.resolve("lab-results").toString()));
        Path dumps = Path.of(options.getOrDefault(
                "dumps", console.resolveSibling("jcstress-dumps").toString()));
        String budgetText = options.getOrDefault("budget", "90s");
        JcstressPlan plan = JcstressPlan.forBudget(parseBudget(budgetText));
        String planText = "budget " + budgetText + ": " + plan.describe();
        try {
            List<String> command = new ArrayList<>(List.of(javaExecutable(), "-jar", jar.toString()));
            command.addAll(plan.arguments(report.toString()));
            new JcstressRunner(console)
                    .run(command, plan.deadline(), planText, report, dumps, ForkWatchdog.HUNG_AFTER, false);
        } catch (IOException | RuntimeException e) {
            // Recorded, not thrown: the results files below say the log is missing or truncated.
            System.out.println("JCStress run failed to complete: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            for (JcstressResults.Written written :
                    JcstressResults.write(console, report, ResultsDirectory.under(results), planText)) {
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

    /**
     * Writes a jar holding only a manifest whose Class-Path lists {@code classpath}'s entries, and returns it.
     *
     * <p>Why: JCStress starts each fork with {@code -cp} and the host's whole class path, and the JDK reads a
     * process's command line on Linux only up to 4096 bytes; with a test class path (about 5 KB here) the fork's
     * main class falls past that, {@link ForkWatchdog} cannot recognise the forks, and a deadlocked fork hangs the
     * run until its deadline. With this jar as the class path, the host's and the forks' command lines stay short.
     */
    static Path classpathJar(String classpath, Path jar) throws IOException {
        StringBuilder entries = new StringBuilder();
        for (String element : classpath.split(File.pathSeparator, -1)) {
            if (!element.isBlank()) {
                // A URI ends in "/" for an existing directory, as the Class-Path attribute needs.
                entries.append(entries.length() == 0 ? "" : " ")
                        .append(Path.of(element).toAbsolutePath().toUri());
            }
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, entries.toString());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush(); // nothing but the manifest
        }
        return jar;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void run(
            List<String> command,
            Duration runDeadline,
            String planText,
            Path report,
            Path dumps,
            Duration hungAfter,
            boolean stopAtFirstFinding)
            throws IOException, InterruptedException {
        Files.createDirectories(console.getParent());
        FolderTree.delete(report); // a report of an earlier run would mix with this one's
        FolderTree.delete(dumps);
        // JCStress writes its result blob into the working directory: keep it under target/, not the module root.
        Path work = console.resolveSibling("jcstress-work");
        Files.createDirectories(work);
        try (BufferedWriter writer = Files.newBufferedWriter(console, StandardCharsets.UTF_8)) {
            attach(writer);
            mark(JcstressConsole.RUN_PREFIX + "START " + planText);
            mark(JcstressConsole.RUN_PREFIX + "COMMAND " + String.join(" ", command));
            Process process = new ProcessBuilder(command)
                    .directory(work.toFile())
                    .redirectErrorStream(true)
                    .start();
            Thread copier = new Thread(() -> copy(process), "jcstress-output");
            copier.setDaemon(true);
            copier.start();
            ForkWatchdog watchdog = new ForkWatchdog(dumps, this::mark, hungAfter);
            long deadline = startNanos + runDeadline.toNanos();
            while (!process.waitFor(1, TimeUnit.SECONDS)) {
                watchdog.check(process.toHandle());
                if (System.nanoTime() - deadline > 0) {
                    mark(ForkWatchdog.PREFIX + "DEADLINE seconds=" + runDeadline.toSeconds());
                    watchdog.killAll(process.toHandle());
                    process.waitFor(30, TimeUnit.SECONDS);
                    break;
                }
                long found = findingNanos;
                if (stopAtFirstFinding
                        && found != 0
                        && (findingPrinted || System.nanoTime() - found > FINDING_PRINT_NANOS)) {
                    // One finding decides a selection run; the rest of it would only cost time (a hang costs 40 s).
                    mark(JcstressConsole.RUN_PREFIX + "STOPPED at=" + elapsed() + " reason=first-finding");
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
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
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
                    mark(JcstressConsole.RUN_PREFIX + "RESULT at=" + elapsed() + " test=" + header.group(2) + " status="
                            + header.group(1).strip().replace(' ', '_'));
                    if (findingNanos == 0 && !header.group(1).strip().equals("OK")) {
                        findingNanos = System.nanoTime();
                    }
                } else if (findingNanos != 0 && line.startsWith("(")) {
                    findingPrinted = true; // the progress lines after a fork's block: the block is complete
                }
            }
        } catch (IOException e) {
            mark(JcstressConsole.RUN_PREFIX + "OUTPUT_LOST reason="
                    + e.getClass().getSimpleName());
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
}
