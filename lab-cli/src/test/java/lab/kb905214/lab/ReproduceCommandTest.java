package lab.kb905214.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lab reproduce} with short limits: JSON output of a fixed-only run, and what a run without aborts may say. */
class ReproduceCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path results;

    @Test
    void fixedOnlyJsonSaysTheFixedEngineHeld() throws Exception {
        CommandRun run = CommandRun.lab(
                "reproduce", "--engine", "fixed", "--seconds", "3", "--json", "--results-dir", results.toString());

        assertThat(run.code()).as(run.err()).isZero();
        JsonNode out = JSON.readTree(run.out());
        assertThat(out.has("buggy")).isFalse();
        JsonNode fixed = out.path("fixed");
        assertThat(fixed.path("hung").isBoolean()).isTrue();
        assertThat(fixed.path("hung").asBoolean()).isFalse();
        assertThat(fixed.path("held").asBoolean()).isTrue();
        assertThat(fixed.path("afterSeconds").isNull()).isTrue();
        assertThat(fixed.path("transactions").asLong()).isPositive();
        assertThat(fixed.path("cycle")).isEmpty();
        assertThat(fixed.path("accepted250Missing")).isEmpty();
        assertThat(fixed.path("unanswered").asLong()).isZero();
        assertThat(out.path("exitCode").asInt()).isZero();
        assertThat(out.path("plan").path("failpointsArmed").asBoolean(true)).isFalse();
        // The results file the report reads, in the harness's shape, in the folder asked for.
        Path file = Path.of(fixed.path("resultsFile").asText());
        assertThat(file).exists().hasParent(results).hasFileName("load-fixed-H1.json");
        JsonNode written = JSON.readTree(file.toFile());
        assertThat(written.path("harness").asText()).isEqualTo("load");
        assertThat(written.path("engine").asText()).isEqualTo("fixed");
        assertThat(written.path("hangs").asLong()).isZero();
        assertThat(written.path("explored").asLong())
                .isEqualTo(fixed.path("transactions").asLong());
        // Progress went to stderr, once a second or so, since stderr is not a terminal here.
        assertThat(run.err())
                .contains("engine-fixed")
                .contains("transactions answered")
                .doesNotContain("\r");
    }

    @Test
    void buggyWithoutAbortsExits3WhenItDoesNotHangAndSaysWhy() throws Exception {
        CommandRun run = CommandRun.lab(
                "reproduce",
                "--engine",
                "buggy",
                "--seconds",
                "2",
                "--abort-rate",
                "0",
                "--results-dir",
                results.toString());

        // Without aborts H1 needs the one teardown wave the run's own end causes (it disconnects its clients), and
        // H2 may hang a session at any time: a hang is possible, so both outcomes are accepted, each checked.
        assertThat(run.code()).as(run.out() + run.err()).isIn(0, 3);
        JsonNode written =
                JSON.readTree(results.resolve("load-buggy-no-abort.json").toFile());
        assertThat(written.path("counters").path("accepted250Missing")).isEmpty();
        assertThat(written.path("counters").path("plan").path("abortRate").asDouble())
                .isZero();
        if (run.code() == 3) {
            assertThat(written.path("hangs").asLong()).isZero();
            assertThat(run.out())
                    .contains("engine-buggy did not hang within 2 s")
                    .contains(
                            "With --abort-rate 0 no client leaves mid-check, so H1 cannot happen while the clients run")
                    .contains("(exit 3)");
        } else {
            assertThat(written.path("hangs").asLong()).isEqualTo(1);
            assertThat(run.out()).contains("engine-buggy hung. (exit 0)");
        }
        try (var files = Files.list(results)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("load-buggy-no-abort.json");
        }
    }
}
