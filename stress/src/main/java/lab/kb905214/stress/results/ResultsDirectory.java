package lab.kb905214.stress.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import lab.kb905214.stress.shard.Shard;

/**
 * The folder every harness writes its results files to ({@code lab.results.dir}, default stress/target/lab-results;
 * under {@code -Dlab.shard=K/N} its sub-folder {@code shard-K-of-N}).
 */
public final class ResultsDirectory {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    private ResultsDirectory(Path dir) {
        this.dir = dir;
    }

    /** The folder {@code lab.results.dir} names, else {@code target/lab-results}, as {@link #under} makes it. */
    public static ResultsDirectory fromSystemProperty() {
        return under(Path.of(System.getProperty("lab.results.dir", "target/lab-results")));
    }

    /**
     * This build's folder in {@code base}: {@code base} itself, or, when {@code lab.shard} selects a shard, its own
     * sub-folder (so that the shards' folders can be gathered from many machines without one overwriting another).
     */
    public static ResultsDirectory under(Path base) {
        return new ResultsDirectory(Shard.fromSystemProperty()
                .map(s -> base.resolve(s.folderName()))
                .orElse(base));
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
        Path file = dir.resolve(result.harness().id() + "-" + result.engine() + "-" + result.scenario() + ".json");
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".writing-", ".json");
            JSON.writeValue(tmp.toFile(), result);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
