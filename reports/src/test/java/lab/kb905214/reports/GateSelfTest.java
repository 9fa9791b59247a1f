package lab.kb905214.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The gate fed doctored results: each defect must fail the gate with a reason naming the run; a sound set passes. */
class GateSelfTest {
    @TempDir
    Path root;

    ResultsFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ResultsFixture(root);
    }

    /** The reasons, asserting the gate failed and that the only failing run is {@code file}. */
    private List<String> failsOnlyFor(Verdict verdict, String file) {
        assertThat(verdict.passed()).as("gate").isFalse();
        assertThat(verdict.gate()).isEqualTo("fail");
        assertThat(verdict.reasons()).as("reasons").isNotEmpty().allSatisfy(f -> assertThat(f.file()).isEqualTo(file));
        RunKey key = Gate.keyOf(file);
        assertThat(verdict.reasons()).allSatisfy(f -> assertThat(f.toString()).startsWith(key + " (" + file + "): "));
        return verdict.reasons().stream().map(Finding::reason).toList();
    }

    @Test
    void aSoundDefaultSetPasses() {
        Verdict verdict = fixture.goodDefaultSet().judge(GateProfile.DEFAULT);
        assertThat(verdict.reasons()).isEmpty();
        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.fixedNeverHung()).isTrue();
        assertThat(verdict.buggyReproduced()).isTrue();
        assertThat(verdict.cases()).hasSize(8).allSatisfy(c -> assertThat(c.status()).isEqualTo(GateCase.Status.PASS));
    }

    @Test
    void aSoundStressSetPassesBothProfiles() {
        fixture.goodStressSet();
        assertThat(fixture.judge(GateProfile.STRESS).reasons()).isEmpty();
        assertThat(fixture.judge(GateProfile.STRESS).cases()).hasSize(14);
        assertThat(fixture.judge(GateProfile.DEFAULT).passed()).isTrue();
    }

    @Test
    void aMissingExpectedFileFails() {
        Verdict verdict = fixture.goodDefaultSet().delete("lincheck-fixed-H2.json").judge(GateProfile.DEFAULT);
        assertThat(failsOnlyFor(verdict, "lincheck-fixed-H2.json")).singleElement().asString()
                .startsWith("missing: not found in " + fixture.resultsDir);
        assertThat(verdict.fixedNeverHung()).as("no claim without the file").isFalse();
        assertThat(verdict.cases()).filteredOn(c -> c.file().equals("lincheck-fixed-H2.json"))
                .singleElement().extracting(GateCase::status).isEqualTo(GateCase.Status.MISSING);
    }

    @Test
    void theStressBuildExpectsJcstressAndLoadFiles() {
        Verdict verdict = fixture.goodDefaultSet().judge(GateProfile.STRESS);
        assertThat(verdict.reasons()).extracting(Finding::file).filteredOn(file -> !file.startsWith("mutants/"))
                .containsExactlyInAnyOrder("jcstress-buggy-H1.json", "jcstress-buggy-H2.json",
                        "jcstress-fixed-H1.json", "jcstress-fixed-H2.json", "load-buggy-H1.json", "load-fixed-H1.json");
        assertThat(verdict.buggyReproduced()).isFalse();
    }

    @Test
    void hangsAboveExploredFail() {
        fixture.goodDefaultSet().edit("lincheck-buggy-H1.json", run -> run.put("hangs", 500));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "lincheck-buggy-H1.json"))
                .anySatisfy(r -> assertThat(r).contains("hangs = 500 > explored = 412"));
    }

    @Test
    void firstHangAtWithoutHangsFails() {
        fixture.goodDefaultSet().edit("schedule-fixed-H2.json", run -> run.put("firstHangAt", 3));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "schedule-fixed-H2.json"))
                .containsExactly("inconsistent numbers: firstHangAt = 3 but hangs = 0");
    }

    @Test
    void hangsWithoutFirstHangAtFail() {
        fixture.goodDefaultSet().edit("lincheck-buggy-H2.json", run -> run.putNull("firstHangAt"));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "lincheck-buggy-H2.json"))
                .anySatisfy(r -> assertThat(r).contains("hangs = 1 but firstHangAt is null"));
    }

    @Test
    void moreHangsThanUnitsFromTheFirstHangOnFail() {
        fixture.goodDefaultSet().edit("schedule-buggy-H2.json", run -> run.put("firstHangAt", 5));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "schedule-buggy-H2.json"))
                .anySatisfy(r -> assertThat(r).contains("hangs = 20 cannot all be at or after unit 5 of 20"));
    }

    @Test
    void aScheduleFirstHangBeyondItsSchedulesFails() {
        fixture.goodDefaultSet().edit("schedule-buggy-H1.json", run -> run.put("firstHangAt", 21).put("hangs", 1));
        fixture.editCounters("schedule-buggy-H1.json", c -> c.put("deadlockCycles", 1).put("stuckWaiterRuns", 1));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "schedule-buggy-H1.json"))
                .containsExactly("inconsistent numbers: firstHangAt = 21 > explored = 20");
    }

    @Test
    void aLoadRunMayPlaceItsFirstHangJustAfterTheAnsweredTransactionsButNoFurther() {
        fixture.goodStressSet();
        assertThat(fixture.judge(GateProfile.STRESS).passed()).as("firstHangAt = explored + 1").isTrue();
        fixture.edit("load-buggy-H1.json", run -> run.put("firstHangAt", 1500));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "load-buggy-H1.json"))
                .containsExactly("inconsistent numbers: firstHangAt = 1500 is outside 1..1414 (explored + hangs)");
    }

    @Test
    void aFixedLoadRunThatLostAnAcceptedMessageFails() {
        fixture.goodStressSet().editCounters("load-fixed-H1.json", c -> c.put("messagesStored", 2989));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "load-fixed-H1.json")).containsExactly(
                "messages stored (2989) != 250 replies (2990): an accepted message was lost or stored twice");
        fixture.editCounters("load-fixed-H1.json", c -> {
            c.remove("accepted250");
            c.put("accepted250Missing", 1);
        });
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "load-fixed-H1.json")).containsExactly(
                "1 message(s) answered 250 but not stored (counters.accepted250Missing)");
    }

    @Test
    void aFixedLoadRunThatStoppedRespondingFails() {
        fixture.goodStressSet().editCounters("load-fixed-H1.json", c -> c.put("stoppedRespondingAt", 12));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "load-fixed-H1.json"))
                .containsExactly("engine-fixed stopped responding at 12 s");
    }

    @Test
    void aLoadDeadlockInOtherMethodsThanTheSchedulesFails() {
        fixture.goodStressSet().editCounters("load-buggy-H1.json", c -> c.putArray("cycleMethods")
                .add("BuggyCoordinator.complete").add("SmtpSession.data"));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "load-buggy-H1.json")).containsExactly(
                "deadlock cycle in other methods than the schedule's H1 cycle: load [BuggyCoordinator.complete,"
                        + " SmtpSession.data], schedule [BuggyCoordinator.complete, BuggyCoordinator.teardown]");
    }

    @Test
    void aLoadDeadlockOnLocksOutsideEngineBuggyFails() {
        fixture.goodStressSet().editCounters("load-buggy-H1.json", c -> c.putArray("lockClasses")
                .add("org.subethamail.smtp.server.Session"));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "load-buggy-H1.json")).singleElement()
                .asString().startsWith("lock cycle not in engine-buggy's coordinator: [org.subethamail.smtp.server.Session]");
    }

    @Test
    void aLoadRunWithFailpointsArmedFails() {
        fixture.goodStressSet().edit("load-buggy-H1.json", run -> run.put("failpointsArmed", true));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "load-buggy-H1.json")).singleElement()
                .asString().startsWith("load run with failpoints armed");
    }

    @Test
    void aLincheckFailureOnFixedOtherThanAHangFails() {
        fixture.goodDefaultSet().editCounters("lincheck-fixed-H2.json", c -> c.put("failure", "other: not linearizable"));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "lincheck-fixed-H2.json"))
                .containsExactly("Lincheck failed on engine-fixed: other: not linearizable");
    }

    @Test
    void lincheckCannotExploreMoreThanItsBudget() {
        fixture.goodDefaultSet().editCounters("lincheck-fixed-H1.json", c -> c.put("budget", 5000));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "lincheck-fixed-H1.json"))
                .containsExactly("explored = 10000 invocations exceeds the budget of 5000");
    }

    @Test
    void hangsThatDisagreeWithTheirCountersFail() {
        fixture.goodDefaultSet().editCounters("schedule-buggy-H2.json", c -> c.put("stuckWaiterRuns", 7));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "schedule-buggy-H2.json"))
                .anySatisfy(r -> assertThat(r).contains("hangs = 20 disagrees with its counters"));
    }

    @Test
    void aNegativeOrMissingDurationFails() {
        fixture.goodDefaultSet().edit("schedule-fixed-H1.json", run -> run.put("seconds", -1.0));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "schedule-fixed-H1.json"))
                .anySatisfy(r -> assertThat(r).contains("seconds is missing, negative"));
    }

    @Test
    void aRunThatExploredNothingFails() {
        fixture.goodDefaultSet().edit("lincheck-fixed-H1.json", run -> run.put("explored", 0));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "lincheck-fixed-H1.json"))
                .anySatisfy(r -> assertThat(r).contains("explored nothing"));
    }

    @Test
    void aFixedRunWithALostVerdictFails() {
        fixture.goodDefaultSet().edit("schedule-fixed-H2.json", run -> run.put("lostVerdicts", 1));
        Verdict verdict = fixture.judge(GateProfile.DEFAULT);
        assertThat(failsOnlyFor(verdict, "schedule-fixed-H2.json")).singleElement().asString()
                .startsWith("engine-fixed lost 1 verdict(s)");
        assertThat(verdict.fixedNeverHung()).isFalse();
        assertThat(verdict.buggyReproduced()).isTrue();
    }

    @Test
    void aFixedRunWithAHangFails() {
        fixture.goodDefaultSet().edit("lincheck-fixed-H1.json", run -> run.put("hangs", 1).put("firstHangAt", 77));
        Verdict verdict = fixture.judge(GateProfile.DEFAULT);
        assertThat(failsOnlyFor(verdict, "lincheck-fixed-H1.json")).singleElement().asString()
                .isEqualTo("engine-fixed hung in 1 of 10000 invocations (first at #77)");
        assertThat(verdict.fixedNeverHung()).isFalse();
    }

    @Test
    void aFixedHangInAHarnessTheBuildDoesNotRequireStillFails() {
        // Only a miss on engine-buggy can happen by chance; a hang of engine-fixed is never chance.
        fixture.goodDefaultSet().write(ResultsFixture.jcstress("fixed", "H2"));
        fixture.edit("jcstress-fixed-H2.json", run -> run.put("hangs", 1).put("firstHangAt", 9));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "jcstress-fixed-H2.json"))
                .anySatisfy(r -> assertThat(r).isEqualTo("engine-fixed hung in 1 of 2000000 samples (first at #9)"));
    }

    @Test
    void aBuggyH1ScheduleWithNoCycleFails() {
        fixture.goodDefaultSet().editCounters("schedule-buggy-H1.json", c -> c.putArray("lockClasses"));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "schedule-buggy-H1.json"))
                .anySatisfy(r -> assertThat(r).startsWith("no lock cycle"));
    }

    @Test
    void aBuggyH1CycleOfLocksOutsideEngineBuggyFails() {
        fixture.goodDefaultSet().editCounters("schedule-buggy-H1.json", c -> c.putArray("lockClasses")
                .add("lab.kb905214.engine.fixed.FixedCoordinator$Lock").add(ResultsFixture.SESSION_LOCK));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "schedule-buggy-H1.json")).singleElement()
                .asString().startsWith("lock cycle not in engine-buggy's coordinator: "
                        + "[lab.kb905214.engine.fixed.FixedCoordinator$Lock]");
    }

    @Test
    void aBuggyH1CycleOfOneLockFails() {
        fixture.goodDefaultSet().editCounters("schedule-buggy-H1.json",
                c -> c.putArray("lockClasses").add(ResultsFixture.SESSION_LOCK));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "schedule-buggy-H1.json"))
                .anySatisfy(r -> assertThat(r).contains("needs two locks"));
    }

    @Test
    void aScheduleThatWasNotExercisedFails() {
        fixture.goodDefaultSet().editCounters("schedule-fixed-H1.json", c -> c.put("notExercised", 2));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "schedule-fixed-H1.json")).singleElement()
                .asString().startsWith("not exercised: 2 of 20 schedules did not reach their failpoints");
    }

    @Test
    void aBenignOrderThatHungOnBuggyFails() {
        fixture.goodDefaultSet().editCounters("schedule-buggy-H2.json", c -> c.put("benignHangs", 1));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "schedule-buggy-H2.json"))
                .anySatisfy(r -> assertThat(r).contains("the benign order hung 1 time(s)"));
    }

    @Test
    void aRequiredHarnessThatNoLongerSeesTheBugFails() {
        fixture.goodDefaultSet().edit("lincheck-buggy-H2.json", run -> run.put("hangs", 0).putNull("firstHangAt"));
        Verdict verdict = fixture.judge(GateProfile.DEFAULT);
        assertThat(failsOnlyFor(verdict, "lincheck-buggy-H2.json")).singleElement().asString()
                .startsWith("did not reproduce: engine-buggy did not hang in 412 invocations");
        assertThat(verdict.buggyReproduced()).isFalse();
        assertThat(verdict.fixedNeverHung()).isTrue();
    }

    @Test
    void aProbabilisticMissIsOnlyNotedInTheDefaultBuildButFailsUnderStress() {
        fixture.goodStressSet().edit("jcstress-buggy-H2.json", run -> run.put("hangs", 0).putNull("firstHangAt"));
        Verdict relaxed = fixture.judge(GateProfile.DEFAULT);
        assertThat(relaxed.passed()).isTrue();
        assertThat(relaxed.cases()).filteredOn(c -> c.file().equals("jcstress-buggy-H2.json")).singleElement()
                .satisfies(c -> assertThat(c.notes()).singleElement().asString().contains("not required"));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "jcstress-buggy-H2.json")).singleElement()
                .asString().startsWith("did not reproduce");
    }

    @ParameterizedTest
    @ValueSource(strings = {"runId", "commit", "jdk", "cores", "startedAt"})
    void everyProvenanceFieldIsRequired(String field) {
        fixture.goodDefaultSet().edit("schedule-buggy-H1.json", run -> ((ObjectNode) run.get("provenance")).remove(field));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "schedule-buggy-H1.json")).singleElement()
                .asString().startsWith("provenance." + field);
    }

    @Test
    void aFileWithoutProvenanceFails() {
        fixture.goodDefaultSet().edit("lincheck-fixed-H1.json", run -> run.remove("provenance"));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "lincheck-fixed-H1.json")).singleElement()
                .asString().startsWith("no provenance");
    }

    @Test
    void aFileWhoseNameDisagreesWithItsContentFails() {
        fixture.goodDefaultSet().edit("schedule-fixed-H1.json", run -> run.put("scenario", "H2"));
        assertThat(fixture.judge(GateProfile.DEFAULT).reasons()).extracting(Finding::reason)
                .anySatisfy(r -> assertThat(r).startsWith("file name does not match its content"));
    }

    @Test
    void aTruncatedFileFailsWithAnErrorNamingTheFile() throws Exception {
        fixture.goodDefaultSet();
        String whole = Files.readString(fixture.resultsDir.resolve("schedule-buggy-H1.json"));
        fixture.writeRaw("schedule-buggy-H1.json", whole.substring(0, whole.length() / 2));
        Verdict verdict = fixture.judge(GateProfile.DEFAULT);
        List<String> reasons = failsOnlyFor(verdict, "schedule-buggy-H1.json");
        assertThat(reasons).singleElement().asString()
                .startsWith("unreadable: " + fixture.resultsDir.resolve("schedule-buggy-H1.json"))
                .contains("not valid JSON (truncated or corrupt?) at line");
        assertThat(verdict.buggyReproduced()).isFalse();
    }

    @Test
    void theMainWritesTheReportThenExitsOneWithTheReasonsOnStderr() throws Exception {
        fixture.goodDefaultSet().edit("schedule-fixed-H2.json", run -> run.put("lostVerdicts", 2));
        Output output = runMain();
        assertThat(output.status).isEqualTo(1);
        assertThat(output.err).contains("lab gate (default): FAIL")
                .contains("schedule / fixed / H2 (schedule-fixed-H2.json): engine-fixed lost 2 verdict(s)");
        assertThat(fixture.reportDir.resolve("index.html")).isNotEmptyFile();
        assertThat(fixture.reportDir.resolve("summary.json")).isNotEmptyFile();
        assertThat(fixture.reportDir.resolve("junit.xml")).isNotEmptyFile();
    }

    @Test
    void theMainExitsZeroOnASoundSet() throws Exception {
        fixture.goodDefaultSet();
        Output output = runMain();
        assertThat(output.err).isEmpty();
        assertThat(output.status).isZero();
        assertThat(output.out).contains("lab gate (default): PASS");
    }

    @Test
    void theMainReportsAnUnknownProfileWithoutAStackTrace() throws Exception {
        fixture.goodDefaultSet();
        Output output = withProperty(LabReport.PROFILE_PROPERTY, "nightly", this::runMain);
        assertThat(output.status).isEqualTo(2);
        assertThat(output.err).contains("unknown gate profile 'nightly'").doesNotContain("Exception");
    }

    private record Output(int status, String out, String err) {}

    private Output runMain() throws Exception {
        return withProperty(LabReport.RESULTS_DIR_PROPERTY, fixture.resultsDir.toString(),
                () -> withProperty(LabReport.REPORT_DIR_PROPERTY, fixture.reportDir.toString(), () -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    ByteArrayOutputStream err = new ByteArrayOutputStream();
                    int status = LabReportMain.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                            new PrintStream(err, true, StandardCharsets.UTF_8));
                    return new Output(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
                }));
    }

    private interface Body<T> {
        T run() throws Exception;
    }

    private static <T> T withProperty(String name, String value, Body<T> body) throws Exception {
        String before = System.getProperty(name);
        System.setProperty(name, value);
        try {
            return body.run();
        } finally {
            if (before == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, before);
            }
        }
    }
}
