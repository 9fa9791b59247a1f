package lab.kb905214.senderid.dns.server.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A daemon {@link LoopbackDaemon#launch} started and saw serve: where it listens, how long it took, its log, and how
 * it is stopped (by its pid, never by its name, checked against the pidfile it wrote).
 */
final class RunningDaemon implements AutoCloseable {
    private final String title;
    private final String name;
    private final Process process;
    private final List<ProcessHandle> children; // those forked at start; close() adds any forked since
    private final Path directory;
    private final InetSocketAddress address;
    private final Duration startup;
    private final Thread killOnExit;

    RunningDaemon(
            String title, String name, Process process, Path directory, InetSocketAddress address, Duration startup) {
        this.title = title;
        this.name = name;
        this.process = process;
        this.children = process.descendants().toList();
        this.directory = directory;
        this.address = address;
        this.startup = startup;
        this.killOnExit = LoopbackDaemon.killOnExit(name, process);
    }

    InetSocketAddress address() {
        return address;
    }

    long pid() {
        return process.pid();
    }

    Duration startup() {
        return startup;
    }

    /** The daemon's log so far ({@code <name>.log}, as its config says). */
    String log() throws IOException {
        return LoopbackDaemon.read(directory.resolve(name + ".log"));
    }

    /** Stops it by its pid (SIGTERM, then SIGKILL if it lingers), waits until it and its children are gone. */
    @Override
    public void close() {
        LoopbackDaemon.removeKillOnExit(killOnExit);
        long pidFromFile = LoopbackDaemon.pidFromFile(directory.resolve(name + ".pid"));
        List<ProcessHandle> all = new ArrayList<>(children);
        process.descendants().filter(p -> !all.contains(p)).forEach(all::add);
        LoopbackDaemon.stop(title, process, all);
        if (pidFromFile != -1 && pidFromFile != process.pid()) {
            throw new IllegalStateException(title + "'s pidfile names pid " + pidFromFile + ", but the test started"
                    + " (and stopped) pid " + process.pid());
        }
    }
}
