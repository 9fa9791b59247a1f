package lab.kb905214.reports.shard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import lab.kb905214.reports.LabReport;
import lab.kb905214.reports.LabReportMain;
import lab.kb905214.reports.results.ResultsFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last job of .github/workflows/stress.yml, run here: two shards' results folders kept as test data
 * (src/test/resources/shards: a real {@code -Dlab.shard=1/2} and {@code 2/2} run of the default budgets) merge into
 * one report that keeps each shard's build, and a sound run split in two shards gives one passing gate; doctored
 * copies must be refused, or fail the gate, each with its own reason naming the folders.
 */
class ShardMergeSelfTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Properties a Maven build may pass this JVM; each test starts without them and gets them back after. */
    private static final List<String> PROPERTIES = List.of(
            LabReport.BUILD_ID_PROPERTY,
            LabReport.PROFILE_PROPERTY,
            LabReport.REPORT_DIR_PROPERTY,
            LabReport.RESULTS_DIR_PROPERTY,
            ShardCheck.SHARD_PROPERTY);

    @TempDir
    Path root;

    private final Map<String, String> saved = new HashMap<>();
    private Path one;
    private Path two;

    @BeforeEach
    void copyTheShards() {
        PROPERTIES.forEach(name -> {
            String value = System.clearProperty(name);
            if (value != null) {
                saved.put(name, value);
            }
        });
        one = copy("shard-1-of-2", root.resolve("runner-1/shard-1-of-2"));
        two = copy("shard-2-of-2", root.resolve("runner-2/shard-2-of-2"));
    }

    @AfterEach
    void restoreProperties() {
        PROPERTIES.forEach(System::clearProperty);
        saved.forEach(System::setProperty);
    }

    @Test
    void aSoundRunSplitInTwoShardsMergesIntoOnePassingGate() throws IOException {
        // The gate's own sound set (kept in step with every check the gate has), dealt to two shards as two builds.
        ResultsFixture fixture = new ResultsFixture(root.resolve("sound")).goodDefaultSet();
        List<Path> files = jsonFiles(fixture.resultsDir, true);
        Path[] shards = {root.resolve("sound-1/shard-1-of-2"), root.resolve("sound-2/shard-2-of-2")};
        for (int i = 0; i < files.size(); i++) {
            int shard = i % 2;
            Path to = shards[shard].resolve(
                    fixture.resultsDir.relativize(files.get(i)).toString());
            Files.createDirectories(to.getParent());
            Files.copy(files.get(i), to);
            editFile(
                    to,
                    p -> p.put("shard", (shard + 1) + "/2")
                            .put("profile", "default")
                            .put("buildId", p.path("buildId").asText() + "-shard" + (shard + 1)));
        }

        Output run = runMain("--merge", shards[0].toString(), shards[1].toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("lab gate (default): PASS");
        JsonNode summary = JSON.readTree(root.resolve("report/summary.json").toFile());
        assertThat(summary.path("verdict").path("gate").asText()).isEqualTo("pass");
        assertThat(summary.path("shards"))
                .extracting(n -> n.path("buildId").asText())
                .containsExactly(ResultsFixture.BUILD_ID + "-shard1", ResultsFixture.BUILD_ID + "-shard2");
        assertThat(summary.path("runs").size())
                .isEqualTo(jsonFiles(fixture.resultsDir, false).size());
    }

    @Test
    void theKeptShardsMergeIntoOneReportWithEachShardsBuildAndTheGatePasses() throws IOException {
        Output run = runMain("--merge", one.toString(), two.toString());

        // A gate that gained a check these files predate fails here: refresh them as the README says (sharding).
        assertThat(run.status())
                .as(
                        "the kept shards' merged gate (src/test/resources/shards may predate a new"
                                + " check of the gate: see the README to refresh them)%n%s",
                        run.err())
                .isZero();
        assertThat(run.out()).contains("lab gate (default): PASS");
        JsonNode summary = JSON.readTree(root.resolve("report/summary.json").toFile());
        assertThat(summary.path("verdict").path("gate").asText()).isEqualTo("pass");
        JsonNode shards = summary.path("shards");
        assertThat(shards).hasSize(2);
        String build1 = buildIdOf(one);
        String build2 = buildIdOf(two);
        assertThat(build1).isNotEqualTo(build2);
        assertThat(shards.get(0).path("shard").asText()).isEqualTo("1/2");
        assertThat(shards.get(0).path("buildId").asText()).isEqualTo(build1);
        assertThat(shards.get(1).path("shard").asText()).isEqualTo("2/2");
        assertThat(shards.get(1).path("buildId").asText()).isEqualTo(build2);
        assertThat(summary.path("runs").size()).isEqualTo(filesIn(one, false) + filesIn(two, false));
        assertThat(summary.path("mutants").path("matrix").size()).isPositive();
        String page = Files.readString(root.resolve("report/index.html"));
        assertThat(page).contains("id=\"shards-table\"").contains(build1).contains(build2);
    }

    @Test
    void aShardGivenTwiceIsRefusedNamingBothFolders() {
        Path again = copy("shard-1-of-2", root.resolve("runner-3/shard-1-of-2"));

        Output run = runMain("--merge", one.toString(), two.toString(), again.toString());

        refusedWith(run, "duplicate shard 1/2: " + one + " (shard 1/2), " + again + " (shard 1/2)");
    }

    @Test
    void aMissingShardIsRefusedNamingTheFoldersGiven() {
        Output run = runMain("--merge", one.toString());

        refusedWith(run, "missing shard 2/2: the folders given are " + one + " (shard 1/2)");
    }

    @Test
    void shardsOfDifferentCommitsAreRefusedNamingEachFoldersCommit() {
        String commit = commitOf(one);
        editEveryFile(two, p -> p.put("commit", "0000000000000000000000000000000000000000"));

        Output run = runMain("--merge", one.toString(), two.toString());

        refusedWith(
                run,
                "mixed commits: " + one + " (shard 1/2) of '" + commit + "', " + two
                        + " (shard 2/2) of '0000000000000000000000000000000000000000'");
    }

    @Test
    void shardsOfDifferentProfilesAreRefusedNamingEachFoldersProfile() {
        editEveryFile(two, p -> p.put("profile", "stress"));

        Output run = runMain("--merge", one.toString(), two.toString());

        refusedWith(run, "mixed profiles: " + one + " (shard 1/2) ran 'default', " + two + " (shard 2/2) ran 'stress'");
    }

    @Test
    void shardsOfDifferentSplitsAreRefused() {
        editEveryFile(two, p -> p.put("shard", "2/3"));

        Output run = runMain("--merge", one.toString(), two.toString());

        refusedWith(
                run,
                "the folders split the work in different numbers of shards: " + one + " (shard 1/2), " + two
                        + " (shard 2/3)");
    }

    @Test
    void aFolderOfAnUnshardedBuildIsRefused() {
        editEveryFile(two, p -> p.remove("shard"));

        Output run = runMain("--merge", one.toString(), two.toString());

        refusedWith(run, two + ": " + filesIn(two, true) + " file(s) without provenance.shard");
    }

    @Test
    void aFolderHoldingTwoShardsIsRefused() {
        String file = firstFileOf(two);
        editFile(two.resolve(file), p -> p.put("shard", "1/2"));

        Output run = runMain("--merge", one.toString(), two.toString());

        refusedWith(run, two + " mixes shards '1/2' (1 file(s): " + file + ") and '2/2'");
    }

    @Test
    void aResultsFileTwoShardsBothWroteIsRefused() throws IOException {
        String file = firstFileOf(one);
        Files.copy(one.resolve(file), two.resolve(file));
        editFile(two.resolve(file), p -> p.put("shard", "2/2"));

        Output run = runMain("--merge", one.toString(), two.toString());

        refusedWith(run, file + " is in more than one shard: " + one + " (shard 1/2), " + two + " (shard 2/2)");
    }

    @Test
    void aFileOfAnotherBuildInAShardsFolderFailsTheGateNamingIt() {
        String build = buildIdOf(two);
        String file = firstFileOf(two);
        editFile(
                two.resolve(file),
                p -> p.put("buildId", "20200101T000000.000Z").put("startedAt", "2020-01-01T00:00:00Z"));

        Output run = runMain("--merge", one.toString(), two.toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err())
                .contains("lab gate (default): FAIL")
                .contains("(" + file + "): from another build: " + file
                        + " has provenance.buildId '20200101T000000.000Z', this build is '" + build + "'");
    }

    @Test
    void aGateProfileOtherThanTheShardsOwnIsRefused() {
        System.setProperty(LabReport.PROFILE_PROPERTY, "stress");

        Output run = runMain("--merge", one.toString(), two.toString());

        refusedWith(run, "the shards ran the default profile, the gate was asked for stress");
    }

    @Test
    void aShardsOwnBuildChecksItsFolderAndLeavesTheGateToTheMerge() {
        System.setProperty(LabReport.RESULTS_DIR_PROPERTY, one.getParent().toString());
        System.setProperty(ShardCheck.SHARD_PROPERTY, "1/2");
        System.setProperty(LabReport.BUILD_ID_PROPERTY, buildIdOf(one));

        Output ok = runMain();
        System.setProperty(LabReport.BUILD_ID_PROPERTY, "another-build");
        Output otherBuild = runMain();
        System.setProperty(ShardCheck.SHARD_PROPERTY, "3/2");
        Output badShard = runMain();

        assertThat(ok.status()).as(ok.err()).isZero();
        assertThat(ok.out())
                .contains("shard 1/2: " + filesIn(one, true) + " results files of build " + buildIdOf(one))
                .contains("lab gate: not judged here");
        assertThat(otherBuild.status()).isEqualTo(1);
        assertThat(otherBuild.err()).contains("this build is 'another-build'");
        assertThat(badShard.status()).isEqualTo(2);
        assertThat(badShard.err()).contains("lab.shard '3/2' is not K/N");
    }

    private record Output(int status, String out, String err) {}

    /** The merge was refused (exit 2) with {@code reason} among its problems. */
    private static void refusedWith(Output run, String reason) {
        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains(reason);
    }

    private Output runMain(String... args) {
        System.setProperty(LabReport.REPORT_DIR_PROPERTY, root.resolve("report").toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = LabReportMain.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Output(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path copy(String shard, Path to) {
        try {
            Path from = Path.of(
                    ShardMergeSelfTest.class.getResource("/shards/" + shard).toURI());
            try (Stream<Path> files = Files.walk(from)) {
                for (Path file : files.toList()) {
                    Path target = to.resolve(from.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target);
                    }
                }
            }
            return to;
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot copy the test shard " + shard, e);
        }
    }

    private static List<Path> jsonFiles(Path folder, boolean withMutants) {
        try (Stream<Path> files = Files.walk(folder, withMutants ? 2 : 1)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // A results file of the shard's own (which shard runs which work is ShardPlan's to say).
    private static String firstFileOf(Path shard) {
        return jsonFiles(shard, false).stream()
                .map(p -> p.getFileName().toString())
                .sorted()
                .findFirst()
                .orElseThrow();
    }

    private static int filesIn(Path folder, boolean withMutants) {
        return jsonFiles(folder, withMutants).size();
    }

    private static void editEveryFile(Path folder, Consumer<ObjectNode> provenance) {
        jsonFiles(folder, true).forEach(file -> editFile(file, provenance));
    }

    private static void editFile(Path file, Consumer<ObjectNode> provenance) {
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(file.toFile());
            provenance.accept((ObjectNode) tree.get("provenance"));
            JSON.writeValue(file.toFile(), tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String buildIdOf(Path folder) {
        return provenanceOf(folder, "buildId");
    }

    private static String commitOf(Path folder) {
        return provenanceOf(folder, "commit");
    }

    private static String provenanceOf(Path folder, String field) {
        List<String> values = new ArrayList<>();
        for (Path file : jsonFiles(folder, true)) {
            try {
                values.add(JSON.readTree(file.toFile())
                        .path("provenance")
                        .path(field)
                        .asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(values).as("provenance.%s of %s", field, folder).isNotEmpty().containsOnly(values.get(0));
        return values.get(0);
    }
}
