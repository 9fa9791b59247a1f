package lab.kb905214.engine.fixed;

import static lab.kb905214.engine.fixed.RealStack.FAIL;
import static lab.kb905214.engine.fixed.RealStack.PASS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.kb905214.senderid.policy.FilterAction;
import lab.kb905214.senderid.policy.FilterPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * swaks, a real SMTP test client (Debian package swaks), against engine-fixed with the real Sender ID stack. On CI
 * (CI=true) a missing swaks fails the test; elsewhere it is skipped.
 */
@Timeout(120)
class SwaksTest {
    /** swaks's exit status when the server refuses the message after DATA (its documented "DATA reject"). */
    private static final int SWAKS_DATA_REJECTED = 26;

    private static final long SWAKS_LIMIT_SECONDS = 60;
    private static final Pattern QUEUED_AS = Pattern.compile("(?m)^<- +(250 2\\.6\\.0 .*queued as \\S+)\\s*$");

    @TempDir
    Path dir;

    private RealStack stack;

    @BeforeEach
    void requireSwaksAndStartTheStack() throws IOException {
        // Checked per test, not in @BeforeAll, so a skip shows in the report as skipped tests.
        if (!onPath("swaks")) {
            String why = "swaks is required for this test (Debian package swaks; .ci/run installs it)";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            Assumptions.abort(why + "; skipped outside CI");
        }
        stack = RealStack.start(dir, b -> b.filterPolicy(FilterPolicy.defaults().withOnFail(FilterAction.REJECT)));
    }

    @AfterEach
    void closeStack() throws IOException {
        if (stack == null) {
            return;
        }
        try {
            stack.assertStoreConsistent();
        } finally {
            stack.close();
        }
    }

    @Test
    void aPassingMessageIsDeliveredAndSwaksExitsZero() throws Exception {
        Run run = swaks(PASS, "<swaks-pass@client.test>");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        Matcher accepted = QUEUED_AS.matcher(run.transcript());
        assertThat(accepted.find()).as(run.transcript()).isTrue();
        assertThat(stack.storedFor(accepted.group(1)))
                .startsWith("Authentication-Results: " + RealStack.HOST + "; sender-id=pass")
                .contains(" header.from=alice@" + PASS + "\r\n")
                .contains("\r\nMessage-Id: <swaks-pass@client.test>\r\n");
        assertThat(stack.storedMessageIds()).containsExactly("<swaks-pass@client.test>");
    }

    @Test
    void aFailingMessageIsRejectedAfterDataAndSwaksSaysSo() throws Exception {
        Run run = swaks(FAIL, "<swaks-fail@client.test>");

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(SWAKS_DATA_REJECTED);
        assertThat(run.transcript()).containsPattern("(?m)^<\\*\\* +550 5\\.7\\.1 Sender ID check failed: fail");
        assertThat(stack.server().maildir().storedCount()).isZero();
        assertThat(stack.server().counters().snapshot().rejected()).isEqualTo(1);
    }

    /** Runs swaks for one message from alice@{@code domain}; its whole transcript is kept. */
    private Run swaks(String domain, String messageId) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "swaks",
                "--server",
                "127.0.0.1",
                "--port",
                String.valueOf(stack.port()),
                "--helo",
                "client.test", // no lookup of the local host name
                "--timeout",
                "30",
                "--from",
                "alice@" + domain,
                "--to",
                "bob@example.net",
                "--header",
                "From: Alice <alice@" + domain + ">",
                "--header",
                "Message-Id: " + messageId));
        Path transcript = dir.resolve("swaks-" + domain + ".txt");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(transcript.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        if (!process.waitFor(SWAKS_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("swaks did not finish within " + SWAKS_LIMIT_SECONDS + " s:\n" + read(transcript));
        }
        return new Run(process.exitValue(), read(transcript));
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.ISO_8859_1);
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String directory : path.split(File.pathSeparator, -1)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }

    /** What one swaks run did: its exit status and its transcript (stdout and stderr). */
    private record Run(int exitCode, String transcript) {}
}
