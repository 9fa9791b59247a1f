package lab.kb905214.stress.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder a lab engine stores accepted messages into: the one a user named, kept afterwards, or a temporary one,
 * deleted when the engine is done with it.
 *
 * @param path the folder
 * @param temporary whether the lab created it and {@link #close()} deletes it
 */
public record MaildirFolder(Path path, boolean temporary) implements AutoCloseable {

    /** {@code given} (created if missing), or a new temporary folder when {@code given} is null. */
    public static MaildirFolder givenOrTemporary(Path given) throws IOException {
        return given == null
                ? new MaildirFolder(Files.createTempDirectory("lab-maildir-"), true)
                : new MaildirFolder(Files.createDirectories(given), false);
    }

    /** Deletes the folder if it is temporary; a folder the user named stays. */
    @Override
    public void close() {
        if (temporary) {
            FolderTree.deleteQuietly(path);
        }
    }
}
