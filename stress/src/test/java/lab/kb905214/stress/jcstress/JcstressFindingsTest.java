package lab.kb905214.stress.jcstress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads console logs shaped like the mutant runs' into per-test findings. The blocks are copied from real runs of
 * the mutant tests before they became the race files' engine-fixed variants, with the tests named as they are now.
 */
@Tag("shares-jvm") // starts no engine and leaves no thread behind: it may share a JVM
class JcstressFindingsTest {
    private static final String PACKAGE = "lab.kb905214.stress.jcstress.";
    private static final String TWICE = PACKAGE + "TeardownTwiceRace.Fixed";
    private static final String H1 = PACKAGE + "H1Race.Fixed";
    private static final String H2 = PACKAGE + "H2Race.Fixed";

    @TempDir
    Path dir;

    @Test
    void anExceptionRecordedAsAForbiddenOutcomeIsTheFirstProblem() throws IOException {
        List<String> log = new ArrayList<>(List.of("[run] PROBED at=12.8"));
        log.addAll(fork(
                H2,
                "OK",
                14.0,
                "      RESULT  SAMPLES     FREQ      EXPECT  DESCRIPTION",
                "  TERMINATED    1,815  100.00%  Acceptable  the waiter saw the verdict"));
        log.addAll(fork(
                TWICE,
                "FAILED",
                16.5,
                "                                      RESULT  SAMPLES     FREQ      " + "EXPECT  DESCRIPTION",
                "                           OK, OK, CANCELLED        0    0.00%  Acceptable  one teardown cancelled",
                "  OK, THREW_IllegalStateException, CANCELLED  344,312   86.66%   Forbidden  a teardown threw",
                "  THREW_IllegalStateException, OK, CANCELLED   53,019   13.34%   Forbidden  a teardown threw"));
        log.addAll(List.of("[run] STOPPED at=17.2 reason=first-finding", "[run] END seconds=17.2 exit=137"));

        JcstressFindings findings = JcstressFindings.read(write(log), List.of(H2, TWICE, H1));

        assertThat(findings.firstProblem())
                .hasValueSatisfying(p -> assertThat(p)
                        .startsWith("TeardownTwiceRace.Fixed: ")
                        .contains(
                                "forbidden OK, THREW_IllegalStateException, CANCELLED x344312",
                                "forbidden THREW_IllegalStateException, OK, CANCELLED x53019"));
        assertThat(findings.firstProblemSeconds()).contains(16.5);
        assertThat(findings.firstProblemHung())
                .as("a forbidden outcome is no hang")
                .isFalse();
        assertThat(findings.runSeconds()).isEqualTo(17.2);
        assertThat(findings.samples()).isEqualTo(1_815 + 344_312 + 53_019);
        assertThat(findings.tests().get(0).problems()).isEmpty();
        assertThat(findings.notRun()).containsExactly("H1Race.Fixed");
        assertThat(findings.evidence()).contains("stopped at 17.2 s");
    }

    @Test
    void aDeadlockKilledByTheWatchdogNamesTheLocksOnce() throws IOException {
        List<String> log = new ArrayList<>(List.of(
                "[watchdog] | Found one Java-level deadlock:",
                "[watchdog] | \"JcstressThread_ResourceCheck_completion\":",
                "[watchdog] | waiting to lock monitor 0x00007f6efc342c20 (object 0x00000000ff27aec8, a "
                        + "lab.kb905214.stress.mutants.LockOrderReverted$SessionMonitor),",
                "[watchdog] | which is held by \"JcstressThread_ResourceCheck_teardown\"",
                "[watchdog] | \"JcstressThread_ResourceCheck_teardown\":",
                "[watchdog] | waiting to lock monitor 0x00007f6ef80f6240 (object 0x00000000ff480390, a "
                        + "lab.kb905214.stress.mutants.LockOrderReverted$RegistryMonitor),",
                "[watchdog] | which is held by \"JcstressThread_ResourceCheck_completion\"",
                "[watchdog] IDLE fork=21542 test=" + H1 + " seconds=4 dump=/tmp/fork-21542-1.txt deadlock=true",
                "[watchdog] KILLED fork=21542 test=" + H1 + " reason=deadlock"));
        log.addAll(fork(H1, "VM ERROR", 24.6, "  Messages:", "    Failed with error code 137"));
        log.add("[run] END seconds=24.9 exit=137");

        JcstressFindings findings = JcstressFindings.read(write(log), List.of(H1));

        // The VM ERROR is the killed fork itself: one problem, not two.
        assertThat(findings.tests().get(0).problems())
                .containsExactly("fork deadlocked, killed by the watchdog: lock "
                        + "cycle on LockOrderReverted$SessionMonitor and LockOrderReverted$RegistryMonitor");
        assertThat(findings.firstProblemSeconds()).contains(24.6);
        assertThat(findings.firstProblemHung())
                .as("the watchdog's lock cycle is a proven hang")
                .isTrue();
    }

    @Test
    void aForkThatFailedWithoutAnOutcomeIsAProblemWithItsMessage() throws IOException {
        List<String> log = new ArrayList<>(fork(
                H2, "ERROR", 20.0, "  Messages:", "    java.lang.OutOfMemoryError: unable to create native thread"));
        log.add("[run] END seconds=21.0 exit=0");

        JcstressFindings findings = JcstressFindings.read(write(log), List.of(H2));

        assertThat(findings.firstProblem())
                .hasValueSatisfying(
                        p -> assertThat(p)
                                .isEqualTo(
                                        "H2Race.Fixed: fork ERROR: java.lang.OutOfMemoryError: unable to create native thread"));
    }

    @Test
    void aCleanRunHasNoProblem() throws IOException {
        List<String> log = new ArrayList<>(fork(
                H1,
                "OK",
                15.0,
                "     RESULT    SAMPLES     FREQ      EXPECT  DESCRIPTION",
                "  OK, OK, CANCELLED  5,323,833   53.39%  Acceptable  teardown won",
                "  OK, OK, DELIVERED  4,647,898   46.61%  Acceptable  completion won"));
        log.add("[run] END seconds=38.1 exit=0");

        JcstressFindings findings = JcstressFindings.read(write(log), List.of(H1));

        assertThat(findings.firstProblem()).isEmpty();
        assertThat(findings.firstProblemSeconds()).isEmpty();
        assertThat(findings.samples()).isEqualTo(5_323_833 + 4_647_898);
        assertThat(findings.notRun()).isEmpty();
    }

    @Test
    void aMissingLogSaysSoAndFindsNothing() {
        JcstressFindings findings = JcstressFindings.read(dir.resolve("absent.txt"), List.of(H1));

        assertThat(findings.firstProblem()).isEmpty();
        assertThat(findings.notRun()).containsExactly("H1Race.Fixed");
        assertThat(findings.evidence()).contains("missing or unreadable");
    }

    /** One fork's block as JCStress 0.16 prints it with -v, with the runner's RESULT mark and the progress lines. */
    private static List<String> fork(String test, String status, double at, String... table) {
        List<String> lines = new ArrayList<>(List.of(
                "",
                ".......... [" + status + "] " + test,
                "[run] RESULT at=" + at + " test=" + test + " status=" + status.replace(' ', '_'),
                "",
                "  JVM args: [-XX:-UseBiasedLocking, -Xmx256m, -Dlab.mutant.class=x.Y]",
                "  Fork: #1",
                ""));
        lines.addAll(List.of(table));
        lines.addAll(List.of(
                "",
                "(ETA: in 00:00:36; at Sun, 2026-11-29 14:16:59)",
                "(Results: 12 planned; 0 passed, 1 failed, 0 soft errs, 0 hard errs)"));
        return lines;
    }

    private Path write(List<String> lines) throws IOException {
        return Files.write(dir.resolve("console.txt"), lines);
    }
}
