package lab.kb905214.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaildirTest {
    @TempDir
    Path dir;

    @Test
    void deliverWritesTheStampedLinesThenTheMessageIntoNew() throws IOException {
        Maildir maildir = Maildir.open(dir, "mx.lab.test");
        Spool spool = maildir.newSpool();
        spool.output().write("Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));

        Path stored = spool.deliver(List.of("X-A: 1", "X-B: 2"));

        assertThat(stored.getParent()).isEqualTo(maildir.newDirectory());
        assertThat(stored.getFileName().toString()).isEqualTo(spool.name()).endsWith(".mx.lab.test");
        assertThat(Files.readString(stored)).isEqualTo("X-A: 1\r\nX-B: 2\r\nSubject: hi\r\n\r\nbody\r\n");
        assertThat(maildir.storedCount()).isEqualTo(1);
        assertThat(spool.isDelivered()).isTrue();
        assertThat(tmpFiles()).isZero();
        assertThat(dir.resolve("cur")).isDirectory();
    }

    @Test
    void aMessageThatFitsInMemoryNeverCreatesASpoolFile() throws IOException {
        Maildir maildir = Maildir.open(dir, "h");
        Spool spool = maildir.newSpool();
        spool.output().write(new byte[Spool.IN_MEMORY_BYTES]);

        assertThat(tmpFiles()).isZero();
        spool.deliver(List.of());
        assertThat(Files.size(maildir.storedMessages().get(0))).isEqualTo(Spool.IN_MEMORY_BYTES);
    }

    @Test
    void aLargerMessageGoesOnInASpoolFileAndIsStoredWhole() throws IOException {
        Maildir maildir = Maildir.open(dir, "h");
        Spool spool = maildir.newSpool();
        byte[] message = new byte[Spool.IN_MEMORY_BYTES * 3 + 7];
        for (int i = 0; i < message.length; i++) {
            message[i] = (byte) ('a' + i % 26);
        }
        spool.output().write(message, 0, 1000);
        spool.output().write(message, 1000, message.length - 1000);
        assertThat(tmpFiles()).isEqualTo(1);

        Path stored = spool.deliver(List.of("X-A: 1"));

        byte[] expected = new byte["X-A: 1\r\n".length() + message.length];
        System.arraycopy("X-A: 1\r\n".getBytes(StandardCharsets.US_ASCII), 0, expected, 0, 8);
        System.arraycopy(message, 0, expected, 8, message.length);
        assertThat(Files.readAllBytes(stored)).isEqualTo(expected);
        assertThat(tmpFiles()).isZero();
    }

    @Test
    void discardDropsTheSpoolFileAndDeliverAfterwardsFails() throws IOException {
        Maildir maildir = Maildir.open(dir, "h");
        Spool spool = maildir.newSpool();
        spool.output().write(new byte[Spool.IN_MEMORY_BYTES + 1]);
        assertThat(tmpFiles()).isEqualTo(1);

        assertThat(spool.discard()).isTrue();
        assertThat(spool.discard()).isFalse();

        assertThatThrownBy(() -> spool.deliver(List.of())).isInstanceOf(IOException.class);
        assertThat(maildir.storedCount()).isZero();
        assertThat(tmpFiles()).isZero();
    }

    @Test
    void aMessageDiscardedInMemoryCannotSpillAfterwards() throws IOException {
        Maildir maildir = Maildir.open(dir, "h");
        Spool spool = maildir.newSpool();
        spool.output().write('x');
        assertThat(spool.discard()).isTrue();

        // The session may still be reading DATA when a teardown discards: growing past memory must not leave a file.
        assertThatThrownBy(() -> spool.output().write(new byte[Spool.IN_MEMORY_BYTES]))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("discarded");
        assertThat(tmpFiles()).isZero();
    }

    @Test
    void aDeliveredMessageCannotBeDiscarded() throws IOException {
        Maildir maildir = Maildir.open(dir, "h");
        Spool spool = maildir.newSpool();
        spool.deliver(List.of());
        assertThat(spool.discard()).isFalse();
        assertThat(spool.deleteByPolicy()).isFalse();
        assertThat(maildir.storedCount()).isEqualTo(1);
        assertThat(maildir.deletedByPolicy()).isZero();
    }

    @Test
    void deleteByPolicyIsCounted() throws IOException {
        Maildir maildir = Maildir.open(dir, "h");
        assertThat(maildir.newSpool().deleteByPolicy()).isTrue();
        assertThat(maildir.deletedByPolicy()).isEqualTo(1);
        assertThat(maildir.storedCount()).isZero();
    }

    @Test
    void storedCountCountsTheFilesThemselves() throws IOException {
        Maildir maildir = Maildir.open(dir, "h");
        maildir.newSpool().deliver(List.of());
        Files.writeString(maildir.newDirectory().resolve("dropped-in-by-hand"), "x");
        Files.createDirectory(maildir.newDirectory().resolve("not-a-message"));
        assertThat(maildir.storedCount()).isEqualTo(2);
    }

    @Test
    void namesAreUniqueAndSafeForMaildirReaders() throws IOException {
        Maildir one = Maildir.open(dir, "odd/host:name");
        Maildir two = Maildir.open(dir, "odd/host:name");
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Spool a = one.newSpool();
            Spool b = two.newSpool();
            names.add(a.name());
            names.add(b.name());
            a.discard();
            b.discard();
        }
        assertThat(names)
                .hasSize(400)
                .allSatisfy(n -> assertThat(n).doesNotContain("/", ":").matches("\\d+\\.\\d+_\\d+\\..+"));
    }

    private long tmpFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("tmp"))) {
            return files.count();
        }
    }
}
