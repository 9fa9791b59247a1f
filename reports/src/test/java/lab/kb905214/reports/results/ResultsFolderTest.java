package lab.kb905214.reports.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import lab.kb905214.reports.gate.Finding;
import lab.kb905214.reports.gate.GateProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a results folder: bad files become clear errors naming the file, never exceptions for the report. */
class ResultsFolderTest {
    @TempDir
    Path root;

    @Test
    void aFolderThatDoesNotExistYetReadsAsEmpty() {
        LabResults results = ResultsFolder.read(root.resolve("nothing-here"));
        assertThat(results.runs()).isEmpty();
        assertThat(results.unreadable()).isEmpty();
    }

    @Test
    void readsEveryJsonFileInNameOrderAndSkipsHalfWrittenTempFiles() {
        ResultsFixture fixture = new ResultsFixture(root).goodDefaultSet();
        fixture.writeRaw(".writing-123.json", "{\"harness\":");
        fixture.writeRaw("notes.txt", "not results");
        LabResults results = fixture.read();
        assertThat(results.unreadable()).isEmpty();
        assertThat(results.runs())
                .extracting(HarnessRun::fileName)
                .containsExactly(
                        "explore-buggy-single.json",
                        "explore-fixed-single.json",
                        "judge-buggy-calibration.json",
                        "judge-fixed-calibration.json",
                        "lincheck-buggy-H1-threads.json",
                        "lincheck-buggy-H1.json",
                        "lincheck-buggy-H2-threads.json",
                        "lincheck-buggy-H2.json",
                        "lincheck-control-spec.json",
                        "lincheck-fixed-H1.json",
                        "lincheck-fixed-H2.json",
                        "lincheck-fixed-three-paths-threads.json",
                        "load-fixed-bounded.json",
                        "load-fixed-unbound.json",
                        "schedule-buggy-H1.json",
                        "schedule-buggy-H2.json",
                        "schedule-fixed-H1.json",
                        "schedule-fixed-H2.json",
                        "spin-buggy-H1.json",
                        "spin-buggy-H2.json",
                        "spin-fixed-H1.json",
                        "spin-fixed-H2.json");
    }

    @Test
    void aTruncatedFileIsUnreadableWithItsNameLineAndColumn() {
        ResultsFixture fixture =
                new ResultsFixture(root).writeRaw("load-buggy-H1.json", "{\n  \"harness\" : \"load\",\n  \"hangs\" : ");
        LabResults results = fixture.read();
        assertThat(results.runs()).isEmpty();
        assertThat(results.unreadable()).singleElement().satisfies(bad -> {
            assertThat(bad.fileName()).isEqualTo("load-buggy-H1.json");
            assertThat(bad.error())
                    .startsWith(fixture.resultsDir.resolve("load-buggy-H1.json")
                            + ": not valid JSON (truncated or corrupt?) at line 3");
        });
    }

    @Test
    void anEmptyFileAndANonObjectAreUnreadable() {
        ResultsFixture fixture =
                new ResultsFixture(root).writeRaw("a-buggy-H1.json", "").writeRaw("b-buggy-H1.json", "[1,2]");
        assertThat(fixture.read().unreadable())
                .extracting(UnreadableFile::error)
                .containsExactly(
                        fixture.resultsDir.resolve("a-buggy-H1.json")
                                + ": empty file (a harness was interrupted while writing it?)",
                        fixture.resultsDir.resolve("b-buggy-H1.json") + ": not a results object (top level is ARRAY)");
    }

    @Test
    void readOneThrowsAMessageNamingTheFile() {
        ResultsFixture fixture = new ResultsFixture(root).writeRaw("x-fixed-H1.json", "{\"a\": tru");
        Path file = fixture.resultsDir.resolve("x-fixed-H1.json");
        assertThatThrownBy(() -> ResultsFolder.readOne(file))
                .isInstanceOf(ResultsFolder.ResultsFileException.class)
                .hasMessageStartingWith(file + ": not valid JSON");
    }

    @Test
    void fieldsOfTheWrongTypeReadAsAbsentAndTheGateSaysSo() {
        ResultsFixture fixture = new ResultsFixture(root).goodDefaultSet();
        fixture.edit("schedule-buggy-H1.json", run -> run.put("hangs", "twenty"));
        HarnessRun run =
                fixture.read().find(new RunKey("schedule", "buggy", "H1")).orElseThrow();
        assertThat(run.hangs()).isEmpty();
        assertThat(fixture.judge(GateProfile.DEFAULT).reasons())
                .extracting(Finding::reason)
                .contains("hangs is missing or not a whole number >= 0");
    }
}
