package lab.kb905214.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The ring on its own: it grows only as far as a client gets ahead, and never past its capacity. */
@Timeout(30)
class ReadAheadBufferTest {

    @Test
    void anIdleConnectionHoldsTheInitialRingNotTheCapacity() {
        ReadAheadBuffer buffer = new ReadAheadBuffer(64 * 1024, () -> {});

        assertThat(buffer.allocatedBytes()).isEqualTo(ReadAheadBuffer.INITIAL_BYTES);
    }

    @Test
    void growingKeepsTheBytesInOrderAcrossTheRingsWrapPoint() throws Exception {
        ReadAheadBuffer buffer = new ReadAheadBuffer(64 * 1024, () -> {});
        InputStream session = buffer.inputStream();
        byte[] sent = randomBytes(40_000);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        // Move the ring's start off 0, so that the first growth has to unwrap stored bytes.
        buffer.append(sent, 0, 1500, 1500);
        received.write(session.readNBytes(1000));
        buffer.append(sent, 1500, 1000, 1000); // wraps around the 2 KiB ring
        buffer.append(sent, 2500, sent.length - 2500, sent.length - 2500); // grows, twice or more
        buffer.finish();

        received.write(session.readAllBytes());

        assertThat(received.toByteArray()).isEqualTo(sent);
        assertThat(buffer.allocatedBytes()).isBetween(40_000 - 1000, 64 * 1024);
    }

    @Test
    void aWriterAheadByTheCapacityWaitsForTheSessionInsteadOfGrowingPastIt() throws Exception {
        int capacity = 10_000;
        ReadAheadBuffer buffer = new ReadAheadBuffer(capacity, () -> {});
        byte[] sent = randomBytes(3 * capacity);
        CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> {
            try {
                return buffer.append(sent, 0, sent.length, sent.length);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        // The writer stops with the ring full at its capacity and stays stopped until the session reads.
        while (buffer.storedBytes() < capacity) {
            Thread.onSpinWait();
        }
        assertThat(writer).isNotDone();
        assertThat(buffer.allocatedBytes()).isEqualTo(capacity);

        byte[] received = buffer.inputStream().readNBytes(sent.length);
        assertThat(writer.get(10, TimeUnit.SECONDS)).isEqualTo(sent.length);
        assertThat(received).isEqualTo(sent);
        assertThat(buffer.allocatedBytes()).isEqualTo(capacity);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(7).nextBytes(bytes);
        return bytes;
    }
}
