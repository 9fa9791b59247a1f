package lab.kb905214.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import lab.kb905214.engine.check.WaitBound;
import lab.kb905214.stress.client.SmtpReply;
import lab.kb905214.stress.client.SmtpWire;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code lab serve} on ephemeral ports, in a background thread: one message over a raw socket is answered, logged
 * with its Sender ID result, and stored; stopping it ends the command.
 */
class ServeCommandTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);

    @TempDir
    Path maildir;

    private PrintStream originalErr;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    // The engine logs through slf4j-simple, which writes to whatever System.err is at that moment.
    @BeforeEach
    void captureStderr() {
        originalErr = System.err;
        System.setErr(new PrintStream(new Tee(originalErr, log), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(originalErr);
    }

    @Test
    void oneMessageIsAnsweredLoggedAndStored() throws Exception {
        CompletableFuture<ServeCommand.Served> started = new CompletableFuture<>();
        ServeCommand serve = new ServeCommand(started::complete);
        CommandLine commandLine = LabCommand.configure(new CommandLine(serve));
        CompletableFuture<CommandRun> finished = CompletableFuture.supplyAsync(
                () -> CommandRun.on(commandLine, "--engine", "fixed", "--maildir", maildir.toString()));
        ServeCommand.Served served;
        try {
            served = started.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
            // Served as a deployment is: DNS answers cached, the wait bounded by the evaluation's limit and its margin.
            assertThat(served.engine().cachesDns()).isTrue();
            assertThat(served.engine().server().config().verdictWaitBound())
                    .isEqualTo(WaitBound.afterEvaluation(served.engine().longestCheck()));
            InetSocketAddress smtp = new InetSocketAddress(
                    InetAddress.getLoopbackAddress(), served.engine().server().port());
            SmtpReply reply;
            try (SmtpWire wire = SmtpWire.connect(smtp, LIMIT)) {
                wire.openTransaction("client.example", "alice@pass.example", "bob@lab.example");
                wire.sendMessageAndDot("""
                        From: Alice <alice@pass.example>\r
                        To: <bob@lab.example>\r
                        Message-ID: <serve-test@lab.example>\r
                        Subject: hello\r
                        \r
                        Hello.\r
                        """);
                reply = wire.readReply();
                wire.send("QUIT\r\n");
            }
            assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
            // The engine logs the transaction before it replies, so the line is there once the reply is.
            assertThat(log.toString(StandardCharsets.UTF_8))
                    .containsPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO SenderIdStage - session-\\d+ "
                            + "from=<alice@pass.example> .*client=127\\.0\\.0\\.1 result=pass "
                            + "identity=alice@pass\\.example action=accept reply=250");
            List<Path> stored = storedMessages();
            assertThat(stored).hasSize(1);
            assertThat(Files.readString(stored.get(0)))
                    .contains("Message-ID: <serve-test@lab.example>")
                    .containsIgnoringCase("sender-id=pass");
        } finally {
            serve.stop();
        }
        CommandRun run = finished.get(LIMIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("engine-fixed is listening on 127.0.0.1:"
                        + served.engine().server().port())
                .contains("swaks --server 127.0.0.1 --port "
                        + served.engine().server().port()
                        + " --from alice@pass.example --to bob@lab.example --header \"From: alice@pass.example\"")
                .contains("dig @127.0.0.1 -p " + served.dns().port() + " pass.example TXT")
                .contains("engine-fixed stopped.");
        assertThat(storedMessages())
                .as("a Maildir given with --maildir is kept")
                .hasSize(1);
    }

    private List<Path> storedMessages() throws Exception {
        try (Stream<Path> files = Files.list(maildir.resolve("new"))) {
            return files.toList();
        }
    }

    /** Writes to two streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }
    }
}
