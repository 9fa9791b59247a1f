package lab.kb905214.engine.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import lab.kb905214.engine.thread.ThreadRole;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Starts a server per test on an ephemeral port and checks the store's invariant when the test ends. */
abstract class ServerFixture {
    static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    final FakeCheck check = new FakeCheck();
    SimpleTestCoordinator coordinator = new SimpleTestCoordinator();
    VirtualServer server;

    VirtualServer start(UnaryOperator<EngineConfig.Builder> settings) throws IOException {
        EngineConfig config = settings.apply(EngineConfig.builder(dir.resolve("maildir"), check)
                        .hostName("mx.lab.test")
                        .stopLimit(Duration.ofSeconds(5)))
                .build();
        server = VirtualServer.start(config, coordinator);
        return server;
    }

    VirtualServer start() throws IOException {
        return start(b -> b);
    }

    @AfterEach
    void closeAndCheckStore() throws IOException {
        if (server == null) {
            return;
        }
        server.close();
        EngineCounters.Snapshot counts = server.counters().snapshot();
        // Every 250 to DATA is one file in new/ or one counted Delete, and nothing else is in new/.
        assertThat(server.maildir().storedCount()).isEqualTo(counts.accepted());
        assertThat(counts.replies2xx()).isEqualTo(counts.accepted() + counts.deleted());
        assertThat(server.maildir().deletedByPolicy()).isEqualTo(counts.deleted());
        assertThat(spoolFilesLeft()).as("spool files left in tmp/").isZero();
    }

    long spoolFilesLeft() throws IOException {
        try (Stream<Path> files = Files.list(server.maildir().root().resolve("tmp"))) {
            return files.count();
        }
    }

    static long liveWatcherThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && ThreadRole.WATCHER.names(t.getName()))
                .count();
    }

    static void awaitNoWatchers() {
        Awaitility.await("watcher threads to end").atMost(WAIT).until(() -> liveWatcherThreads() == 0);
    }

    static String message(String subject) {
        return "From: Alice <alice@example.com>\r\n"
                + "To: bob@example.net\r\n"
                + "Subject: " + subject + "\r\n"
                + "\r\n"
                + "Hello Bob.\r\n"
                + "..a line that starts with a dot\r\n";
    }
}
