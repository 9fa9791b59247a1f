package lab.kb905214.stress.jcstress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lab.kb905214.results.ResultFields;
import lab.kb905214.stress.results.ResultsDirectory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the console log of a real JCStress run on this machine (a test resource) into the results files. */
@Tag("shares-jvm") // starts no engine and leaves no thread behind: it may share a JVM
class JcstressResultsTest {
    private static final String PACKAGE = "lab.kb905214.stress.jcstress.";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void readsForksTotalsAndWatchdogOfARealRun() throws IOException {
        JcstressConsole console = JcstressConsole.parse(realRun());

        assertThat(console.finished()).isTrue();
        List<JcstressConsole.Fork> buggyH2 = console.forks(PACKAGE + "H2Race.Buggy");
        assertThat(buggyH2).hasSize(2).allSatisfy(fork -> {
            assertThat(fork.outcomes()).containsEntry("STALE", 1L);
            assertThat(fork.messages()).anyMatch(m -> m.startsWith("Have stale threads"));
        });
        assertThat(console.totals(PACKAGE + "H2Race.Buggy").orElseThrow().outcomes())
                .containsEntry("STALE", 2L)
                .containsEntry(
                        "TERMINATED",
                        buggyH2.stream()
                                .mapToLong(f -> f.outcomes().get("TERMINATED"))
                                .sum());
        assertThat(console.forks(PACKAGE + "H1Race.Buggy"))
                .hasSize(2)
                .allSatisfy(fork -> assertThat(fork.status()).isEqualTo("VM ERROR"));
        assertThat(console.watchdog(PACKAGE + "H1Race.Buggy"))
                .filteredOn(e -> e.kind().equals("IDLE"))
                .allSatisfy(e -> assertThat(e.details()).anyMatch(l -> l.contains("BuggyCoordinator$SessionLock")));
        assertThat(console.unschedulable()).singleElement().asString().contains("3 actors");
    }

    @Test
    void writesOneFilePerEngineAndScenario() throws IOException {
        Path log = Files.write(dir.resolve("console.txt"), realRun());

        List<JcstressResults.Written> written =
                JcstressResults.write(log, dir.resolve("report"), ResultsDirectory.at(dir), "plan");

        assertThat(written)
                .extracting(w -> w.file().getFileName().toString())
                .containsExactly(
                        "jcstress-buggy-H2.json",
                        "jcstress-fixed-H2.json",
                        "jcstress-buggy-H1.json",
                        "jcstress-fixed-H1.json",
                        "jcstress-fixed-outcomes.json");
        JsonNode buggyH2 = read("jcstress-buggy-H2.json");
        assertThat(ResultFields.HANGS.in(buggyH2).asLong()).isEqualTo(2);
        assertThat(buggyH2.at("/counters/detectionRate/found").asLong()).isEqualTo(2);
        assertThat(buggyH2.at("/counters/detectionRate/samples").asLong())
                .isEqualTo(ResultFields.EXPLORED.in(buggyH2).asLong());
        assertThat(ResultFields.FIRST_HANG_AT.in(buggyH2).asLong())
                .isBetween(1L, ResultFields.EXPLORED.in(buggyH2).asLong());
        JsonNode buggyH1 = read("jcstress-buggy-H1.json");
        assertThat(ResultFields.HANGS.in(buggyH1).asLong()).isEqualTo(2);
        assertThat(buggyH1.at("/counters/watchdogDeadlockKills").asLong()).isEqualTo(2);
        assertThat(ResultFields.EVIDENCE.in(buggyH1).asText()).contains("Java-level deadlock", "RegistryLock");
        for (String fixed :
                List.of("jcstress-fixed-H2.json", "jcstress-fixed-H1.json", "jcstress-fixed-outcomes.json")) {
            JsonNode result = read(fixed);
            assertThat(ResultFields.HANGS.in(result).asLong()).as(fixed).isZero();
            assertThat(ResultFields.EXPLORED.in(result).asLong()).as(fixed).isPositive();
            // The forks report only outcomes: the file says so rather than write a made-up false.
            assertThat(ResultFields.FAILPOINTS_ARMED.in(result).isNull())
                    .as(fixed)
                    .isTrue();
            assertThat(result.at("/notObserved/failpointsArmed").asText())
                    .as(fixed)
                    .contains("forks");
        }
        assertThat(read("jcstress-fixed-outcomes.json").at("/counters/notRun").toString())
                .contains("ThreePathsRace.Fixed");
    }

    @Test
    void aTruncatedLogGivesTheForkResultsItHasAndSaysSo() throws IOException {
        List<String> lines = realRun();
        int cut = lines.indexOf(lines.stream()
                .filter(l -> l.startsWith("RUN RESULTS:"))
                .findFirst()
                .orElseThrow());
        Path log = Files.write(dir.resolve("console.txt"), lines.subList(0, cut));

        JcstressResults.write(log, dir.resolve("report"), ResultsDirectory.at(dir), "plan");

        JsonNode buggyH2 = read("jcstress-buggy-H2.json");
        assertThat(ResultFields.EVIDENCE.in(buggyH2).asText()).contains("truncated");
        assertThat(ResultFields.HANGS.in(buggyH2).asLong()).isEqualTo(2); // summed from the two fork tables
        assertThat(buggyH2.at("/counters/runFinished").asBoolean()).isFalse();
    }

    @Test
    void aMissingLogStillGivesEveryFileSayingSo() throws IOException {
        List<JcstressResults.Written> written = JcstressResults.write(
                dir.resolve("absent.txt"), dir.resolve("report"), ResultsDirectory.at(dir), "plan");

        assertThat(written).hasSize(5);
        JsonNode buggyH1 = read("jcstress-buggy-H1.json");
        assertThat(ResultFields.EVIDENCE.in(buggyH1).asText()).contains("missing");
        assertThat(ResultFields.HANGS.in(buggyH1).asLong()).isZero();
        assertThat(ResultFields.EXPLORED.in(buggyH1).asLong()).isZero();
    }

    @Test
    void readsRowsWhateverTheirFrequencyLooksLike() {
        JcstressConsole console = JcstressConsole.parse(List.of(
                ".......... [OK] " + PACKAGE + "H2Race.Fixed",
                "  Fork: #3",
                "      RESULT  SAMPLES     FREQ      EXPECT  DESCRIPTION",
                "       STALE        1   <0.01%   Forbidden  lost wakeup",
                "  TERMINATED   20,780  100.00%  Acceptable  the waiter saw the verdict",
                "",
                "(ETA: now)"));

        JcstressConsole.Fork fork = console.forks(PACKAGE + "H2Race.Fixed").get(0);
        assertThat(fork.number()).isEqualTo(3);
        assertThat(fork.outcomes()).containsEntry("STALE", 1L).containsEntry("TERMINATED", 20_780L);
        assertThat(fork.forbidden()).containsExactly("STALE");
        assertThat(console.finished()).isFalse();
    }

    private JsonNode read(String file) throws IOException {
        return JSON.readTree(dir.resolve(file).toFile());
    }

    /** The console log of `JcstressRunner --budget 90s` on engine-buggy and engine-fixed, 2 cores, JCStress 0.16. */
    private static List<String> realRun() throws IOException {
        try (InputStream in = JcstressResultsTest.class.getResourceAsStream("jcstress-console-90s.txt")) {
            assertThat(in).as("test resource jcstress-console-90s.txt").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
