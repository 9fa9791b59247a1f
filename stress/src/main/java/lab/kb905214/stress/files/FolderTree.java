package lab.kb905214.stress.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A folder and everything in it, deleted deepest first: scratch Maildirs, an earlier run's reports, a mutant's build.
 */
public final class FolderTree {
    private FolderTree() {}

    /** Deletes {@code root} and everything under it; a folder that does not exist is already deleted. */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> deepestFirst;
        try (Stream<Path> paths = Files.walk(root)) {
            deepestFirst = paths.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : deepestFirst) {
            Files.deleteIfExists(path);
        }
    }

    /** As {@link #delete}, for a temporary folder, whose leftovers are harmless: a failure is ignored. */
    public static void deleteQuietly(Path root) {
        try {
            delete(root);
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary folder is harmless
        }
    }
}
