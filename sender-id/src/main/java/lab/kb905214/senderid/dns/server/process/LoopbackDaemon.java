package lab.kb905214.senderid.dns.server.process;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What NSD and Unbound share as processes a test starts: a loopback port free for UDP and TCP, quoting paths in
 * their configs, running their helper programs under a time limit, and stopping a daemon by its pid.
 */
final class LoopbackDaemon {
    /** How long a daemon gets to exit after SIGTERM, and after SIGKILL; also the limit on a helper program's run. */
    static final Duration STOP_WITHIN = Duration.ofSeconds(10);
    /** A short pause between looks at a process or a port; a probe to a port nobody listens on fails at once. */
    static final Duration PROBE_INTERVAL = Duration.ofMillis(20);
    /** Ports tried when another process takes the free one between the look and the daemon's bind. */
    private static final int PORT_ATTEMPTS = 3;

    private LoopbackDaemon() {}

    /** A port free for both UDP and TCP on loopback right now (NSD and Unbound bind both). */
    static int freeLoopbackPort() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        IOException last = null;
        for (int tries = 0; tries < 20; tries++) {
            int port;
            try (DatagramSocket udp = new DatagramSocket(0, loopback)) {
                port = udp.getLocalPort();
            }
            try (ServerSocket tcp = new ServerSocket(port, 1, loopback)) {
                return port;
            } catch (IOException taken) {
                last = taken;
            }
        }
        throw new IOException("no loopback port free for both UDP and TCP in 20 tries", last);
    }

    /** How a daemon's config is written for the port it is to listen on. */
    interface ConfigWriter {
        /** The config file's text for {@code port}. */
        String forPort(int port) throws IOException;
    }

    /** Whether a daemon listening at an address serves what the test needs yet. */
    interface Readiness {
        /** True once the daemon at {@code address} answers as it must. */
        boolean servesAt(InetSocketAddress address);
    }

    /**
     * Starts {@code program -d -c <name>.conf} in {@code directory} on a free loopback port, and returns once
     * {@code ready} says it serves; a daemon that exits or does not serve within {@code readyWithin} is stopped, and
     * only a lost race for its port (its log says "Address already in use") is worth another port. Its log is
     * {@code <name>.log} (the config must say so) and its output {@code <name>.out}.
     */
    static RunningDaemon launch(
            String title,
            String name,
            Path program,
            Path directory,
            ConfigWriter config,
            Readiness ready,
            Duration readyWithin)
            throws IOException, InterruptedException {
        String failures = "";
        for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
            int port = freeLoopbackPort();
            Path configFile = directory.resolve(name + ".conf");
            Files.writeString(configFile, config.forPort(port));
            Path log = directory.resolve(name + ".log");
            Files.deleteIfExists(log);
            long started = System.nanoTime();
            Process process = new ProcessBuilder(program.toString(), "-d", "-c", configFile.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve(name + ".out").toFile())
                    .start();
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            boolean serves = false;
            long deadline = started + readyWithin.toNanos();
            while (!serves && System.nanoTime() < deadline) {
                if (process.waitFor(PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
                    break; // the daemon exited: its log says why
                }
                serves = ready.servesAt(address);
            }
            if (serves) {
                return new RunningDaemon(
                        title, name, process, directory, address, Duration.ofNanos(System.nanoTime() - started));
            }
            String why = process.isAlive()
                    ? title + " (pid " + process.pid() + ") did not serve within " + readyWithin
                    : title + " exited with status " + process.exitValue();
            stop(title, process, process.descendants().toList());
            String logText = read(log) + read(directory.resolve(name + ".out"));
            failures += "\nattempt " + attempt + " on port " + port + ": " + why + "; its log:\n" + logText;
            if (!logText.contains("Address already in use")) {
                break; // only a lost port race is worth another attempt
            }
        }
        throw new IllegalStateException(title + " did not start:" + failures);
    }

    /** {@code path} absolute and in double quotes, as both daemons' config files write a path. */
    static String quoted(Path path) {
        String text = path.toAbsolutePath().toString();
        if (text.contains("\"")) {
            throw new IllegalArgumentException("a daemon's config cannot quote a path with a double quote: " + text);
        }
        return "\"" + text + "\"";
    }

    /** Runs {@code command} to its end within {@link #STOP_WITHIN} and returns its output lines (stdout and stderr). */
    static List<String> run(List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("lab-daemon-tool", ".out");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(STOP_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within " + STOP_WITHIN);
            }
            return Files.readAllLines(output, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** The text of {@code file}, or "" if it does not exist (a daemon that never started wrote no log). */
    static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    /** The pid a daemon wrote into {@code pidfile}, or -1 if it has not written it (yet). */
    static long pidFromFile(Path pidfile) {
        try {
            return Long.parseLong(Files.readString(pidfile).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Stops {@code process} by its pid (SIGTERM, then SIGKILL if it lingers) and {@code children} likewise, and
     * waits until all are gone; {@code name} says which daemon in the failure.
     */
    static void stop(String name, Process process, List<ProcessHandle> children) {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
        if (!exited(process.toHandle())) {
            process.destroyForcibly();
            exited(process.toHandle());
        }
        List<Long> survivors = new ArrayList<>();
        for (ProcessHandle child : children) {
            if (!exited(child)) {
                child.destroyForcibly();
                if (!exited(child)) {
                    survivors.add(child.pid());
                }
            }
        }
        if (running(process.toHandle()) || !survivors.isEmpty()) {
            throw new IllegalStateException(name + " pid " + process.pid() + " or its children " + survivors
                    + " still run after SIGTERM and SIGKILL");
        }
    }

    /**
     * A JVM shutdown hook that kills {@code process} and its descendants, so that no daemon outlives a JVM that
     * ended without closing it (a test killed, a crash in a listener).
     */
    static Thread killOnExit(String name, Process process) {
        Thread hook = new Thread(
                () -> {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                },
                name + "-" + process.pid() + "-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /** Removes a hook {@link #killOnExit} added; while the JVM shuts down the hook runs anyway, which is fine. */
    static void removeKillOnExit(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or will: it kills the daemon anyway
        }
    }

    /**
     * Waits up to {@link #STOP_WITHIN} for the process to be gone. Polls, because the JDK watches a process that is
     * not the JVM's own child by sleeping 300 ms and more between looks; a zombie (exited, not yet reaped by init)
     * counts as gone.
     */
    private static boolean exited(ProcessHandle handle) {
        long deadline = System.nanoTime() + STOP_WITHIN.toNanos();
        while (running(handle)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                handle.onExit().get(PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillRunning) {
                // look again
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !running(handle);
            }
        }
        return true;
    }

    private static boolean running(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(handle.pid()), "stat"));
            // The state letter follows the command name, which is in parentheses and may itself hold ") ".
            String afterName = stat.substring(stat.lastIndexOf(')') + 1).trim();
            return !afterName.startsWith("Z");
        } catch (IOException | RuntimeException noProcFile) {
            return handle.isAlive(); // gone meanwhile, or a system without /proc: the JDK's answer
        }
    }
}
