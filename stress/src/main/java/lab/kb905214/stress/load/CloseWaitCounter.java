package lab.kb905214.stress.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Counts the server side's connections in CLOSE_WAIT on a port, as the OS reports them ({@code ss}): the client
 * closed, the server never did. KB918283's signature of sessions stuck in filtering.
 */
final class CloseWaitCounter {
    private CloseWaitCounter() {}

    /** The count, or -1 when {@code ss} is not available. */
    static int onLocalPort(int port) {
        try {
            Process ss = new ProcessBuilder("ss", "-tan", "state", "close-wait", "( sport = :" + port + " )")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!ss.waitFor(10, TimeUnit.SECONDS) || ss.exitValue() != 0) {
                ss.destroyForcibly();
                return -1;
            }
            // First line is the header; one line per socket after it.
            return (int) out.lines().skip(1).filter(l -> !l.isBlank()).count();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
