package lab.kb905214.stress.spin;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One external command run to its end or killed at its time limit (a model checker that runs away must not hold
 * the build), with its standard output and error merged into a file of the work folder.
 *
 * @param command the command line
 * @param exitCode the exit code, or -1 when the process was killed at its limit
 * @param timedOut whether the time limit killed it
 * @param output its merged standard output and error
 * @param seconds how long it ran
 */
public record BoundedProcess(List<String> command, int exitCode, boolean timedOut, String output, double seconds) {

    /** Runs {@code command} in {@code dir}, killing it (and its children) once it has run for {@code limit}. */
    public static BoundedProcess run(List<String> command, Path dir, Duration limit)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "process-", ".out");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        boolean finished = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String output = Files.readString(log, StandardCharsets.UTF_8);
        return new BoundedProcess(
                List.copyOf(command), finished ? process.exitValue() : -1, !finished, output, seconds);
    }

    /** Whether the command ran to its end with exit code 0. */
    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /** A one-line account of a failed run, with the end of its output. */
    public String failure() {
        String tail = output.length() > 2000 ? output.substring(output.length() - 2000) : output;
        return String.join(" ", command) + (timedOut ? " hit its time limit" : " exited with " + exitCode) + ":\n"
                + tail;
    }
}
