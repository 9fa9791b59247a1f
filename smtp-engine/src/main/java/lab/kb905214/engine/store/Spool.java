package lab.kb905214.engine.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One incoming message on its way into a {@link Maildir}: the session writes it to tmp/ while reading DATA, then
 * either delivers it (stamped, forced to disk, renamed into new/) or discards it; each at most once, and never both.
 *
 * <p>Delivery and discard may come from different threads (the session thread delivers; the connection watcher's
 * teardown discards), so the choice between them is one compare-and-set on the state, and neither blocks the other.
 */
public final class Spool {
    private enum State {
        OPEN,
        DELIVERING,
        DELIVERED,
        DISCARDED
    }

    private final Maildir maildir;
    private final String name;
    private final Path spoolFile;
    private final FileChannel channel;
    private final OutputStream output;
    private final AtomicReference<State> state = new AtomicReference<>(State.OPEN);

    private Spool(Maildir maildir, String name, Path spoolFile, FileChannel channel) {
        this.maildir = maildir;
        this.name = name;
        this.spoolFile = spoolFile;
        this.channel = channel;
        this.output = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
    }

    static Spool create(Maildir maildir, String name) throws IOException {
        // The spool has its own suffix so it can never be mistaken for the staged final file of the same name.
        Path file = maildir.tmpDirectory().resolve(name + ".spool");
        FileChannel channel = FileChannel.open(
                file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new Spool(maildir, name, file, channel);
    }

    /** The message's unique name in the Maildir, also used as its queue id in the 250 reply. */
    public String name() {
        return name;
    }

    /** Where the session writes the message as it reads it (header section and body, as received). */
    public OutputStream output() {
        return output;
    }

    /**
     * Stores the message: the stamped header lines (each followed by CRLF), then the spooled bytes, written to tmp/,
     * forced to disk and renamed into new/. Returns the stored file once the rename is done.
     *
     * @throws IOException when the message was already discarded (a teardown won) or the store failed; either
     *     way nothing is in new/ and the session must not answer 250
     */
    public Path deliver(List<String> stampedHeaderLines) throws IOException {
        if (!state.compareAndSet(State.OPEN, State.DELIVERING)) {
            throw new IOException(
                    "message " + name + " was " + state.get().name().toLowerCase(Locale.ROOT) + " before delivery");
        }
        Path staged = maildir.tmpDirectory().resolve(name);
        try {
            output.flush();
            try (FileChannel target =
                    FileChannel.open(staged, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writeFully(target, ByteBuffer.wrap(headerBytes(stampedHeaderLines)));
                long size = channel.size();
                long position = 0;
                while (position < size) {
                    position += channel.transferTo(position, size - position, target);
                }
                target.force(true);
            }
            Path stored = maildir.newDirectory().resolve(name);
            Files.move(staged, stored, StandardCopyOption.ATOMIC_MOVE);
            state.set(State.DELIVERED);
            maildir.syncNewDirectory();
            release();
            return stored;
        } catch (IOException | RuntimeException e) {
            state.set(State.DISCARDED);
            release();
            Files.deleteIfExists(staged);
            throw e;
        }
    }

    /** Drops the message if it is neither delivered nor being delivered; true if this call dropped it. */
    public boolean discard() {
        if (!state.compareAndSet(State.OPEN, State.DISCARDED)) {
            return false;
        }
        release();
        return true;
    }

    /**
     * Drops the message because the policy's Delete action applies, counting it in {@link Maildir#deletedByPolicy()}.
     */
    public boolean deleteByPolicy() {
        boolean dropped = discard();
        if (dropped) {
            maildir.countDeleted();
        }
        return dropped;
    }

    /** Whether the message is in new/. */
    public boolean isDelivered() {
        return state.get() == State.DELIVERED;
    }

    /** Whether the message was dropped (discarded, deleted by policy, or failed to store). */
    public boolean isDiscarded() {
        return state.get() == State.DISCARDED;
    }

    private void release() {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing to save: the spool file is deleted next.
        }
        try {
            Files.deleteIfExists(spoolFile);
        } catch (IOException e) {
            // A leftover in tmp/ is harmless: Maildir readers never look there.
        }
    }

    private static byte[] headerBytes(List<String> lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append("\r\n");
        }
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void writeFully(FileChannel target, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            target.write(bytes);
        }
    }
}
