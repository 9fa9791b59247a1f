package lab.kb905214.stress.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The folder every harness writes its results files to ({@code lab.results.dir}, default stress/target/lab-results). */
public final class ResultsDirectory {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    private ResultsDirectory(Path dir) {
        this.dir = dir;
    }

    /** The folder named by the system property {@code lab.results.dir}, or {@code target/lab-results}. */
    public static ResultsDirectory fromSystemProperty() {
        return new ResultsDirectory(Path.of(System.getProperty("lab.results.dir", "target/lab-results")));
    }

    /** A given folder. */
    public static ResultsDirectory at(Path dir) {
        return new ResultsDirectory(dir);
    }

    /** The folder. */
    public Path path() {
        return dir;
    }

    /** Writes {@code result} as {@code <harness>-<engine>-<scenario>.json}, atomically, and returns its path. */
    public Path write(HarnessResult result) {
        Path file = dir.resolve(result.harness() + "-" + result.engine() + "-" + result.scenario() + ".json");
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".writing-", ".json");
            JSON.writeValue(tmp.toFile(), result);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
