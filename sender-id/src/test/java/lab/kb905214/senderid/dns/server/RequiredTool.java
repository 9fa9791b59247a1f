package lab.kb905214.senderid.dns.server;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import lab.kb905214.senderid.dns.server.process.InstalledProgram;
import org.junit.jupiter.api.Assumptions;

/**
 * A program from a Debian package that a test runs (dig, nsd): found on PATH or in the system directories; when it
 * is missing the test fails under {@code CI=true} (where .ci/run installs it) and is skipped elsewhere.
 */
public final class RequiredTool {
    private RequiredTool() {}

    /** The path of {@code program}, or a failure (CI) or a skip (elsewhere) saying which package to install. */
    public static Path find(String program, String debianPackage) {
        Path found = InstalledProgram.find(program).orElse(null);
        if (found != null) {
            return found;
        }
        String message = InstalledProgram.missing(program, debianPackage);
        if (InstalledProgram.requiredHere()) {
            fail(message + ", and under CI=true its absence is a failure");
        }
        Assumptions.abort(message + "; skipped on a developer machine");
        throw new AssertionError("unreachable");
    }
}
