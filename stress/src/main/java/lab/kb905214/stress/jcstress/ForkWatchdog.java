package lab.kb905214.stress.jcstress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jcstress.infra.runners.TestList;

/**
 * Watches the VMs a JCStress run forks: a fork that stops using CPU gets its threads dumped, and a fork whose
 * threads are in a Java-level deadlock is killed.
 *
 * <p>Why: JCStress 0.16 has no deadlock mode, and its runners join the actor threads of their first strides (the
 * sanity and resource checks) without a timeout. An H1 deadlock there leaves the fork, and the whole run, waiting
 * forever. Killing the fork makes JCStress report it as a VM error and go on with the next fork. Every action is
 * written to the console log as a {@code [watchdog]} line, which {@link JcstressConsole} reads back.
 */
final class ForkWatchdog {
    /** The prefix of every line this watchdog writes to the console log. */
    static final String PREFIX = "[watchdog] ";

    /** CPU time a fork must gain between two looks (about a second apart) to count as working. */
    private static final Duration CPU_EPSILON = Duration.ofMillis(20);
    /** How long a fork may use no CPU before its threads are dumped. */
    private static final Duration IDLE_AFTER = Duration.ofSeconds(3);
    /** Forks younger than this are left alone (VM start-up). */
    private static final Duration MIN_AGE = Duration.ofSeconds(5);
    /** An idle fork without a lock cycle is killed only after this: past JCStress's own 30 s STALE wait. */
    static final Duration HUNG_AFTER = Duration.ofSeconds(75);
    /** Between two dumps of the same idle fork. */
    private static final Duration REDUMP_AFTER = Duration.ofSeconds(30);
    /** Frames of these packages say where a thread waits: the two engines, and the lab's mutant coordinators. */
    private static final List<String> COORDINATOR_FRAMES =
            List.of("at lab.kb905214.engine.", "at lab.kb905214.stress.mutants.");
    /** The runner class JCStress generated for the fork's test, as a thread dump shows it. */
    private static final Pattern TEST_CLASS = Pattern.compile("([A-Za-z_$][\\w$.]*?)_jcstress\\b");

    private final Path dumpDir;
    private final Consumer<String> log;
    private final Duration hungAfter;
    private final Map<Long, Watched> forks = new HashMap<>();

    /** A fork under watch. */
    private static final class Watched {
        final ProcessHandle process;
        final long firstSeenNanos;
        Duration lastCpu = Duration.ZERO;
        long lastBusyNanos;
        long lastDumpNanos = Long.MIN_VALUE;
        int dumps;
        String test = "unknown";

        Watched(ProcessHandle process, long now) {
            this.process = process;
            this.firstSeenNanos = now;
            this.lastBusyNanos = now;
        }
    }

    ForkWatchdog(Path dumpDir, Consumer<String> log) {
        this(dumpDir, log, HUNG_AFTER);
    }

    /** A watchdog that kills an idle fork without a lock cycle once it has been idle for {@code hungAfter}. */
    ForkWatchdog(Path dumpDir, Consumer<String> log, Duration hungAfter) {
        this.dumpDir = dumpDir;
        this.log = log;
        this.hungAfter = hungAfter;
    }

    /** One look at the forks of {@code host}: dumps the idle ones, kills the deadlocked or long-hung ones. */
    void check(ProcessHandle host) {
        long now = System.nanoTime();
        List<ProcessHandle> live = new ArrayList<>();
        host.descendants().filter(ForkWatchdog::isFork).forEach(live::add);
        forks.keySet().removeIf(pid -> live.stream().noneMatch(p -> p.pid() == pid));
        for (ProcessHandle fork : live) {
            Watched w = forks.computeIfAbsent(fork.pid(), pid -> new Watched(fork, now));
            Duration cpu = fork.info().totalCpuDuration().orElse(Duration.ZERO);
            Duration gained = cpu.minus(w.lastCpu);
            // Per look, not since the fork was last busy: a blocked VM's background threads use about 1 ms a second,
            // which summed over half a minute passed for work and restarted the idle clock of a hung fork.
            w.lastCpu = cpu;
            if (gained.compareTo(CPU_EPSILON) > 0) {
                w.lastBusyNanos = now;
                continue;
            }
            boolean oldEnough = now - w.firstSeenNanos >= MIN_AGE.toNanos();
            long idle = now - w.lastBusyNanos;
            boolean dueForDump = w.lastDumpNanos == Long.MIN_VALUE || now - w.lastDumpNanos >= REDUMP_AFTER.toNanos();
            if (oldEnough && idle >= IDLE_AFTER.toNanos() && dueForDump) {
                w.lastDumpNanos = now;
                inspect(w, Duration.ofNanos(idle));
                // The dump itself costs the fork CPU (attach listener, safepoint): not work, so not a sign of life.
                // Counted as work, it restarted the idle clock at every dump, and a hung fork was killed late or never.
                w.lastCpu = fork.info().totalCpuDuration().orElse(w.lastCpu);
            } else if (oldEnough && idle >= hungAfter.toNanos() && fork.isAlive()) {
                kill(w, "hung");
            }
        }
    }

    /** Kills {@code host} and everything it started (the deadline passed); forks first, so none is orphaned. */
    void killAll(ProcessHandle host) {
        host.descendants().forEach(ProcessHandle::destroyForcibly);
        host.destroyForcibly();
    }

    private void inspect(Watched w, Duration idle) {
        w.dumps++;
        Optional<String> dump = threadDump(w.process.pid());
        if (dump.isEmpty()) {
            log.accept(PREFIX + "IDLE fork=" + w.process.pid() + " seconds=" + idle.toSeconds() + " dump=unavailable");
            return;
        }
        String text = dump.get();
        Matcher test = TEST_CLASS.matcher(text);
        if (test.find()) {
            w.test = testOf(test.group(1) + "_jcstress");
        }
        Path file = dumpDir.resolve("fork-" + w.process.pid() + "-" + w.dumps + ".txt");
        try {
            Files.createDirectories(dumpDir);
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            file = Path.of("(not written: " + e.getMessage() + ")");
        }
        String cycle = deadlockCycle(text);
        // The detail lines come first and belong to the IDLE line after them (JcstressConsole reads them so).
        for (String line : (cycle.isEmpty() ? engineFrames(text) : cycle).split("\n", -1)) {
            if (!line.isBlank()) {
                log.accept(PREFIX + "| " + line.strip());
            }
        }
        log.accept(PREFIX + "IDLE fork=" + w.process.pid() + " test=" + w.test + " seconds=" + idle.toSeconds()
                + " dump=" + file + " deadlock=" + !cycle.isEmpty());
        if (!cycle.isEmpty()) {
            kill(w, "deadlock");
        }
    }

    private void kill(Watched w, String reason) {
        w.process.descendants().forEach(ProcessHandle::destroyForcibly);
        w.process.destroyForcibly();
        log.accept(PREFIX + "KILLED fork=" + w.process.pid() + " test=" + w.test + " reason=" + reason);
    }

    /** The "Found one Java-level deadlock" section of a thread dump, without its stacks; empty when there is none. */
    static String deadlockCycle(String dump) {
        int start = dump.indexOf("Java-level deadlock");
        if (start < 0) {
            return "";
        }
        int lineStart = dump.lastIndexOf('\n', start) + 1;
        int end = dump.indexOf("Java stack information", start);
        return dump.substring(lineStart, end < 0 ? dump.length() : end)
                .replace("=", "")
                .strip();
    }

    /** For each thread of a dump that is inside a coordinator: its name, state, and innermost coordinator frame. */
    static String engineFrames(String dump) {
        StringBuilder out = new StringBuilder();
        for (String thread : dump.split("\n\\s*\n", -1)) {
            String frame = thread.lines()
                    .map(String::strip)
                    .filter(l -> COORDINATOR_FRAMES.stream().anyMatch(l::startsWith))
                    .findFirst()
                    .orElse("");
            if (frame.isEmpty()) {
                continue;
            }
            String first = thread.strip().lines().findFirst().orElse("");
            int close = first.indexOf('"', 1);
            String name = first.startsWith("\"") && close > 0 ? first.substring(0, close + 1) : "a thread";
            String state = thread.lines()
                    .map(String::strip)
                    .filter(l -> l.startsWith("java.lang.Thread.State:"))
                    .map(l -> l.substring("java.lang.Thread.State:".length()).strip())
                    .findFirst()
                    .orElse("");
            out.append(name).append(' ').append(state).append(' ').append(frame).append('\n');
        }
        return out.toString();
    }

    private static boolean isFork(ProcessHandle p) {
        return p.info()
                .commandLine()
                .map(c -> c.contains("org.openjdk.jcstress.ForkedMain"))
                .orElse(false);
    }

    /**
     * The test that {@code runner} runs, by the name JCStress prints its results under, looked up in JCStress's own
     * test list (a nested test's runner, {@code H1Race_Buggy_jcstress}, cannot be turned back into its name by
     * text); the runner's name itself when the list does not know it.
     */
    static String testOf(String runner) {
        for (String name : TestList.tests()) {
            if (TestList.getInfo(name).generatedRunner().equals(runner)) {
                return name;
            }
        }
        return runner;
    }

    private static Optional<String> threadDump(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return Optional.empty();
        }
        try {
            Path out = Files.createTempFile("jcstress-dump-", ".txt");
            try {
                Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile())
                        .start();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return Optional.empty();
                }
                return Optional.of(Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
