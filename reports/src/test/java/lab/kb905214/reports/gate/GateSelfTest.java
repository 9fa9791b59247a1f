package lab.kb905214.reports.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import lab.kb905214.reports.LabReport;
import lab.kb905214.reports.LabReportMain;
import lab.kb905214.reports.results.ResultsFixture;
import lab.kb905214.reports.results.RunKey;
import lab.kb905214.results.ResultFields;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.assertj.core.groups.Tuple;
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

    /** A -Dlab.buildId given to Maven reaches this JVM too; the main must judge the fixture's build unless told. */
    private String buildIdGivenToMaven;

    @BeforeEach
    void setUp() {
        fixture = new ResultsFixture(root);
        buildIdGivenToMaven = System.clearProperty(LabReport.BUILD_ID_PROPERTY);
    }

    @org.junit.jupiter.api.AfterEach
    void restoreBuildId() {
        if (buildIdGivenToMaven != null) {
            System.setProperty(LabReport.BUILD_ID_PROPERTY, buildIdGivenToMaven);
        }
    }

    /** The reasons, asserting the gate failed and that the only failing run is {@code file}. */
    private List<String> failsOnlyFor(GateDecision verdict, String file) {
        assertThat(verdict.passed()).as("gate").isFalse();
        assertThat(verdict.gate()).isEqualTo("fail");
        assertThat(verdict.reasons())
                .as("reasons")
                .isNotEmpty()
                .allSatisfy(f -> assertThat(f.file()).isEqualTo(file));
        RunKey key = Gate.keyOf(file);
        assertThat(verdict.reasons()).allSatisfy(f -> assertThat(f.toString()).startsWith(key + " (" + file + "): "));
        return verdict.reasons().stream().map(Finding::reason).toList();
    }

    @Test
    void aSoundDefaultSetPasses() {
        GateDecision verdict = fixture.goodDefaultSet().judge(GateProfile.DEFAULT);
        assertThat(verdict.reasons()).isEmpty();
        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.fixedNeverHung()).isTrue();
        assertThat(verdict.buggyReproduced()).isTrue();
        assertThat(verdict.cases())
                .hasSize(22)
                .allSatisfy(c -> assertThat(c.status()).isEqualTo(GateCase.Status.PASS));
    }

    @Test
    void aProvenHangOfEngineFixedInTheJudgesCalibrationFailsTheGate() {
        GateDecision verdict = fixture.goodDefaultSet()
                .edit("judge-fixed-calibration.json", run -> {
                    run.put("hangs", 1).put("firstHangAt", 2);
                    ((ObjectNode) run.get("counters").get("cells").get(0))
                            .put("hangs", 1)
                            .put("stuckSessions", 1);
                })
                .judge(GateProfile.DEFAULT);

        assertThat(failsOnlyFor(verdict, "judge-fixed-calibration.json")).isNotEmpty();
        assertThat(verdict.fixedNeverHung()).isFalse();
    }

    @Test
    void aTreeOfEngineFixedThatWasNotExhaustedFailsTheGate() {
        GateDecision verdict = fixture.goodDefaultSet()
                .editCounters("explore-fixed-single.json", c -> c.put("exhaustive", false))
                .judge(GateProfile.DEFAULT);

        assertThat(failsOnlyFor(verdict, "explore-fixed-single.json"))
                .anyMatch(reason -> reason.startsWith("the tree was not exhausted"));
    }

    @Test
    void aLincheckResultOfEngineFixedThatDoesNotSayWhyItIsOrIsNotExhaustiveFailsTheGate() {
        GateDecision verdict = fixture.goodDefaultSet()
                .editCounters("lincheck-fixed-H2.json", c -> c.remove("exhaustiveWhy"))
                .judge(GateProfile.DEFAULT);

        assertThat(failsOnlyFor(verdict, "lincheck-fixed-H2.json"))
                .containsExactly("exhaustiveWhy is missing: the report cannot say what Lincheck reported about the"
                        + " interleavings left");
    }

    @Test
    void aMonitorHeldAtAFailpointOnEngineFixedFailsTheGate() {
        GateDecision verdict = fixture.goodDefaultSet()
                .editCounters(
                        "explore-fixed-single.json",
                        c -> ((ObjectNode) c.get("assumptions")).put("noMonitorAtAnyFailpoint", false))
                .judge(GateProfile.DEFAULT);

        assertThat(failsOnlyFor(verdict, "explore-fixed-single.json"))
                .anyMatch(reason -> reason.startsWith("engine-fixed: a thread held a monitor at a failpoint"));
    }

    @Test
    void aHangingLeafOfEngineFixedFailsTheGate() {
        GateDecision verdict = fixture.goodDefaultSet()
                .edit("explore-fixed-single.json", run -> {
                    run.put("hangs", 1).put("firstHangAt", 7);
                    ((ObjectNode) run.get("counters").get("endings"))
                            .put("completed", 133)
                            .put("waiter-never-wakes", 1);
                })
                .judge(GateProfile.DEFAULT);

        assertThat(failsOnlyFor(verdict, "explore-fixed-single.json")).isNotEmpty();
        assertThat(verdict.fixedNeverHung()).isFalse();
    }

    @Test
    void aTreeWhoseEndingsDoNotAddUpFailsTheGate() {
        GateDecision verdict = fixture.goodDefaultSet()
                .editCounters("explore-buggy-single.json", c -> ((ObjectNode) c.get("endings")).put("lock-cycle", 19))
                .judge(GateProfile.DEFAULT);

        assertThat(failsOnlyFor(verdict, "explore-buggy-single.json"))
                .anyMatch(reason -> reason.contains("the endings add up to 63 leaves"));
    }

    @Test
    void aLockCycleOfEngineBuggyWithoutAbortingClientsFailsTheGate() {
        GateDecision verdict = fixture.goodDefaultSet()
                .edit("judge-buggy-calibration.json", run -> {
                    run.put("hangs", 4);
                    ((ObjectNode) run.get("counters").get("cells").get(1))
                            .put("hangs", 1)
                            .put("lockCycles", 1);
                })
                .judge(GateProfile.DEFAULT);

        assertThat(failsOnlyFor(verdict, "judge-buggy-calibration.json"))
                .anyMatch(reason -> reason.contains("c16-a0") && reason.contains("H1 needs the teardown path"));
    }

    @Test
    void aCalibrationCellStoppedAtItsFirstHangPassesOnlyWithoutARate() {
        fixture.goodDefaultSet().buggyCalibrationStoppedAtItsFirstHang();
        assertThat(fixture.judge(GateProfile.DEFAULT).reasons()).isEmpty();

        fixture.edit(
                "judge-buggy-calibration.json",
                run -> ((ObjectNode) run.get("counters").get("cells").get(0)).put("detectionLower95", 0.05));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "judge-buggy-calibration.json"))
                .containsExactly("cell c16-a0.3: a cell stopped at its first hang writes no detection rate (the stop"
                        + " biases it)");
    }

    @Test
    void aCalibrationCellThatMadeFewerRunsThanPlannedFails() {
        fixture.goodDefaultSet().edit("judge-fixed-calibration.json", run -> {
            ((ObjectNode) run.get("counters").get("cells").get(1)).put("n", 2);
            run.put("explored", 5);
        });
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "judge-fixed-calibration.json"))
                .containsExactly("cell c16-a0: 2 runs made of the 3 planned");
    }

    @Test
    void aCalibrationHangWithoutAProofKindFailsTheGate() {
        GateDecision verdict = fixture.goodDefaultSet()
                .edit(
                        "judge-buggy-calibration.json",
                        run -> ((ObjectNode) run.get("counters").get("cells").get(0)).put("lockCycles", 2))
                .judge(GateProfile.DEFAULT);

        assertThat(failsOnlyFor(verdict, "judge-buggy-calibration.json"))
                .anyMatch(reason -> reason.contains("every hang must carry one proof"));
    }

    @Test
    void aSoundStressSetPassesBothProfiles() {
        fixture.goodStressSet();
        assertThat(fixture.judge(GateProfile.STRESS).reasons()).isEmpty();
        assertThat(fixture.judge(GateProfile.STRESS).cases()).hasSize(37);
        assertThat(fixture.judge(GateProfile.DEFAULT).passed()).isTrue();
    }

    @Test
    void aFixedSpinRunWithAnErrorFails() {
        fixture.goodDefaultSet()
                .edit("spin-fixed-H1.json", run -> run.put("hangs", 1).put("firstHangAt", 1));
        fixture.editCounters(
                "spin-fixed-H1.json",
                c -> c.put("errors", 1).put("trailsReplayed", 1).put("otherErrors", 1));
        GateDecision verdict = fixture.judge(GateProfile.DEFAULT);
        assertThat(failsOnlyFor(verdict, "spin-fixed-H1.json"))
                .anySatisfy(r -> assertThat(r).startsWith("SPIN found 1 error(s) in engine-fixed's model"));
        assertThat(verdict.fixedNeverHung()).isFalse();
    }

    @Test
    void aFixedSpinSearchThatDidNotCompleteFails() {
        fixture.goodDefaultSet().editCounters("spin-fixed-H2.json", c -> {
            c.put("exhaustive", false);
            c.putArray("truncatedBy").add("pan: memory limit reached");
        });
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "spin-fixed-H2.json"))
                .containsExactly(
                        "SPIN's search of engine-fixed's model did not complete ([pan: memory limit reached]): a partial"
                                + " search proves nothing about the states it did not reach");
    }

    @Test
    void aBuggySpinRunWhoseTrailsShowNoLockCycleDoesNotReproduceH1() {
        fixture.goodDefaultSet()
                .editCounters("spin-buggy-H1.json", c -> c.put("lockCycles", 0).put("waitersNeverWoken", 9));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "spin-buggy-H1.json"))
                .containsExactly("no trail of engine-buggy's model ends in a lock cycle: SPIN did not show H1");
    }

    @Test
    void aBuggySpinRunWithoutErrorsDoesNotReproduce() {
        fixture.goodDefaultSet()
                .edit("spin-buggy-H2.json", run -> run.put("hangs", 0).putNull("firstHangAt"));
        fixture.editCounters(
                "spin-buggy-H2.json",
                c -> c.put("errors", 0)
                        .put("trailsReplayed", 0)
                        .put("waitersNeverWoken", 0)
                        .put("trailsAgreeing", 0)
                        .putArray("trailReplays"));
        GateDecision verdict = fixture.judge(GateProfile.DEFAULT);
        assertThat(failsOnlyFor(verdict, "spin-buggy-H2.json"))
                .singleElement()
                .asString()
                .startsWith("did not reproduce: engine-buggy did not hang in 266 states");
        assertThat(verdict.buggyReproduced()).isFalse();
    }

    @Test
    void aSpinTrailTheEngineRanExactlyButEndedOtherwiseFails() {
        fixture.goodDefaultSet().editCounters("spin-buggy-H1.json", c -> {
            ((ObjectNode) c.get("trailReplays").get(0))
                    .put("engineEnding", "WAITER_NEVER_WAKES")
                    .put("agree", false);
            c.put("trailsAgreeing", 8);
        });
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "spin-buggy-H1.json"))
                .containsExactly(
                        "trail 1 (waiter.begin,completion.begin,completion.post,waiter.checked): the engine ran exactly"
                                + " this order and ended WAITER_NEVER_WAKES, SPIN's trail ends LOCK_CYCLE");
    }

    @Test
    void aSpinTrailTheEngineDidNotRunExactlyFails() {
        fixture.goodDefaultSet().editCounters("spin-buggy-H1.json", c -> {
            ((ObjectNode) c.get("trailReplays").get(1))
                    .put("engineOrder", "waiter.begin,completion.begin,completion.post,completion.done")
                    .put("exact", false)
                    .put("agree", false);
            c.put("trailsAgreeing", 8);
        });
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "spin-buggy-H1.json"))
                .containsExactly(
                        "trail 2 (waiter.begin,completion.begin,completion.post,waiter.checked): the engine did not run it"
                                + " exactly (waiter.begin,completion.begin,completion.post,completion.done, LOCK_CYCLE), so"
                                + " it says nothing about SPIN's ending");
    }

    @Test
    void aSpinTrailNotReplayedOnTheEngineFails() {
        fixture.goodDefaultSet().editCounters("spin-buggy-H1.json", c -> {
            ((ArrayNode) c.get("trailReplays")).remove(8);
            c.put("trailsAgreeing", 8);
        });
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "spin-buggy-H1.json"))
                .containsExactly("8 trail(s) replayed on the engine of the 9 SPIN wrote");
    }

    @Test
    void aSingleTransactionRunCannotCallItsTrailsNotReplayable() {
        fixture.goodDefaultSet().editCounters("spin-buggy-H2.json", c -> {
            c.put("notReplayable", "too many").put("trailsAgreeing", 0).putArray("trailReplays");
        });
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "spin-buggy-H2.json"))
                .containsExactly("a run of one transaction per session must have its trails replayed on the engine,"
                        + " but it says: too many");
    }

    @Test
    void aRunOfTwoSessionsCannotCallItsTrailsNotReplayable() {
        fixture.goodStressSet().editCounters("spin-buggy-H1.json", c -> {
            c.put("notReplayable", "two sessions").put("trailsAgreeing", 0).putArray("trailReplays");
        });
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "spin-buggy-H1.json"))
                .containsExactly("a run of one transaction per session must have its trails replayed on the engine,"
                        + " but it says: two sessions");
    }

    @Test
    void aRunOfTwoSessionsMustRunEveryTrailExactly() {
        fixture.goodStressSet().editCounters("spin-buggy-H1.json", c -> {
            ((ObjectNode) c.get("trailReplays").get(5))
                    .put("engineOrder", "waiter.begin")
                    .put("engineEnding", "NOT_EXERCISED")
                    .put("exact", false)
                    .put("agree", false);
            c.put("trailsAgreeing", 8);
        });
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "spin-buggy-H1.json"))
                .singleElement(InstanceOfAssertFactories.STRING)
                .contains("the engine did not run it exactly (waiter.begin, NOT_EXERCISED)");
    }

    @Test
    void aFixedModelWhoseSessionsShareStateFails() {
        fixture.goodDefaultSet()
                .editCounters(
                        "spin-fixed-H2.json",
                        c -> ((ObjectNode) c.get("sessionCoupling"))
                                .putArray("foreignAccesses")
                                .add("Watcher: pending[((2-1)-s)]"));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "spin-fixed-H2.json"))
                .singleElement(InstanceOfAssertFactories.STRING)
                .contains("accesses that may reach another session [Watcher: pending[((2-1)-s)]]");
    }

    @Test
    void aSpinRunThatDidNotReadWhatItsSessionsShareFails() {
        fixture.goodDefaultSet().editCounters("spin-buggy-H1.json", c -> c.remove("sessionCoupling"));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "spin-buggy-H1.json"))
                .containsExactly("counters.sessionCoupling is missing: what the model's sessions share was not read");
    }

    @Test
    void spinLeavesThatAreNotTheExplorersFail() {
        fixture.goodDefaultSet()
                .editCounters(
                        "spin-buggy-H1.json",
                        c -> ((ObjectNode)
                                        c.path("failpointLeaves").path("orders").get(0))
                                .put("ending", "LOCK_CYCLE"));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "spin-buggy-H1.json"))
                .containsExactly(
                        "SPIN counts 64 leaves {COMPLETED=19, LOCK_CYCLE=21, WAITER_NEVER_WAKES=24}, the explorer 64"
                                + " {COMPLETED=20, LOCK_CYCLE=20, WAITER_NEVER_WAKES=24} (explore-buggy-single.json)",
                        "1 leaf/leaves differ between SPIN and the explorer (explore-buggy-single.json), e.g."
                                + " [completion.begin,leaf-0: SPIN LOCK_CYCLE,"
                                + " explorer COMPLETED]");
    }

    @Test
    void spinLeavesWithClientMovesThatAreNotTheExplorersFailWhereTheExplorerRanThatTree() {
        fixture.goodStressSet()
                .edit(
                        "explore-fixed-client-moves.json",
                        run -> ((ObjectNode) run.path("counters").path("leaves").get(770))
                                .put("order", "client.reset,completion.begin"));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "spin-fixed-H1.json"))
                .containsExactly(
                        "2 leaf/leaves differ between SPIN and the explorer (explore-fixed-client-moves.json), e.g."
                                + " [completion.begin,leaf-770: SPIN"
                                + " COMPLETED, explorer no leaf, client.reset,completion.begin: explorer COMPLETED, SPIN no"
                                + " leaf]");
    }

    @Test
    void aStaleTreeWhoseEndingIsNotSpinsFailsWhereTheExplorerRanIt() {
        fixture.goodStressSet()
                .edit(
                        "explore-buggy-stale.json",
                        run -> ((ObjectNode) run.path("counters").path("leaves").get(0)).put("ending", "LOCK_CYCLE"));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "spin-buggy-H1.json"))
                .containsExactly(
                        "SPIN counts 530 leaves {COMPLETED=278, LOCK_CYCLE=20, WAITER_NEVER_WAKES=232}, the explorer 530"
                                + " {COMPLETED=277, LOCK_CYCLE=21, WAITER_NEVER_WAKES=232} (explore-buggy-stale.json)",
                        "1 leaf/leaves differ between SPIN and the explorer (explore-buggy-stale.json), e.g."
                                + " [completion.begin,leaf-0: SPIN COMPLETED, explorer LOCK_CYCLE]");
    }

    @Test
    void anEngineFixedStaleLeafWhoseSessionWaitedPastTheTeardownFails() {
        fixture.goodStressSet().editCounters("explore-fixed-stale.json", c -> c.put("waitedPastTheTeardown", 1));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "explore-fixed-stale.json"))
                .containsExactly("engine-fixed: counters.waitedPastTheTeardown = 1: a session past its look must have"
                        + " its answer once the RSET's teardown has returned");
    }

    @Test
    void anEngineFixedStaleTreeThatDoesNotCountThoseLeavesFails() {
        fixture.goodStressSet().editCounters("explore-fixed-stale.json", c -> c.remove("waitedPastTheTeardown"));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "explore-fixed-stale.json"))
                .containsExactly("engine-fixed: counters.waitedPastTheTeardown = missing: a session past its look must"
                        + " have its answer once the RSET's teardown has returned");
    }

    @Test
    void aSafetyRunWrittenBeforeTheStaleLeavesFails() {
        fixture.goodDefaultSet().editCounters("spin-fixed-H1.json", c -> c.remove("failpointLeavesStale"));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "spin-fixed-H1.json"))
                .containsExactly("counters.failpointLeavesStale is missing: SPIN did not count the explorer's leaves");
    }

    @Test
    void aSafetyRunWrittenBeforeTheLeavesWithClientMovesFails() {
        fixture.goodDefaultSet().editCounters("spin-buggy-H1.json", c -> c.remove("failpointLeavesWithClientMoves"));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "spin-buggy-H1.json"))
                .containsExactly(
                        "counters.failpointLeavesWithClientMoves is missing: SPIN did not count the explorer's leaves");
    }

    @Test
    void aSafetyRunWithoutItsLeavesFails() {
        fixture.goodDefaultSet().editCounters("spin-fixed-H1.json", c -> c.remove("failpointLeaves"));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "spin-fixed-H1.json"))
                .containsExactly("counters.failpointLeaves is missing: SPIN did not count the explorer's leaves");
    }

    @Test
    void spinNumbersThatAreNotPansFail() {
        fixture.goodDefaultSet().editCounters("spin-fixed-H1.json", c -> c.put("statesStored", 12));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "spin-fixed-H1.json"))
                .containsExactly("explored = 3938014 is not pan's states stored (counters.statesStored = 12)");
    }

    @Test
    void aMissingExpectedFileFails() {
        GateDecision verdict =
                fixture.goodDefaultSet().delete("lincheck-fixed-H2.json").judge(GateProfile.DEFAULT);
        assertThat(failsOnlyFor(verdict, "lincheck-fixed-H2.json"))
                .singleElement()
                .asString()
                .startsWith("missing: not found in " + fixture.resultsDir);
        assertThat(verdict.fixedNeverHung()).as("no claim without the file").isFalse();
        assertThat(verdict.cases())
                .filteredOn(c -> c.file().equals("lincheck-fixed-H2.json"))
                .singleElement()
                .extracting(GateCase::status)
                .isEqualTo(GateCase.Status.MISSING);
    }

    @Test
    void theStressBuildExpectsJcstressLoadWideSpinAndClientMoveTreeFiles() {
        GateDecision verdict = fixture.goodDefaultSet().judge(GateProfile.STRESS);
        // (The default set's schedule and Lincheck files also fail the stress budgets:
        // aStressGateOnDefaultBudgetsFails.)
        assertThat(verdict.reasons())
                .filteredOn(f -> f.reason().startsWith("missing"))
                .extracting(Finding::file)
                .filteredOn(file -> !file.startsWith("mutants/"))
                .containsExactlyInAnyOrder(
                        "jcstress-buggy-H1.json",
                        "jcstress-buggy-H2.json",
                        "jcstress-fixed-H1.json",
                        "jcstress-fixed-H2.json",
                        "load-buggy-H1.json",
                        "load-fixed-H1.json",
                        "load-buggy-no-abort.json",
                        "jcstress-fixed-outcomes.json",
                        "load-buggy-unbound.json",
                        "spin-fixed-H1-wide.json",
                        "spin-fixed-H2-wide.json",
                        "explore-buggy-client-moves.json",
                        "explore-fixed-client-moves.json",
                        "explore-buggy-stale.json",
                        "explore-fixed-stale.json");
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
        fixture.goodDefaultSet()
                .edit(
                        "schedule-buggy-H2.json",
                        run -> run.put("firstHangAt", 21).put("hangs", 1));
        fixture.editCounters("schedule-buggy-H2.json", c -> c.put("stuckWaiterRuns", 1));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "schedule-buggy-H2.json"))
                .containsExactly("inconsistent numbers: firstHangAt = 21 > explored = 20");
    }

    @Test
    void theStressBuildRequiresSpinAtItsBoundsAndEngineFixedWithThreeSessions() {
        // A SPIN run at the default build's bounds is below the stress budget.
        fixture.goodStressSet()
                .editCounters("spin-fixed-H2.json", c -> c.put("sessions", 2).put("transactionsPerSession", 1));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "spin-fixed-H2.json"))
                .containsExactly(
                        "below the stress budget: its transactions per session (counters.transactionsPerSession) = 1 < 2;"
                                + " a -Pstress gate judges -Pstress runs");
        // The wide runs are required, with three sessions.
        fixture.goodStressSet().delete("spin-fixed-H1-wide.json");
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "spin-fixed-H1-wide.json"))
                .singleElement()
                .asString()
                .startsWith("missing: not found in " + fixture.resultsDir);
        fixture.goodStressSet().editCounters("spin-fixed-H2-wide.json", c -> c.put("sessions", 2));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "spin-fixed-H2-wide.json"))
                .containsExactly(
                        "below the stress budget: the model's sessions (counters.sessions) = 2 < 3; a -Pstress gate judges"
                                + " -Pstress runs");
        // A wide run that found an error is a hang of engine-fixed's model like any other.
        fixture.goodStressSet()
                .edit("spin-fixed-H1-wide.json", run -> run.put("hangs", 1).put("firstHangAt", 1));
        fixture.editCounters("spin-fixed-H1-wide.json", c -> c.put("errors", 1));
        assertThat(fixture.judge(GateProfile.STRESS).fixedNeverHung()).isFalse();
        assertThat(fixture.goodStressSet().judge(GateProfile.DEFAULT).passed())
                .as("the default gate reads the wide files like any other and passes")
                .isTrue();
    }

    @Test
    void aLoadRunMayPlaceItsFirstHangJustAfterTheAnsweredTransactionsButNoFurther() {
        fixture.goodStressSet();
        assertThat(fixture.judge(GateProfile.STRESS).passed())
                .as("firstHangAt = explored + 1")
                .isTrue();
        fixture.edit("load-buggy-H1.json", run -> run.put("firstHangAt", 1500));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "load-buggy-H1.json"))
                .containsExactly("inconsistent numbers: firstHangAt = 1500 is outside 1..1414 (explored + hangs)");
    }

    @Test
    void aFixedLoadRunThatLostAnAcceptedMessageFails() {
        fixture.goodStressSet().editCounters("load-fixed-H1.json", c -> c.put("messagesStored", 2989));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "load-fixed-H1.json"))
                .containsExactly(
                        "messages stored (2989) != 250 replies (2990): an accepted message was lost or stored twice");
        // The server's counts agree, but a client saw a 250 for a message that was not stored: that alone fails.
        fixture.editCounters(
                "load-fixed-H1.json", c -> c.put("messagesStored", 2990).put("accepted250Missing", 1));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "load-fixed-H1.json"))
                .containsExactly("1 message(s) answered 250 but not stored (counters.accepted250Missing)");
        fixture.editCounters("load-fixed-H1.json", c -> c.remove("accepted250Missing"));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "load-fixed-H1.json"))
                .containsExactly(
                        "counters.accepted250Missing is missing: cannot check that every 250 a client saw was stored");
    }

    @Test
    void aFixedLoadRunThatStoppedRespondingFails() {
        fixture.goodStressSet().editCounters("load-fixed-H1.json", c -> c.put("stoppedRespondingAt", 12));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "load-fixed-H1.json"))
                .containsExactly("engine-fixed stopped responding at 12 s");
    }

    @Test
    void everyBuildRequiresEngineFixedThroughUnbound() {
        GateDecision verdict =
                fixture.goodDefaultSet().delete("load-fixed-unbound.json").judge(GateProfile.DEFAULT);
        assertThat(failsOnlyFor(verdict, "load-fixed-unbound.json"))
                .singleElement()
                .asString()
                .startsWith("missing: not found in " + fixture.resultsDir);
        assertThat(verdict.fixedNeverHung()).as("no claim without the file").isFalse();
    }

    @Test
    void engineFixedThroughUnboundWithAHangOrAnUnstored250Fails() {
        fixture.goodDefaultSet()
                .edit("load-fixed-unbound.json", run -> run.put("hangs", 1).put("firstHangAt", 3001));
        GateDecision hung = fixture.judge(GateProfile.DEFAULT);
        assertThat(failsOnlyFor(hung, "load-fixed-unbound.json"))
                .anySatisfy(r -> assertThat(r).startsWith("engine-fixed hung in 1 of 3000 transactions"));
        assertThat(hung.fixedNeverHung()).isFalse();

        fixture.edit("load-fixed-unbound.json", run -> run.put("hangs", 0).putNull("firstHangAt"))
                .editCounters("load-fixed-unbound.json", c -> c.put("accepted250Missing", 1));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "load-fixed-unbound.json"))
                .containsExactly("1 message(s) answered 250 but not stored (counters.accepted250Missing)");
        fixture.editCounters(
                "load-fixed-unbound.json", c -> c.put("accepted250Missing", 0).put("messagesStored", 2989));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "load-fixed-unbound.json"))
                .containsExactly(
                        "messages stored (2989) != 250 replies (2990): an accepted message was lost or stored twice");
    }

    @Test
    void aLincheckRunWhoseFailpointsWereArmedFails() {
        fixture.goodDefaultSet().edit("lincheck-fixed-H1.json", run -> {
            run.put("failpointsArmed", true).putArray("failpointsHit").add("waiter.begin");
            ((ObjectNode) run.get("counters")).put("invocationsWithFailpointsArmed", 3);
        });
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "lincheck-fixed-H1.json"))
                .containsExactly(
                        "Lincheck run with failpoints armed (3 invocations): a schedule, not Lincheck, ordered those threads");
    }

    @Test
    void everyBuildRequiresABoundedRunThatRacedTheBound() {
        GateDecision missing =
                fixture.goodDefaultSet().delete("load-fixed-bounded.json").judge(GateProfile.DEFAULT);
        assertThat(failsOnlyFor(missing, "load-fixed-bounded.json"))
                .singleElement()
                .asString()
                .startsWith("missing: not found in " + fixture.resultsDir);

        fixture.write(ResultsFixture.loadBounded())
                .editCounters("load-fixed-bounded.json", c -> c.put("timedOutAtBound", 0));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "load-fixed-bounded.json"))
                .containsExactly(
                        "the bounded run must see checks end on both sides of its bound: timedOutAtBound = 0, replies2xx = 2100");

        fixture.write(ResultsFixture.loadBounded())
                .editCounters(
                        "load-fixed-bounded.json", c -> ((ObjectNode) c.get("plan")).putNull("verdictWaitBoundMillis"));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "load-fixed-bounded.json"))
                .containsExactly("counters.plan.verdictWaitBoundMillis = null: the bounded run waited without a bound");
    }

    @Test
    void engineFixedUnderLoadWithALockOrderCycleOrAServiceThreadSeenWaitingElsewhereFails() {
        fixture.goodDefaultSet()
                .editCounters(
                        "load-fixed-unbound.json",
                        c -> ((ObjectNode) c.get("assumptions").get("lockOrder"))
                                .putArray("cycle")
                                .add("a.A")
                                .add("b.B")
                                .add("a.A"));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "load-fixed-unbound.json"))
                .containsExactly(
                        "lock-order cycle on engine-fixed: [\"a.A\",\"b.B\",\"a.A\"] (no deadlock needed: the order alone"
                                + " allows one)");

        fixture.write(ResultsFixture.loadUnbound("fixed")).editCounters("load-fixed-unbound.json", c -> {
            ObjectNode waits = (ObjectNode) c.get("assumptions").get("serviceThreadWaits");
            waits.put("seenWaitingElsewhere", 1)
                    .putArray("waitsElsewhere")
                    .add("completion-1 BLOCKED on a.Lock@1f\n\tat a.B.c(B.java:1)");
        });
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "load-fixed-unbound.json"))
                .containsExactly(
                        "engine-fixed's completion or DNS threads were seen waiting outside their work queues 1 time(s);"
                                + " first: completion-1 BLOCKED on a.Lock@1f");

        // The JVM's block count alone is shown, not judged: it cannot say which monitor (a class-loading lock counts).
        fixture.write(ResultsFixture.loadUnbound("fixed"))
                .editCounters(
                        "load-fixed-unbound.json",
                        c -> ((ObjectNode) c.get("assumptions").get("serviceThreadWaits"))
                                .put("monitorBlocksWhereNoneAllowed", 2));
        assertThat(fixture.judge(GateProfile.DEFAULT).passed()).isTrue();

        fixture.write(ResultsFixture.loadUnbound("fixed"))
                .editCounters("load-fixed-unbound.json", c -> c.remove("assumptions"));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "load-fixed-unbound.json"))
                .singleElement()
                .asString()
                .startsWith("counters.assumptions is missing");
    }

    @Test
    void aCalibrationCellOfEngineFixedWhoseAssumptionAuditFailedFailsTheGate() {
        fixture.goodDefaultSet()
                .editCounters(
                        "judge-fixed-calibration.json",
                        c -> ((ObjectNode) c.get("cells").get(0)).put("assumptionsNotHeld", 1));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "judge-fixed-calibration.json"))
                .containsExactly(
                        "cell c16-a0.3: the assumption audit (lock order, service threads' waits) did not hold in 1 run(s)");
    }

    @Test
    void aScheduleOfEngineFixedThatHeldAMonitorAtAFailpointFails() {
        fixture.goodDefaultSet()
                .editCounters(
                        "schedule-fixed-H2.json",
                        c -> c.putArray("monitorsHeldAtFailpoints").add("waiter.checked: java.lang.Object@1f"));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "schedule-fixed-H2.json"))
                .containsExactly(
                        "engine-fixed held a monitor at a failpoint: waiter.checked: java.lang.Object@1f (the claim assumes"
                                + " none is held inside a race window)");
    }

    @Test
    void theStressBuildRequiresEngineBuggyThroughUnboundToReproduceWithItsBudget() {
        GateDecision missing =
                fixture.goodStressSet().delete("load-buggy-unbound.json").judge(GateProfile.STRESS);
        assertThat(failsOnlyFor(missing, "load-buggy-unbound.json"))
                .singleElement()
                .asString()
                .startsWith("missing: not found in " + fixture.resultsDir);

        fixture.write(ResultsFixture.loadUnbound("buggy"))
                .edit("load-buggy-unbound.json", run -> run.put("hangs", 0).putNull("firstHangAt"))
                .editCounters("load-buggy-unbound.json", c -> {
                    ArrayNode runs = c.putArray("runs");
                    for (int i = 0; i < 10; i++) {
                        runs.addObject().put("seconds", 10.0).put("hung", false);
                    }
                });
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "load-buggy-unbound.json"))
                .singleElement()
                .asString()
                .startsWith("did not reproduce: engine-buggy did not hang in 1413 transactions");
        assertThat(fixture.judge(GateProfile.DEFAULT).reasons())
                .as("information only in the default build")
                .noneMatch(f -> f.file().equals("load-buggy-unbound.json"));

        fixture.write(ResultsFixture.loadUnbound("buggy"))
                .editCounters(
                        "load-buggy-unbound.json",
                        c -> c.putArray("runs").addObject().put("seconds", 1.5).put("hung", true));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "load-buggy-unbound.json"))
                .containsExactly(
                        "below the stress budget: runs recorded (counters.runs) = 1 < 10; a -Pstress gate judges -Pstress runs");
    }

    @Test
    void aBoundThatHidASingleLostVerdictFails() {
        fixture.goodDefaultSet().edit("load-fixed-bounded.json", run -> run.put("lostVerdicts", 1));
        GateDecision verdict = fixture.judge(GateProfile.DEFAULT);
        assertThat(failsOnlyFor(verdict, "load-fixed-bounded.json"))
                .singleElement()
                .asString()
                .startsWith("engine-fixed lost 1 verdict(s)");
        assertThat(verdict.fixedNeverHung()).isFalse();
    }

    @Test
    void aRunNamedUnboundThatAskedTheEmbeddedServerFails() {
        fixture.goodDefaultSet()
                .editCounters(
                        "load-fixed-unbound.json",
                        c -> ((ObjectNode) c.get("plan"))
                                .put("dnsServer", "embedded server at 127.0.0.1:5353")
                                .put("dnsFaultsInjected", true));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "load-fixed-unbound.json"))
                .containsExactly(
                        "counters.plan.dnsServer = 'embedded server at 127.0.0.1:5353': a run under the scenario 'unbound'"
                                + " must have asked Unbound resolving from NSD",
                        "counters.plan.dnsFaultsInjected = true: through Unbound no DNS fault can be injected, so a run that"
                                + " says it injected some did not ask Unbound");
    }

    @Test
    void engineBuggyNotHangingThroughUnboundIsOnlyNotedInTheDefaultBuild() {
        GateDecision verdict = fixture.goodDefaultSet()
                .write(ResultsFixture.loadUnbound("buggy"))
                .edit("load-buggy-unbound.json", run -> run.put("hangs", 0).putNull("firstHangAt"))
                .judge(GateProfile.DEFAULT);
        assertThat(verdict.reasons()).isEmpty();
        assertThat(verdict.cases())
                .filteredOn(c -> c.file().equals("load-buggy-unbound.json"))
                .singleElement()
                .satisfies(
                        c -> assertThat(c.notes()).anySatisfy(n -> assertThat(n).contains("not required")));
    }

    @Test
    void aLoadDeadlockInOtherMethodsThanTheSchedulesFails() {
        fixture.goodStressSet()
                .editCounters(
                        "load-buggy-H1.json",
                        c -> c.putArray("cycleMethods")
                                .add("BuggyCoordinator.complete")
                                .add("SmtpSession.data"));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "load-buggy-H1.json"))
                .containsExactlyInAnyOrder(
                        "deadlock cycle in other methods than the schedule's H1 cycle: load [BuggyCoordinator.complete,"
                                + " SmtpSession.data], schedule [BuggyCoordinator.complete, BuggyCoordinator.teardown]",
                        "did not reproduce: engine-buggy hung without a lock cycle in the schedule's H1 methods"
                                + " (counters.cycleMethods = [BuggyCoordinator.complete, SmtpSession.data]): a stalled probe"
                                + " alone is not H1; a harness that cannot see the bug proves nothing about the fix (required"
                                + " in the stress build)");
    }

    @Test
    void aLoadDeadlockOnLocksOutsideEngineBuggyFails() {
        fixture.goodStressSet()
                .editCounters(
                        "load-buggy-H1.json",
                        c -> c.putArray("lockClasses").add("org.subethamail.smtp.server.Session"));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "load-buggy-H1.json"))
                .singleElement()
                .asString()
                .startsWith("lock cycle not in engine-buggy's coordinator: [org.subethamail.smtp.server.Session]");
    }

    @Test
    void aLoadRunWithFailpointsArmedFails() {
        fixture.goodStressSet().edit("load-buggy-H1.json", run -> run.put("failpointsArmed", true));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "load-buggy-H1.json"))
                .singleElement()
                .asString()
                .startsWith("load run with failpoints armed");
    }

    @Test
    void aLincheckFailureOnFixedOtherThanAHangFails() {
        fixture.goodDefaultSet()
                .editCounters("lincheck-fixed-H2.json", c -> c.put("failure", "other: not linearizable"));
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
        GateDecision verdict = fixture.judge(GateProfile.DEFAULT);
        assertThat(failsOnlyFor(verdict, "schedule-fixed-H2.json"))
                .singleElement()
                .asString()
                .startsWith("engine-fixed lost 1 verdict(s)");
        assertThat(verdict.fixedNeverHung()).isFalse();
        assertThat(verdict.buggyReproduced()).isTrue();
    }

    @Test
    void aFixedRunWithAHangFails() {
        fixture.goodDefaultSet()
                .edit("lincheck-fixed-H1.json", run -> run.put("hangs", 1).put("firstHangAt", 77));
        GateDecision verdict = fixture.judge(GateProfile.DEFAULT);
        assertThat(failsOnlyFor(verdict, "lincheck-fixed-H1.json"))
                .singleElement()
                .asString()
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
        fixture.goodDefaultSet()
                .editCounters(
                        "schedule-buggy-H1.json",
                        c -> c.putArray("lockClasses")
                                .add("lab.kb905214.engine.fixed.FixedCoordinator$Lock")
                                .add(ResultsFixture.SESSION_LOCK));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "schedule-buggy-H1.json"))
                .singleElement()
                .asString()
                .startsWith("lock cycle not in engine-buggy's coordinator: "
                        + "[lab.kb905214.engine.fixed.FixedCoordinator$Lock]");
    }

    @Test
    void aBuggyH1CycleOfOneLockFails() {
        fixture.goodDefaultSet()
                .editCounters(
                        "schedule-buggy-H1.json", c -> c.putArray("lockClasses").add(ResultsFixture.SESSION_LOCK));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "schedule-buggy-H1.json"))
                .anySatisfy(r -> assertThat(r).contains("needs two locks"));
    }

    @Test
    void aScheduleThatWasNotExercisedFails() {
        fixture.goodDefaultSet().editCounters("schedule-fixed-H1.json", c -> c.put("notExercised", 2));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "schedule-fixed-H1.json"))
                .singleElement()
                .asString()
                .startsWith("not exercised: 2 of 20 schedules did not reach their failpoints");
    }

    @Test
    void aBenignOrderThatHungOnBuggyFails() {
        fixture.goodDefaultSet().editCounters("schedule-buggy-H2.json", c -> c.put("benignHangs", 1));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "schedule-buggy-H2.json"))
                .anySatisfy(r -> assertThat(r).contains("the benign order hung 1 time(s)"));
    }

    @Test
    void aRequiredHarnessThatNoLongerSeesTheBugFails() {
        fixture.goodDefaultSet()
                .edit("lincheck-buggy-H2.json", run -> run.put("hangs", 0).putNull("firstHangAt"));
        GateDecision verdict = fixture.judge(GateProfile.DEFAULT);
        assertThat(failsOnlyFor(verdict, "lincheck-buggy-H2.json"))
                .singleElement()
                .asString()
                .startsWith("did not reproduce: engine-buggy did not hang in 412 invocations");
        assertThat(verdict.buggyReproduced()).isFalse();
        assertThat(verdict.fixedNeverHung()).isTrue();
    }

    @Test
    void aProbabilisticMissIsOnlyNotedInTheDefaultBuildButFailsUnderStress() {
        fixture.goodStressSet()
                .edit("jcstress-buggy-H2.json", run -> run.put("hangs", 0).putNull("firstHangAt"));
        GateDecision relaxed = fixture.judge(GateProfile.DEFAULT);
        assertThat(relaxed.passed()).isTrue();
        assertThat(relaxed.cases())
                .filteredOn(c -> c.file().equals("jcstress-buggy-H2.json"))
                .singleElement()
                .satisfies(c -> assertThat(c.notes()).singleElement().asString().contains("not required"));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "jcstress-buggy-H2.json"))
                .singleElement()
                .asString()
                .startsWith("did not reproduce");
    }

    @ParameterizedTest
    @ValueSource(strings = {"runId", "buildId", "commit", "jdk", "cores", "startedAt"})
    void everyProvenanceFieldIsRequired(String field) {
        fixture.goodDefaultSet()
                .edit("schedule-buggy-H1.json", run -> ((ObjectNode) run.get("provenance")).remove(field));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "schedule-buggy-H1.json"))
                .singleElement()
                .asString()
                .startsWith("provenance." + field);
    }

    @Test
    void aFileWithoutProvenanceFails() {
        fixture.goodDefaultSet().edit("lincheck-fixed-H1.json", run -> run.remove("provenance"));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "lincheck-fixed-H1.json"))
                .singleElement()
                .asString()
                .startsWith("no provenance");
    }

    @Test
    void aFileWhoseNameDisagreesWithItsContentFails() {
        fixture.goodDefaultSet().edit("schedule-fixed-H1.json", run -> run.put("scenario", "H2"));
        assertThat(fixture.judge(GateProfile.DEFAULT).reasons())
                .extracting(Finding::reason)
                .anySatisfy(r -> assertThat(r).startsWith("file name does not match its content"));
    }

    @Test
    void aTruncatedFileFailsWithAnErrorNamingTheFile() throws Exception {
        fixture.goodDefaultSet();
        String whole = Files.readString(fixture.resultsDir.resolve("schedule-buggy-H1.json"));
        fixture.writeRaw("schedule-buggy-H1.json", whole.substring(0, whole.length() / 2));
        GateDecision verdict = fixture.judge(GateProfile.DEFAULT);
        List<String> reasons = failsOnlyFor(verdict, "schedule-buggy-H1.json");
        assertThat(reasons)
                .singleElement()
                .asString()
                .startsWith("unreadable: " + fixture.resultsDir.resolve("schedule-buggy-H1.json"))
                .contains("not valid JSON (truncated or corrupt?) at line");
        assertThat(verdict.buggyReproduced()).isFalse();
    }

    @Test
    void theMainWritesTheReportThenExitsOneWithTheReasonsOnStderr() throws Exception {
        fixture.goodDefaultSet().edit("schedule-fixed-H2.json", run -> run.put("lostVerdicts", 2));
        Output output = runMain();
        assertThat(output.status).isEqualTo(1);
        assertThat(output.err)
                .contains("lab gate (default): FAIL")
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

    // Results must come from this build (issue 14).

    @Test
    void aFileAnEarlierBuildLeftBehindFails() {
        fixture.goodDefaultSet()
                .edit(
                        "schedule-fixed-H1.json",
                        run -> ((ObjectNode) run.get("provenance"))
                                .put("buildId", "20261128T090000.000Z")
                                .put("startedAt", "2026-11-28T09:00:01Z"));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "schedule-fixed-H1.json"))
                .singleElement()
                .asString()
                .startsWith("from another build: schedule-fixed-H1.json has provenance.buildId"
                        + " '20261128T090000.000Z', this build is '" + ResultsFixture.BUILD_ID + "'");
    }

    @Test
    void aFileOfAnotherCommitFails() {
        fixture.goodDefaultSet()
                .edit(
                        "lincheck-buggy-H2.json",
                        run -> ((ObjectNode) run.get("provenance")).put("commit", "fedcba9876543210+dirty"));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "lincheck-buggy-H2.json"))
                .containsExactly(
                        "from another commit: lincheck-buggy-H2.json has provenance.commit 'fedcba9876543210+dirty', this"
                                + " build's results are of '" + ResultsFixture.COMMIT + "'");
    }

    @Test
    void theBuildMavenNamesIsRequiredOfEveryFileEvenWhenTheyAgreeWithEachOther() throws Exception {
        fixture.goodDefaultSet();
        GateDecision verdict = Gate.judge(fixture.read(), GateProfile.DEFAULT, Optional.of("20261204T140000.000Z"));
        assertThat(verdict.passed()).isFalse();
        // Every engine file, the Lincheck control and every mutant run file is stale: all came from the fixture's
        // build.
        assertThat(verdict.reasons())
                .hasSize(fixture.read().runs().size()
                        + MutantChecks.DEFINED_MUTANTS.size() * MutantChecks.DEFAULT_HARNESSES.size())
                .allSatisfy(f -> assertThat(f.reason())
                        .startsWith("from another build: ")
                        .contains("this build is '20261204T140000.000Z' (given)"));
        assertThat(Gate.judge(fixture.read(), GateProfile.DEFAULT, Optional.of(ResultsFixture.BUILD_ID))
                        .passed())
                .isTrue();
        Output output = withProperty(LabReport.BUILD_ID_PROPERTY, "20261204T140000.000Z", this::runMain);
        assertThat(output.status).isEqualTo(1);
        assertThat(output.err).contains("(schedule-buggy-H1.json): from another build: schedule-buggy-H1.json");
    }

    @Test
    void aStaleMutantRunFails() {
        fixture.goodDefaultSet()
                .edit(
                        "mutants/lincheck-mutant-M2-kill.json",
                        run -> ((ObjectNode) run.get("provenance"))
                                .put("buildId", "20261128T090000.000Z")
                                .put("startedAt", "2026-11-28T09:00:01Z"));
        GateDecision verdict = fixture.judge(GateProfile.DEFAULT);
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.reasons()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("mutants/lincheck-mutant-M2-kill.json");
            assertThat(f.reason()).startsWith("from another build: lincheck-mutant-M2-kill.json");
        });
    }

    @Test
    void aMutantRunWithoutProvenanceOrThatExploredNothingFails() {
        fixture.goodDefaultSet().edit("mutants/schedule-mutant-M0-kill.json", run -> run.remove("provenance"));
        fixture.edit("mutants/schedule-mutant-M5-kill.json", run -> run.put("explored", 0));
        GateDecision verdict = fixture.judge(GateProfile.DEFAULT);
        assertThat(verdict.reasons())
                .extracting(Finding::file, f -> f.reason().substring(0, 17))
                .containsExactlyInAnyOrder(
                        Tuple.tuple("mutants/schedule-mutant-M0-kill.json", "no provenance (ru"),
                        Tuple.tuple("mutants/schedule-mutant-M5-kill.json", "explored nothing "));
    }

    // Every README claim is a gate check (issue 14).

    @ParameterizedTest
    @ValueSource(strings = {"unanswered", "threadsAtEnd", "closeWait"})
    void aFixedLoadRunThatLeftSomethingBehindFails(String counter) {
        fixture.goodStressSet()
                .editCounters("load-fixed-H1.json", c -> c.put(counter, counter.equals("closeWait") ? -1 : 3));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "load-fixed-H1.json"))
                .singleElement()
                .asString()
                .endsWith("(counters." + counter + ")");
        fixture.editCounters("load-fixed-H1.json", c -> c.remove(counter));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "load-fixed-H1.json"))
                .containsExactly(
                        "counters." + counter + " is missing: nothing shows that engine-fixed held under load");
    }

    @Test
    void aForbiddenJcstressOutcomeOnFixedFails() {
        fixture.goodStressSet().editCounters("jcstress-fixed-outcomes.json", c -> c.put("forbiddenSamples", 2));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "jcstress-fixed-outcomes.json"))
                .singleElement()
                .asString()
                .startsWith("forbidden outcome on engine-fixed in 2 sample(s)");
        fixture.delete("jcstress-fixed-outcomes.json");
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "jcstress-fixed-outcomes.json"))
                .singleElement()
                .asString()
                .startsWith("missing: ");
        fixture.editCounters("jcstress-fixed-H1.json", c -> c.remove("forbiddenSamples"));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "jcstress-fixed-H1.json"))
                .containsExactly(
                        "counters.forbiddenSamples is missing: cannot tell whether JCStress saw a forbidden outcome");
    }

    @Test
    void aBuggyH1ScheduleMustDeadlockInEveryRepetition() {
        // One repetition of twenty hung as a stuck waiter without the lock cycle: hangs >= 1 is not the claim.
        fixture.goodDefaultSet()
                .editCounters(
                        "schedule-buggy-H1.json",
                        c -> c.put("deadlockCycles", 19).put("probesUnanswered", 19));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "schedule-buggy-H1.json"))
                .containsExactly(
                        "H1 on engine-buggy must deadlock with the probe unanswered in every repetition: counters.deadlockCycles"
                                + " = 19 of 20 schedules",
                        "H1 on engine-buggy must deadlock with the probe unanswered in every repetition: counters.probesUnanswered"
                                + " = 19 of 20 schedules");
    }

    @Test
    void aNoAbortControlWithALockCycleFails() {
        fixture.goodStressSet()
                .editCounters(
                        "load-buggy-no-abort.json",
                        c -> c.putArray("cycleMethods")
                                .add("BuggyCoordinator.complete")
                                .add("BuggyCoordinator.teardown"));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "load-buggy-no-abort.json"))
                .singleElement()
                .asString()
                .startsWith("the no-abort control deadlocked (cycle in [BuggyCoordinator.complete,");
        fixture.delete("load-buggy-no-abort.json");
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "load-buggy-no-abort.json"))
                .singleElement()
                .asString()
                .startsWith("missing: ");
    }

    @Test
    void aBuggyLoadRunThatHungWithoutTheSchedulesCycleDoesNotReproduceH1() {
        fixture.goodStressSet().editCounters("load-buggy-H1.json", c -> {
            c.putArray("cycleMethods");
            c.putArray("lockClasses");
        });
        GateDecision stress = fixture.judge(GateProfile.STRESS);
        assertThat(failsOnlyFor(stress, "load-buggy-H1.json"))
                .singleElement()
                .asString()
                .startsWith("did not reproduce: engine-buggy hung without a lock cycle in the schedule's H1 methods");
        assertThat(stress.buggyReproduced()).isFalse();
        GateDecision relaxed = fixture.judge(GateProfile.DEFAULT);
        assertThat(relaxed.passed())
                .as("load is not required in the default build")
                .isTrue();
    }

    @Test
    void aLincheckSpecificationThatAcceptsTheControlFails() {
        fixture.goodDefaultSet().editCounters("lincheck-control-spec.json", c -> c.put("failure", "none"));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "lincheck-control-spec.json"))
                .singleElement()
                .asString()
                .startsWith("the Lincheck specification accepted a coordinator that decides a check twice");
        fixture.delete("lincheck-control-spec.json");
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "lincheck-control-spec.json"))
                .singleElement()
                .asString()
                .startsWith("missing: ");
    }

    // No constants posing as measurements (issue 14): the failpoints as the engine recorded them.

    @Test
    void aScheduleWhoseFailpointsRecordedNoArmingOrNoStepFails() {
        fixture.goodDefaultSet().edit("schedule-fixed-H2.json", run -> run.put("failpointsArmed", false));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "schedule-fixed-H2.json"))
                .containsExactly("schedule run with failpoints off: the schedule cannot have ordered the threads");
        fixture.edit("schedule-fixed-H2.json", run -> {
            run.put("failpointsArmed", true);
            run.putArray("failpointsHit");
        });
        assertThat(failsOnlyFor(fixture.judge(GateProfile.DEFAULT), "schedule-fixed-H2.json"))
                .containsExactly("not exercised: no failpoint was hit");
    }

    // A JCStress fork lost without a lock cycle is the harness failing, not engine-fixed hanging (issue 14).

    @Test
    void aJcstressForkLostWithoutACycleIsAnInfrastructureFailureNotAFixedHang() {
        fixture.goodStressSet()
                .edit("jcstress-fixed-H2.json", run -> run.put("hangs", 1).put("firstHangAt", 7));
        fixture.editCounters("jcstress-fixed-H2.json", c -> {
            c.put("watchdogHungKills", 1);
            c.putArray("threadDumps").add("target/jcstress-dumps/fork-3.txt");
        });
        GateDecision verdict = fixture.judge(GateProfile.STRESS);
        assertThat(failsOnlyFor(verdict, "jcstress-fixed-H2.json"))
                .singleElement()
                .asString()
                .startsWith("infrastructure failure, not a hang of engine-fixed: 1 JCStress fork(s)")
                .contains("[target/jcstress-dumps/fork-3.txt]");
        assertThat(verdict.fixedNeverHung()).isTrue();
        // The same fork killed as deadlocked (a lock cycle) is a hang of engine-fixed.
        fixture.editCounters(
                "jcstress-fixed-H2.json", c -> c.put("watchdogHungKills", 0).put("watchdogDeadlockKills", 1));
        GateDecision deadlocked = fixture.judge(GateProfile.STRESS);
        assertThat(failsOnlyFor(deadlocked, "jcstress-fixed-H2.json"))
                .singleElement()
                .asString()
                .startsWith("engine-fixed hung in 1 of 2000000 samples");
        assertThat(deadlocked.fixedNeverHung()).isFalse();
    }

    // A mutant run file that is neither kill nor survival says so, and fails with its own reason (issue 14).

    @Test
    void aMutantScheduleThatNeverReachedItsFailpointsIsNotExercisedNotSurvived() {
        fixture.goodDefaultSet().editCounters("mutants/schedule-mutant-M0-kill.json", c -> c.put("notExercised", 2));
        GateDecision verdict = fixture.judge(GateProfile.DEFAULT);
        assertThat(verdict.reasons()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("mutants/schedule-mutant-M0-kill.json");
            assertThat(f.reason()).startsWith("not exercised: 2 of 4 schedules never reached their failpoints");
        });
    }

    @Test
    void aMutantSurvivalThroughAnExplorerSearchCutShortIsNotProven() {
        fixture.goodStressSet().editCounters("mutants/explore-mutant-M0-kill.json", c -> c.put("exhaustive", false));
        GateDecision verdict = fixture.judge(GateProfile.STRESS);
        assertThat(verdict.reasons()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("mutants/explore-mutant-M0-kill.json");
            assertThat(f.reason()).startsWith("not exhausted (counters.exhaustive = false)");
        });
    }

    @Test
    void aLincheckCrashOnAMutantIsAHarnessErrorNotASurvival() {
        fixture.goodDefaultSet().writeMutant(ResultsFixture.mutantVerdict("lincheck", "M5", null));
        fixture.editCounters(
                "mutants/lincheck-mutant-M5-kill.json",
                c -> c.put("harnessError", "Lincheck could not run [await] || [fail]: java.lang.NoSuchMethodError"));
        assertThat(fixture.judge(GateProfile.DEFAULT).reasons())
                .extracting(Finding::file, Finding::reason)
                .contains(Tuple.tuple(
                        "mutants/lincheck-mutant-M5-kill.json",
                        "harness error: Lincheck could not run [await] || [fail]: java.lang.NoSuchMethodError (the"
                                + " harness could not run the mutant: not a survival)"));
    }

    @Test
    void aLincheckTimeLimitOnAMutantIsNeitherAHangKillNorASurvival() {
        fixture.goodDefaultSet()
                .editCounters(
                        "mutants/lincheck-mutant-M1-kill.json",
                        c -> c.put(
                                "timeLimit", "[complete] || [teardown]: the Lincheck run did not finish within 600 s"));
        GateDecision verdict = fixture.judge(GateProfile.DEFAULT);
        assertThat(verdict.reasons()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("mutants/lincheck-mutant-M1-kill.json");
            assertThat(f.reason()).startsWith("time limit without a hang: [complete] || [teardown]");
        });
    }

    // -Pstress judged as -Pstress (issue 14): each required file records that it ran the stress budget.

    @Test
    void aStressGateOnDefaultBudgetsFails() {
        fixture.goodStressSet()
                .editCounters("schedule-buggy-H2.json", c -> c.putObject("plan").put("repetitions", 10));
        fixture.editCounters("lincheck-fixed-H1.json", c -> c.put("invocationsPerIteration", 1000));
        fixture.editCounters("jcstress-buggy-H1.json", c -> c.put("plan", "budget 90s: -f 1 -iters 5 -time 200 ms"));
        fixture.editCounters(
                "load-buggy-H1.json", c -> c.putArray("runs").addObject().put("hung", true));
        fixture.edit("load-fixed-H1.json", run -> run.put("explored", 3000));
        fixture.editCounters("lincheck-buggy-H2-threads.json", c -> c.put("budget", 1000));
        GateDecision verdict = fixture.judge(GateProfile.STRESS);
        assertThat(verdict.reasons())
                .extracting(Finding::file, Finding::reason)
                .containsExactlyInAnyOrder(
                        Tuple.tuple(
                                "schedule-buggy-H2.json",
                                "below the stress budget:"
                                        + " counters.plan.repetitions = 10 < 100; a -Pstress gate judges -Pstress runs"),
                        Tuple.tuple(
                                "lincheck-fixed-H1.json",
                                "below the stress budget:"
                                        + " counters.invocationsPerIteration = 1000 < 5000; a -Pstress gate judges -Pstress runs"),
                        Tuple.tuple(
                                "jcstress-buggy-H1.json",
                                "below the stress budget:"
                                        + " the budget of counters.plan = 90 < 1200; a -Pstress gate judges -Pstress runs"),
                        Tuple.tuple(
                                "load-buggy-H1.json",
                                "below the stress budget:"
                                        + " runs recorded (counters.runs) = 1 < 20; a -Pstress gate judges -Pstress runs"),
                        Tuple.tuple(
                                "load-fixed-H1.json",
                                "below the stress budget:"
                                        + " transactions answered (explored) = 3000 < 100000; a -Pstress gate judges -Pstress runs"),
                        Tuple.tuple(
                                "lincheck-buggy-H2-threads.json",
                                "below the stress budget:"
                                        + " counters.budget = 1000 < 5000; a -Pstress gate judges -Pstress runs"));
        assertThat(fixture.judge(GateProfile.DEFAULT).passed())
                .as("the default build has no such budget")
                .isTrue();
    }

    @Test
    void aStressFileThatRecordsNoPlanFails() {
        fixture.goodStressSet().editCounters("schedule-fixed-H1.json", c -> c.remove("plan"));
        assertThat(failsOnlyFor(fixture.judge(GateProfile.STRESS), "schedule-fixed-H1.json"))
                .containsExactly(
                        "stress budget unknown: counters.plan.repetitions is missing, so nothing shows this ran its -Pstress"
                                + " budget (100)");
    }

    private record Output(int status, String out, String err) {}

    private Output runMain() throws Exception {
        return withProperty(
                LabReport.RESULTS_DIR_PROPERTY,
                fixture.resultsDir.toString(),
                () -> withProperty(LabReport.REPORT_DIR_PROPERTY, fixture.reportDir.toString(), () -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    ByteArrayOutputStream err = new ByteArrayOutputStream();
                    int status = LabReportMain.run(
                            new PrintStream(out, true, StandardCharsets.UTF_8),
                            new PrintStream(err, true, StandardCharsets.UTF_8));
                    return new Output(
                            status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
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

    @Test
    void aLostVerdictCountLeftNullWithoutAReasonFailsTheGate() {
        GateDecision verdict = fixture.goodDefaultSet()
                .edit("lincheck-fixed-H1.json", run -> run.putNull("lostVerdicts"))
                .judge(GateProfile.DEFAULT);

        assertThat(failsOnlyFor(verdict, "lincheck-fixed-H1.json"))
                .contains("lostVerdicts is missing or not a whole"
                        + " number >= 0, and notObserved does not say why the harness cannot observe it");
        assertThat(verdict.fixedNeverHung()).isFalse();
    }

    @Test
    void aFieldBothObservedAndNotObservedFailsTheGate() {
        GateDecision verdict = fixture.goodDefaultSet()
                .edit("spin-fixed-H2.json", run -> run.put("failpointsArmed", false))
                .judge(GateProfile.DEFAULT);

        assertThat(failsOnlyFor(verdict, "spin-fixed-H2.json"))
                .contains("failpointsArmed is false and also not observed (a model, not the engine): one or the other");
    }

    @Test
    void aModelThatSaysWhyItCannotCountLostVerdictsKeepsTheClaimThatEngineFixedNeverHung() {
        GateDecision verdict = fixture.goodDefaultSet().judge(GateProfile.DEFAULT);

        assertThat(fixture.read().runs()).anySatisfy(run -> {
            assertThat(run.harness()).isEqualTo("spin");
            assertThat(run.lostVerdicts()).isEmpty();
            assertThat(run.notObserved(ResultFields.LOST_VERDICTS)).isPresent();
        });
        assertThat(verdict.fixedNeverHung()).isTrue();
    }

    @Test
    void aLincheckCrashOnRealThreadsFailsTheGateAsAHarnessError() {
        GateDecision verdict = fixture.goodDefaultSet()
                .edit("lincheck-buggy-H2-threads.json", run -> {
                    run.put("explored", 0)
                            .put("hangs", 0)
                            .putNull("firstHangAt")
                            .putNull("lostVerdicts")
                            .putNull("failpointsArmed");
                    run.putObject("notObserved")
                            .put("lostVerdicts", "Lincheck crashed")
                            .put("failpointsArmed", "crashed");
                    ((ObjectNode) run.get("counters"))
                            .put(
                                    "harnessError",
                                    "attempt 1: Lincheck could not run [await] || [complete]: GPMC trace is expected");
                })
                .judge(GateProfile.DEFAULT);

        assertThat(failsOnlyFor(verdict, "lincheck-buggy-H2-threads.json"))
                .contains("harness error: attempt 1:"
                        + " Lincheck could not run [await] || [complete]: GPMC trace is expected (the harness could not run:"
                        + " no verdict either way)");
        assertThat(verdict.buggyReproduced()).isFalse();
    }

    @Test
    void aMissingRealThreadsLincheckFileFailsTheGate() throws Exception {
        fixture.goodDefaultSet();
        Files.delete(fixture.resultsDir.resolve("lincheck-fixed-three-paths-threads.json"));

        GateDecision verdict = fixture.judge(GateProfile.DEFAULT);

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.fixedNeverHung()).isFalse();
        assertThat(verdict.cases()).anySatisfy(c -> {
            assertThat(c.file()).isEqualTo("lincheck-fixed-three-paths-threads.json");
            assertThat(c.status()).isEqualTo(GateCase.Status.MISSING);
        });
    }
}
