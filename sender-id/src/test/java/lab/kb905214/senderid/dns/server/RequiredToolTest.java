package lab.kb905214.senderid.dns.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class RequiredToolTest {
    @Test
    void findsAProgramOnThePath() {
        assertThat(RequiredTool.find("sh", "dash")).isExecutable();
    }

    @Test
    void aMissingProgramFailsUnderCiAndIsSkippedElsewhereSayingHowToInstallIt() {
        Throwable thrown = catchThrowable(() -> RequiredTool.find("kb905214-no-such-program", "kb905214-pkg"));

        // The branch this JVM takes depends on its environment; run with CI=true to see the other one.
        Class<? extends Throwable> expected =
                "true".equals(System.getenv("CI")) ? AssertionError.class : TestAbortedException.class;
        assertThat(thrown)
                .isInstanceOf(expected)
                .hasMessageContaining("kb905214-no-such-program is required")
                .hasMessageContaining("apt-get install kb905214-pkg");
    }
}
