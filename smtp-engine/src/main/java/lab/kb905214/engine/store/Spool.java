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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One incoming message on its way into a {@link Maildir}: the session writes it while reading DATA, then either
 * delivers it (stamped, written to tmp/, forced to disk, renamed into new/) or discards it; each at most once, and
 * never both.
 *
 * <p>A message is held in memory up to {@value #IN_MEMORY_BYTES} bytes and spilled to a spool file in tmp/ only
 * when it grows past that. Most mail is smaller, and for it a delivery creates one file, not two: a spool file created
 * and deleted again for every message was most of the kernel's work per transaction on this lab's machine (ext4 with
 * online discard, which will not reuse a freshly freed inode). Durability is unchanged: the spool was never forced
 * to disk; the stored file is, before the 250.
 *
 * <p>Delivery and discard may come from different threads (the session thread delivers; the connection watcher's
 * teardown discards), so the choice between them is one compare-and-set on the state, and neither blocks the other.
 * The session alone writes; the spool file's creation and its release share this object's monitor, so a discard
 * never misses a file the session is creating.
 */
public final class Spool {
    /** The most a message may take in memory; a larger one goes on in a spool file in tmp/. */
    static final int IN_MEMORY_BYTES = 64 * 1024;

    private enum State {
        OPEN,
        DELIVERING,
        DELIVERED,
        DISCARDED
    }

    private final Maildir maildir;
    private final String name;
    private final SpoolOutput output = new SpoolOutput();
    private final AtomicReference<State> state = new AtomicReference<>(State.OPEN);

    private Spool(Maildir maildir, String name) {
        this.maildir = maildir;
        this.name = name;
    }

    static Spool create(Maildir maildir, String name) {
        return new Spool(maildir, name);
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
            try (FileChannel target =
                    FileChannel.open(staged, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writeFully(target, ByteBuffer.wrap(headerBytes(stampedHeaderLines)));
                output.copyTo(target);
                target.force(true);
            }
            Path stored = maildir.newDirectory().resolve(name);
            Files.move(staged, stored, StandardCopyOption.ATOMIC_MOVE);
            state.set(State.DELIVERED);
            maildir.syncNewDirectory();
            output.release();
            return stored;
        } catch (IOException | RuntimeException e) {
            state.set(State.DISCARDED);
            output.release();
            Files.deleteIfExists(staged);
            throw e;
        }
    }

    /** Drops the message if it is neither delivered nor being delivered; true if this call dropped it. */
    public boolean discard() {
        if (!state.compareAndSet(State.OPEN, State.DISCARDED)) {
            return false;
        }
        output.release();
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

    /**
     * The session's stream: into memory while the message fits in {@value #IN_MEMORY_BYTES} bytes, then into a spool
     * file in tmp/. Written by the session thread only; released by whichever thread delivers or discards.
     */
    private final class SpoolOutput extends OutputStream {
        private byte[] memory = new byte[1024];
        private int size;
        private FileChannel spoolFile; // null while the message is in memory; guarded by Spool.this
        private OutputStream spoolFileOutput;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (spoolFileOutput == null && size + len <= IN_MEMORY_BYTES) {
                if (size + len > memory.length) {
                    memory = Arrays.copyOf(memory, Math.min(IN_MEMORY_BYTES, Math.max(size + len, 2 * memory.length)));
                }
                System.arraycopy(b, off, memory, size, len);
                size += len;
                return;
            }
            if (spoolFileOutput == null) {
                spill();
            }
            spoolFileOutput.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            if (spoolFileOutput != null) {
                spoolFileOutput.flush();
            }
        }

        // The message outgrew memory: what is held goes first into a new spool file, and the rest follows it there.
        private void spill() throws IOException {
            synchronized (Spool.this) {
                // A discard that came first has released everything: creating the file now would leave it behind.
                if (state.get() != State.OPEN) {
                    throw new IOException("message " + name + " was discarded while it was being received");
                }
                // Its own suffix, so it can never be mistaken for the staged final file of the same name.
                spoolFile = FileChannel.open(
                        spoolPath(), StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
            }
            spoolFileOutput = new BufferedOutputStream(Channels.newOutputStream(spoolFile), 8 * 1024);
            spoolFileOutput.write(memory, 0, size);
            memory = null;
        }

        // Delivery: the message as received, after the stamped header lines already in `target`.
        void copyTo(FileChannel target) throws IOException {
            if (spoolFileOutput == null) {
                writeFully(target, ByteBuffer.wrap(memory, 0, size));
                return;
            }
            spoolFileOutput.flush();
            long length = spoolFile.size();
            long position = 0;
            while (position < length) {
                position += spoolFile.transferTo(position, length - position, target);
            }
        }

        // Frees the spool file, if the message was ever spilled; the memory goes with the Spool.
        void release() {
            synchronized (Spool.this) {
                if (spoolFile == null) {
                    return;
                }
                try {
                    spoolFile.close();
                } catch (IOException e) {
                    // Nothing to save: the spool file is deleted next.
                }
                try {
                    Files.deleteIfExists(spoolPath());
                } catch (IOException e) {
                    // A leftover in tmp/ is harmless: Maildir readers never look there.
                }
            }
        }

        private Path spoolPath() {
            return maildir.tmpDirectory().resolve(name + ".spool");
        }
    }
}
