package lab.kb905214.engine.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import lab.kb905214.engine.check.Outcome;
import lab.kb905214.engine.check.PendingCheck;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Stopping a server: a healthy one stops and frees its port; a hung one is abandoned within the limit. */
@Timeout(60)
class CloseTest extends ServerFixture {

    @Test
    void closeStopsTheServerAndFreesItsPort() throws Exception {
        start();
        int port = server.port();
        try (RawClient idle = new RawClient(port)) {
            idle.hello();
            // An idle client does not keep the server from stopping: SubEtha closes its session.
            assertThat(server.closeAbandoningIfHung(Duration.ofSeconds(10))).isTrue();
            assertThat(idle.closedByServer()).isTrue();
        }
        assertThat(server.isAbandoned()).isFalse();
        assertPortFree(port);
        awaitNoWatchers();
    }

    @Test
    void aServerWhoseCoordinatorNeverAnswersIsAbandonedWithinTheLimit() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        coordinator = new SimpleTestCoordinator() {
            @Override
            public Outcome awaitVerdict(PendingCheck check) throws InterruptedException {
                never.await(); // a waiter nobody wakes, as in a hung engine
                throw new AssertionError("woken although nobody counts the latch down");
            }
        };
        start();
        int port = server.port();
        try (RawClient client = new RawClient(port)) {
            client.hello();
            client.send("MAIL FROM:<alice@example.com>\r\nRCPT TO:<bob@example.net>\r\nDATA\r\n");
            client.reply();
            client.reply();
            client.reply();
            client.send(message("stuck") + ".\r\n");
            await("the session to wait for its verdict")
                    .atMost(WAIT)
                    .until(() -> !coordinator.completionThreads.isEmpty());

            // SubEtha's stop() alone would wait for the stuck session forever.
            boolean stopped = server.closeAbandoningIfHung(Duration.ofMillis(300));

            assertThat(stopped).isFalse();
            assertThat(server.isAbandoned()).isTrue();
            assertThat(client.closedByServer()).isTrue();
        }
        assertPortFree(port);
        // The abandoned session's wait was interruptible, so it still frees its spool on the way out.
        await("spool freed").atMost(WAIT).until(() -> spoolFilesLeft() == 0);
        assertThat(server.maildir().storedCount()).isZero();
        awaitNoWatchers();
    }

    @Test
    void startingOnAPortInUseFailsWithAnIOException() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Assertions.assertThatThrownBy(() -> start(b -> b.port(taken.getLocalPort())))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(String.valueOf(taken.getLocalPort()));
        }
        assertThat(server).isNull();
    }

    private static void assertPortFree(int port) throws IOException {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(probe.getLocalPort()).isEqualTo(port);
        }
    }
}
