package lab.kb905214.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lab report} rebuilds the report from a results folder and prints where it is. */
class ReportCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTheReportAndPrintsItsPath() {
        Path out = dir.resolve("report");

        CommandRun run = CommandRun.lab("report", "--results-dir", dir.resolve("no-results-yet").toString(),
                "--out", out.toString());

        assertThat(run.code()).as(run.err()).isZero();
        Path page = out.resolve("index.html").toAbsolutePath().normalize();
        assertThat(run.out().lines().findFirst()).hasValue(page.toString());
        assertThat(page).isRegularFile();
        assertThat(out.resolve("summary.json")).isRegularFile();
        assertThat(out.resolve("junit.xml")).isRegularFile();
        // With no results at all, the gate cannot pass, and the command says why the folder is empty.
        assertThat(run.out()).contains("no results yet").contains("gate (default): fail");
    }
}
