package lab.kb905214.stress.spin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lab.kb905214.results.Engine;
import lab.kb905214.results.SpinCounters;
import lab.kb905214.stress.results.HarnessResult;
import lab.kb905214.stress.results.Provenance;
import lab.kb905214.stress.rig.EngineKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model-checks both coordinators' Promela models with SPIN and writes {@code spin-<engine>-<scenario>.json}: SPIN
 * must find H1's lock cycle and H2's waiter that never wakes in engine-buggy's model, and nothing, over a completed
 * search, in engine-fixed's. Each run's trails are replayed on the real engine, and each safety run counts the
 * explorer's leaves in its model at the explorer's granularity; the gate compares those with the explorer's own. Under
 * CI=true a missing spin or gcc fails; elsewhere the test is skipped.
 */
class SpinModelTest {
    private static final String INSTALL = "install with: apt-get update -qq && apt-get install -y -qq"
            + " --no-install-recommends spin gcc libc6-dev cpp (as .ci/run does)";

    private static String spinVersion;

    @TempDir
    static Path work;

    @BeforeAll
    static void toolsArePresent() throws Exception {
        List<String> missing = new ArrayList<>();
        for (List<String> probe :
                List.of(List.of("spin", "-V"), List.of("gcc", "--version"), List.of("cpp", "--version"))) {
            try {
                BoundedProcess p =
                        BoundedProcess.run(probe, Files.createTempDirectory(work, "probe"), Duration.ofSeconds(30));
                if (!p.succeeded()) {
                    missing.add(probe.get(0));
                } else if (probe.get(0).equals("spin")) {
                    spinVersion = p.output().strip();
                }
            } catch (IOException e) {
                missing.add(probe.get(0));
            }
        }
        if (!missing.isEmpty()) {
            String message = "SPIN harness needs " + missing + " on the PATH; " + INSTALL;
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            assumeTrue(false, message);
        }
    }

    private static SpinRunner runner() {
        return new SpinRunner(models(), panLimit(), memoryMb(), Integer.getInteger("lab.spin.trails", 20));
    }

    /**
     * Runs {@code check}, replays its trails on the real engine (the explorer's {@code lab replay --order}) and, for a
     * safety run, enumerates its model's leaves at the explorer's granularity; records all of it.
     */
    private static HarnessResult runAndRecord(SpinCheck check) throws Exception {
        SpinRunner.Outcome outcome = runner().run(check, work);
        // The explorer's trees are one transaction of one session: their leaves are counted once, beside the H1 run.
        List<SpinLeaves> leaves = check.scenario().equals("H1")
                ? SpinEngineTies.leavesOf(check, models(), work, panLimit(), memoryMb())
                : List.of();
        SpinEngineTies ties = SpinEngineTies.of(outcome, EngineKind.of(check.engine()), leaves);
        HarnessResult result = SpinResults.toResult(outcome, ties, spinVersion, Provenance.now());
        SpinResults.write(result);
        // A trail whose order the engine runs exactly is an interleaving both know: they must end alike.
        assertThat(ties.replays())
                .as("trails replayed on the engine")
                .hasSize(ties.notReplayable().isPresent() ? 0 : outcome.trails().size());
        assertThat(ties.replays().stream().filter(r -> r.exact() && !r.agree()).toList())
                .as("trails the engine ran exactly but ended otherwise")
                .isEmpty();
        leaves.forEach(l -> {
            assertThat(l.pan().searchCompleted())
                    .as("the leaves' search completed: %s", l.pan().truncatedBy())
                    .isTrue();
            assertThat(l.leaves())
                    .as("leaves of %s at the explorer's granularity (%s)", check.model(), l.space())
                    .isNotEmpty();
            assertThat(l.endings().get("OTHER"))
                    .as("leaves ending neither completed nor in a known hang")
                    .isZero();
            assertThat(l.ordersWithSeveralEndings())
                    .as("orders with more than one ending")
                    .isEmpty();
        });
        return result;
    }

    private static Path models() {
        return Path.of(System.getProperty("lab.spin.models", "src/main/promela"));
    }

    private static Duration panLimit() {
        return Duration.ofSeconds(Long.getLong("lab.spin.panSeconds", 300));
    }

    private static int memoryMb() {
        return Integer.getInteger("lab.spin.memoryMb", 2048);
    }

    @Test
    void buggyModelReachesTheH1LockCycleAsAnInvalidEndState() throws Exception {
        SpinCheck check = SpinPlan.fromSystemProperties().buggyH1();
        HarnessResult result = runAndRecord(check);

        assertThat(result.hangs())
                .as("invalid end states\n%s", result.evidence())
                .isPositive();
        assertThat((Long) result.counters().get(SpinCounters.LOCK_CYCLES))
                .as("trails ending in a lock cycle\n%s", result.evidence())
                .isPositive();
        assertThat(result.evidence())
                .contains("invalid end state")
                .contains("lock cycle")
                .contains("registry")
                .contains("sessionLock");
        assertThat(result.exhaustive())
                .as("search completed\n%s", result.evidence())
                .isTrue();
    }

    @Test
    void buggyModelLeavesTheH2WaiterParkedForever() throws Exception {
        SpinCheck check = SpinPlan.fromSystemProperties().buggyH2();
        HarnessResult result = runAndRecord(check);

        assertThat(result.hangs())
                .as("liveness violations\n%s", result.evidence())
                .isPositive();
        assertThat((Long) result.counters().get(SpinCounters.WAITERS_NEVER_WOKEN))
                .as("trails ending with a waiter parked\n%s", result.evidence())
                .isPositive();
        assertThat((Long) result.counters().get(SpinCounters.LOCK_CYCLES))
                .as("H2 is no lock cycle")
                .isZero();
        assertThat(result.failpointsHit()).contains("waiter.checked", "completion.post");
    }

    @Test
    void fixedModelHasNoInvalidEndStateAndNoAssertionViolation() throws Exception {
        HarnessResult result = runAndRecord(SpinPlan.fromSystemProperties().fixedH1());

        assertThat(result.hangs()).as("errors\n%s", result.evidence()).isZero();
        assertThat(result.exhaustive())
                .as("search completed\n%s", result.evidence())
                .isTrue();
        assertThat(result.explored()).isPositive();
    }

    /**
     * The fixed model's checks can fail: with either fix undone in a copy of the model (completion removing the
     * session's entry whatever check it holds; the future parking without reading its result after the push), SPIN
     * must report errors. Nothing is recorded: this tests the model, not the engine.
     */
    @Test
    void fixedModelChecksFailWhenAFixIsUndone() throws Exception {
        Path models = models();
        String fixed = Files.readString(models.resolve(SpinPlan.FIXED_MODEL));
        String byKeyOnly = undo(
                fixed,
                ":: atomic { pending[s] == c -> pending[s] = NOCHECK; posted(c) }",
                ":: atomic { pending[s] != NOCHECK -> pending[s] = NOCHECK; posted(c) }");
        String noReRead = undo(fixed, """
                    :: atomic {
                        result[c] == NONE && !stacked[c] ->
                WAITER_CHECKED: printf("step waiter.checked check %d\\n", c);   /* !outcome.isDone() */
                            stacked[c] = true  /* push the Signaller; the next turn reads the result again before parking */
                        }""", """
                    :: result[c] == NONE && !stacked[c] -> stacked[c] = true; unparked[c]""");
        for (String mutant : List.of(byKeyOnly, noReRead)) {
            Path copy = Files.createTempDirectory(work, "mutant-model");
            for (String file : List.of("engine-state.pml", "engine-threads.pml")) {
                Files.copy(models.resolve(file), copy.resolve(file));
            }
            Files.writeString(copy.resolve(SpinPlan.FIXED_MODEL), mutant);
            SpinRunner runner = new SpinRunner(copy, Duration.ofMinutes(2), 1024);
            SpinCheck safety =
                    new SpinCheck(Engine.FIXED, "H1", SpinPlan.FIXED_MODEL, new SpinBounds(1, 2), true, false, false);
            SpinCheck liveness =
                    new SpinCheck(Engine.FIXED, "H2", SpinPlan.FIXED_MODEL, new SpinBounds(1, 2), true, true, false);
            assertThat(runner.run(safety, work).pan().errors())
                    .as("safety errors with a fix undone")
                    .isPositive();
            assertThat(runner.run(liveness, work).pan().errors())
                    .as("liveness errors with a fix undone")
                    .isPositive();
        }
    }

    private static String undo(String model, String fix, String mistake) {
        assertThat(model)
                .as("the model still contains the line this test changes")
                .contains(fix);
        return model.replace(fix, mistake);
    }

    /**
     * engine-fixed's sessions share nothing but the completion thread, which is why its searches stand for any number
     * of sessions; engine-buggy's share the registry's monitor (H1).
     */
    @Test
    void onlyTheFixedModelsSessionsShareNothing() throws Exception {
        Path copy = SpinRunner.copyModels(models(), Files.createTempDirectory(work, "coupling"));
        SessionCoupling fixed = SessionCoupling.read(copy, SpinPlan.FIXED_MODEL);
        SessionCoupling buggy = SessionCoupling.read(copy, SpinPlan.BUGGY_MODEL);

        assertThat(fixed.sharedGlobals()).as("engine-fixed's shared globals").isEmpty();
        assertThat(fixed.foreignAccesses())
                .as("engine-fixed's accesses to another session")
                .isEmpty();
        assertThat(fixed.ghosts()).containsExactly("waiters");
        assertThat(buggy.sharedGlobals()).containsExactly("registry");
    }

    /**
     * The coupling's premises can fail: a watcher that tears down its neighbour's check, a completion thread that
     * derives another session for its check, a session that steers by the ghost counter. Each is a copy of the models
     * with one line changed.
     */
    @Test
    void sessionCouplingSeesEachWayASessionCanReachAnother() throws Exception {
        record Mistake(String file, String line, String mistake, String seen) {}
        List<Mistake> mistakes = List.of(
                new Mistake(
                        SpinPlan.FIXED_MODEL,
                        "check = pending[s];",
                        "check = pending[SESSIONS - 1 - s];",
                        "Watcher: pending[((2-1)-s)]"),
                new Mistake(SpinPlan.FIXED_MODEL, "s = c / TX;", "s = c % SESSIONS;", "Completion: s = (c%2);"),
                new Mistake(
                        "engine-threads.pml",
                        "t < TX && !gone[s] ->",
                        "t < TX && !gone[s] && waiters < SESSIONS ->",
                        "shared: waiters"));
        for (Mistake m : mistakes) {
            Path copy = SpinRunner.copyModels(models(), Files.createTempDirectory(work, "coupling-mistake"));
            Files.writeString(
                    copy.resolve(m.file()), undo(Files.readString(copy.resolve(m.file())), m.line(), m.mistake()));
            SessionCoupling coupling = SessionCoupling.read(copy, SpinPlan.FIXED_MODEL);
            List<String> seen = new ArrayList<>(coupling.foreignAccesses());
            coupling.sharedGlobals().forEach(g -> seen.add("shared: " + g));
            assertThat(seen)
                    .as("what couples the sessions after %s", m.mistake())
                    .contains(m.seen());
            assertThat(coupling.sessionsIndependent()).isFalse();
        }
    }

    @Test
    void fixedModelEndsEveryWaitUnderWeakFairness() throws Exception {
        HarnessResult result = runAndRecord(SpinPlan.fromSystemProperties().fixedH2());

        assertThat(result.hangs())
                .as("liveness violations\n%s", result.evidence())
                .isZero();
        assertThat(result.exhaustive())
                .as("search completed\n%s", result.evidence())
                .isTrue();
    }

    /** Under -Pstress: the safety search again with three sessions (lab.spin.fixedWideSafetyBounds). */
    @Test
    void fixedModelHoldsWithThreeSessions() throws Exception {
        Optional<SpinCheck> check = SpinPlan.fromSystemProperties().fixedH1Wide();
        assumeTrue(check.isPresent(), "no wide safety run in this build (lab.spin.fixedWideSafetyBounds=none)");
        HarnessResult result = runAndRecord(check.get());

        assertThat(result.hangs()).as("errors\n%s", result.evidence()).isZero();
        assertThat(result.exhaustive())
                .as("search completed\n%s", result.evidence())
                .isTrue();
    }

    /** Under -Pstress: every wait ends, with three sessions (lab.spin.fixedWideLivenessBounds). */
    @Test
    void fixedModelEndsEveryWaitWithThreeSessions() throws Exception {
        Optional<SpinCheck> check = SpinPlan.fromSystemProperties().fixedH2Wide();
        assumeTrue(check.isPresent(), "no wide liveness run in this build (lab.spin.fixedWideLivenessBounds=none)");
        HarnessResult result = runAndRecord(check.get());

        assertThat(result.hangs())
                .as("liveness violations\n%s", result.evidence())
                .isZero();
        assertThat(result.exhaustive())
                .as("search completed\n%s", result.evidence())
                .isTrue();
    }
}
