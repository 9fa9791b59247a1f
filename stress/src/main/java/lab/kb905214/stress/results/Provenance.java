package lab.kb905214.stress.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import lab.kb905214.stress.shard.Shard;

/**
 * Where a result came from: a run id, the build it belongs to, the commit, the JDK, the cores, and when it started.
 *
 * @param runId a fresh id per harness run
 * @param buildId the Maven invocation that ran the harness ({@code lab.buildId}); outside Maven, this JVM's own id
 * @param commit {@code git rev-parse HEAD} (with "+dirty" when tracked files have changes), or "unknown"
 * @param jdk the running JDK's version
 * @param cores available processors
 * @param startedAt ISO-8601 instant the run started
 * @param profile the Maven profile whose budgets the build ran ({@code lab.profile}: default or stress); absent
 *     outside Maven
 * @param shard the part of the stress work the build ran ({@code lab.shard}, "K/N"); absent when it ran all of it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Provenance(
        String runId,
        String buildId,
        String commit,
        String jdk,
        int cores,
        String startedAt,
        String profile,
        String shard) {
    /** The system property Maven passes every harness JVM: one id per Maven invocation. */
    public static final String BUILD_ID_PROPERTY = "lab.buildId";
    /** The system property naming the Maven profile whose budgets the build runs (default or stress). */
    public static final String PROFILE_PROPERTY = "lab.profile";

    /** The provenance of a run starting now. */
    public static Provenance now() {
        return new Provenance(
                UUID.randomUUID().toString(),
                currentBuildId(),
                Commit.VALUE,
                Runtime.version().toString(),
                Runtime.getRuntime().availableProcessors(),
                Instant.now().toString(),
                currentProfile(),
                Shard.fromSystemProperty().map(Shard::toString).orElse(null));
    }

    /** The profile Maven passed, or null outside Maven (then the file does not say one). */
    private static String currentProfile() {
        String given = System.getProperty(PROFILE_PROPERTY);
        return given == null || given.isBlank() || given.startsWith("${") ? null : given.trim();
    }

    /**
     * The build id Maven passed, or, when run outside Maven (e.g. {@code lab reproduce}), one for this JVM: every
     * result a JVM writes then belongs to one build, and no two JVMs share one.
     */
    static String currentBuildId() {
        String given = System.getProperty(BUILD_ID_PROPERTY);
        if (given != null && !given.isBlank() && !given.startsWith("${")) {
            return given.trim();
        }
        ProcessHandle self = ProcessHandle.current();
        return "jvm-" + self.pid() + "-"
                + self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    /** The commit, read once per JVM. */
    private static final class Commit {
        static final String VALUE = read();

        private static String read() {
            try {
                String head = run("git", "rev-parse", "HEAD");
                if (head.isEmpty()) {
                    return "unknown";
                }
                // Untracked files do not count: a stray file written during the build must not make one harness's
                // commit differ from another's (the gate requires one commit per build).
                return run("git", "status", "--porcelain", "--untracked-files=no")
                                .isEmpty()
                        ? head
                        : head + "+dirty";
            } catch (IOException e) {
                return "unknown";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "unknown";
            }
        }

        private static String run(String... command) throws IOException, InterruptedException {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "";
            }
            return process.exitValue() == 0 ? out : "";
        }
    }
}
