package lab.kb905214.stress.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Where a result came from: a run id, the commit, the JDK, the cores, and when it started.
 *
 * @param runId a fresh id per harness run
 * @param commit {@code git rev-parse HEAD} (with "+dirty" when the tree has changes), or "unknown"
 * @param jdk the running JDK's version
 * @param cores available processors
 * @param startedAt ISO-8601 instant the run started
 */
public record Provenance(String runId, String commit, String jdk, int cores, String startedAt) {

    /** The provenance of a run starting now. */
    public static Provenance now() {
        return new Provenance(UUID.randomUUID().toString(), Commit.VALUE, Runtime.version().toString(),
                Runtime.getRuntime().availableProcessors(), Instant.now().toString());
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
                return run("git", "status", "--porcelain").isEmpty() ? head : head + "+dirty";
            } catch (IOException e) {
                return "unknown";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "unknown";
            }
        }

        private static String run(String... command) throws IOException, InterruptedException {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "";
            }
            return process.exitValue() == 0 ? out : "";
        }
    }
}
