package lab.kb905214.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import lab.kb905214.engine.thread.ThreadRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The watcher on real loopback sockets, with the test playing the session. */
@Timeout(30)
class ConnectionWatcherTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    record Event(String kind, String thread, Runnable release) {}

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final WatchListener listener = new WatchListener() {
        @Override
        public void clientGone(WatchedSocket connection, Runnable release) {
            events.add(new Event("gone", Thread.currentThread().getName(), release));
        }

        @Override
        public void pipelinedReset(WatchedSocket connection, Runnable release) {
            events.add(new Event("reset", Thread.currentThread().getName(), release));
        }
    };
    private ServerSocket server;
    private Socket client;
    private WatchedSocket accepted;

    private void connect(int readAhead) throws Exception {
        WatchingServerSocketFactory factory = new WatchingServerSocketFactory(listener, readAhead);
        server = factory.createServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        CompletableFuture<Socket> acceptance = CompletableFuture.supplyAsync(() -> {
            try {
                return server.accept();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        client.setSoTimeout(10_000);
        accepted = (WatchedSocket) acceptance.get(10, TimeUnit.SECONDS);
        accepted.setSoTimeout(10_000);
        assertThat(factory.connections().find(client.getLocalSocketAddress())).contains(accepted);
    }

    @AfterEach
    void close() throws IOException {
        if (client != null) {
            client.close();
        }
        if (accepted != null) {
            accepted.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theSessionReadsTheSameBytesInOrderThroughABoundedBuffer() throws Exception {
        connect(16); // far smaller than what is sent: the watcher must wait for the session again and again
        byte[] sent = new byte[200_000];
        new Random(7).nextBytes(sent);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (OutputStream out = client.getOutputStream()) {
                out.write(sent);
                client.shutdownOutput();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        byte[] received = accepted.getInputStream().readAllBytes();
        writer.get(10, TimeUnit.SECONDS);
        assertThat(received).isEqualTo(sent);
        assertThat(accepted.buffer().storedBytes()).isZero();
        assertThat(events).isEmpty();
    }

    @Test
    void theSessionsReadTimeoutAppliesToTheBufferOnly() throws Exception {
        connect(1024);
        accepted.setSoTimeout(100);
        InputStream in = accepted.getInputStream();
        assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
        // The watcher did not time out: the connection still works.
        send("late\r\n");
        accepted.setSoTimeout(10_000);
        assertThat(readExactly(in, 6)).isEqualTo("late\r\n");
    }

    @Test
    void aQuitPipelinedDuringTheCheckIsReportedOnceOnTheWatcherThreadAndStillRead() throws Exception {
        connect(1024);
        AtomicInteger released = new AtomicInteger();
        accepted.checkStarted(released::incrementAndGet);
        send("QUIT\r\n");
        await().atMost(WAIT).until(() -> events.size() == 1);
        send("RSET\r\n");
        Event event = events.get(0);
        assertThat(event.kind()).isEqualTo("reset");
        assertThat(event.thread())
                .isEqualTo(ThreadRole.WATCHER.threadName(accepted.sessionId().value()));
        event.release().run();
        assertThat(released).hasValue(1);
        accepted.checkEnded();

        assertThat(readExactly(accepted.getInputStream(), 12)).isEqualTo("QUIT\r\nRSET\r\n");
        assertThat(events).hasSize(1); // the RSET came during the same check
    }

    @Test
    void bytesAfterTheEndOfDataAreHeldUntilTheSessionAsksAndAQuitAmongThemIsReportedWhenTheCheckStarts()
            throws Exception {
        connect(1024);
        InputStream in = accepted.getInputStream();
        send("Subject: x\r\n\r\nbody\r\n.\r\nQUIT\r\n");
        await().atMost(WAIT).until(() -> accepted.buffer().storedBytes() == 29);
        // The session sees up to the final dot only, as if the QUIT had not arrived yet.
        assertThat(in.available()).isEqualTo(23);
        byte[] upToDot = new byte[100];
        assertThat(in.read(upToDot)).isEqualTo(23);
        assertThat(accepted.buffer().heldBytes()).isEqualTo(6);
        assertThat(events).isEmpty();

        accepted.checkStarted(() -> {});
        await().atMost(WAIT).until(() -> events.size() == 1);
        assertThat(events.get(0).kind()).isEqualTo("reset");
        accepted.checkEnded();
        assertThat(readExactly(in, 6)).isEqualTo("QUIT\r\n");
    }

    @Test
    void aQuitTheSessionReadsWithNoCheckInFlightIsNotReported() throws Exception {
        connect(1024);
        InputStream in = accepted.getInputStream();
        send("NOOP\r\n.\r\nQUIT\r\n");
        assertThat(readExactly(in, 15)).isEqualTo("NOOP\r\n.\r\nQUIT\r\n");
        client.close();
        assertThat(in.read()).isEqualTo(-1);
        accepted.watcherThread().join(WAIT.toMillis());
        assertThat(accepted.watcherThread().isAlive()).isFalse();
        assertThat(events).isEmpty();
    }

    @Test
    void aClientThatLeftJustBeforeTheCheckStartedIsReportedWhenItStarts() throws Exception {
        connect(1024);
        InputStream in = accepted.getInputStream();
        send("body\r\n.\r\n");
        client.close();
        assertThat(readExactly(in, 9)).isEqualTo("body\r\n.\r\n");
        Runnable release = () -> {};
        accepted.checkStarted(release);
        await().atMost(WAIT).until(() -> events.size() == 1);
        assertThat(events.get(0).kind()).isEqualTo("gone");
        assertThat(events.get(0).release()).isSameAs(release);
        accepted.checkEnded();
        assertThat(in.read()).isEqualTo(-1);
        accepted.watcherThread().join(WAIT.toMillis());
        assertThat(accepted.watcherThread().isAlive()).isFalse();
        assertThat(events).hasSize(1);
    }

    @Test
    void aResetDuringTheCheckIsReportedAndTheSessionThenGetsTheError() throws Exception {
        connect(1024);
        accepted.checkStarted(() -> {});
        client.setSoLinger(true, 0);
        client.close();
        await().atMost(WAIT).until(() -> events.size() == 1);
        assertThat(events.get(0).kind()).isEqualTo("gone");
        accepted.checkEnded();
        assertThatThrownBy(() -> accepted.getInputStream().read()).isInstanceOf(IOException.class);
    }

    @Test
    void closingTheSocketEndsTheWatcherAndTheClientSeesTheClose() throws Exception {
        connect(1024);
        Thread watcher = accepted.watcherThread();
        assertThat(watcher.isDaemon()).isTrue();
        accepted.checkStarted(() -> {});
        accepted.close();
        watcher.join(WAIT.toMillis());
        assertThat(watcher.isAlive()).isFalse();
        assertThat(client.getInputStream().read()).isEqualTo(-1);
        assertThat(events).as("our own close is not the client leaving").isEmpty();
    }

    private void send(String text) throws IOException {
        client.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        client.getOutputStream().flush();
    }

    private static String readExactly(InputStream in, int n) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[n];
        while (out.size() < n) {
            int r = in.read(buf, 0, n - out.size());
            if (r < 0) {
                break;
            }
            out.write(buf, 0, r);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
