package lab.kb905214.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
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

        CommandRun run = CommandRun.lab(
                "report", "--results-dir", dir.resolve("no-results-yet").toString(), "--out", out.toString());

        assertThat(run.code()).as(run.err()).isZero();
        Path page = out.resolve("index.html").toAbsolutePath().normalize();
        assertThat(run.out().lines().findFirst()).hasValue(page.toString());
        assertThat(page).isRegularFile();
        assertThat(out.resolve("summary.json")).isRegularFile();
        assertThat(out.resolve("junit.xml")).isRegularFile();
        // With no results at all, the gate cannot pass, and the command says why the folder is empty.
        assertThat(run.out()).contains("no results yet").contains("gate (default): fail");
    }

    @Test
    void mergeRefusesAShardMissingAndNamesTheFolderGiven() throws Exception {
        Path shard = dir.resolve("shard-1-of-2");
        Files.createDirectories(shard);
        Files.writeString(
                shard.resolve("schedule-fixed-H1.json"),
                "{\"harness\": \"schedule\", \"engine\": \"fixed\","
                        + " \"scenario\": \"H1\", \"provenance\": {\"buildId\": \"b1\", \"commit\": \"c1\","
                        + " \"startedAt\": \"2026-01-01T00:00:00Z\", \"profile\": \"stress\", \"shard\": \"1/2\"}}");

        CommandRun run = CommandRun.lab(
                "report", "--merge", shard.toString(), "--out", dir.resolve("r").toString());

        assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err())
                .contains("cannot merge the shards' results")
                .contains("missing shard 2/2: the folders given are "
                        + shard.toAbsolutePath().normalize() + " (shard 1/2)");
        assertThat(dir.resolve("r")).doesNotExist();
    }

    @Test
    void mergeAndResultsDirTogetherAreAUsageError() {
        CommandRun run = CommandRun.lab("report", "--merge", dir.toString(), "--results-dir", dir.toString());

        assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--merge and --results-dir: give one");
    }
}
