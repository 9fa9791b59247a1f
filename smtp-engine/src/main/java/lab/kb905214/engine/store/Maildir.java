package lab.kb905214.engine.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Maildir (tmp/, new/, cur/) that stores accepted messages: each one is written in tmp/, forced to disk and
 * renamed into new/, so a file in new/ is always complete and a message answered 250 survives a crash.
 */
public final class Maildir {
    // JVM-wide, not per instance: two Maildir objects over the same directory must still never pick the same name.
    private static final AtomicLong COUNTER = new AtomicLong();

    private final Path root;
    private final Path tmp;
    private final Path fresh;
    private final String host;
    private final long pid = ProcessHandle.current().pid();
    private final AtomicLong deletedByPolicy = new AtomicLong();

    private Maildir(Path root, String hostName) {
        this.root = root;
        this.tmp = root.resolve("tmp");
        this.fresh = root.resolve("new");
        this.host = sanitize(hostName);
    }

    /** Opens the Maildir at {@code root}, creating tmp/, new/ and cur/ as needed; {@code hostName} goes into names. */
    public static Maildir open(Path root, String hostName) throws IOException {
        Objects.requireNonNull(root, "root");
        Maildir maildir = new Maildir(root, Objects.requireNonNull(hostName, "hostName"));
        Files.createDirectories(maildir.tmp);
        Files.createDirectories(maildir.fresh);
        Files.createDirectories(root.resolve("cur"));
        return maildir;
    }

    /** Starts receiving one incoming message: held in memory, or in a spool file in tmp/ once it is large. */
    public Spool newSpool() throws IOException {
        return Spool.create(this, uniqueName());
    }

    /** Counts the messages in new/ by listing the directory (the files themselves, not a counter). */
    public int storedCount() throws IOException {
        return storedMessages().size();
    }

    /** The message files in new/, in no particular order. */
    public List<Path> storedMessages() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(fresh)) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry)) {
                    files.add(entry);
                }
            }
        }
        return files;
    }

    /** How many messages were answered 250 and then dropped by the Delete action. */
    public long deletedByPolicy() {
        return deletedByPolicy.get();
    }

    /** The Maildir's root directory. */
    public Path root() {
        return root;
    }

    /** The new/ directory, where delivered messages are. */
    public Path newDirectory() {
        return fresh;
    }

    Path tmpDirectory() {
        return tmp;
    }

    void countDeleted() {
        deletedByPolicy.incrementAndGet();
    }

    /**
     * Makes the rename into new/ itself durable; a file system that cannot fsync a directory keeps the rename anyway.
     */
    void syncNewDirectory() {
        try (FileChannel dir = FileChannel.open(fresh, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform opens directories as channels (Windows); the rename is still atomic there.
        }
    }

    // The Maildir convention: seconds.pid_counter.host, unique within the host.
    private String uniqueName() {
        long seconds = System.currentTimeMillis() / 1000;
        return seconds + "." + pid + "_" + COUNTER.incrementAndGet() + "." + host;
    }

    // Maildir readers split names at '/' and ':' (the info part), so the host may contain neither.
    private static String sanitize(String hostName) {
        String h = hostName.isBlank() ? "localhost" : hostName;
        return h.replace("/", "\\057").replace(":", "\\072");
    }
}
