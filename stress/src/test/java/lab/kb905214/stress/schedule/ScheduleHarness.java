package lab.kb905214.stress.schedule;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import lab.kb905214.results.Counters;
import lab.kb905214.results.Fields;
import lab.kb905214.results.Harness;
import lab.kb905214.results.ScheduleCounters;
import lab.kb905214.stress.results.HarnessResult;
import lab.kb905214.stress.results.Provenance;
import lab.kb905214.stress.results.ResultsDirectory;
import lab.kb905214.stress.rig.EngineKind;

/** Runs a scenario's racy schedule N times (and its benign order as a control) and writes the results file. */
final class ScheduleHarness {
    /** Repetitions per scenario and engine: 10 in the default build, 100 under -Pstress. */
    static final int REPETITIONS = Integer.getInteger("lab.schedule.repetitions", 10);
    /** Benign-order control runs per scenario. */
    static final int BENIGN_REPETITIONS = 3;

    /** Every run of one engine and scenario. */
    record Runs(
            EngineKind engine, Scenario scenario, List<ScheduleRun> racy, List<ScheduleRun> benign, double seconds) {
        long hangs() {
            return racy.stream().filter(ScheduleRun::hung).count();
        }

        long notExercised() {
            return racy.stream().filter(r -> !r.exercised()).count();
        }
    }

    private ScheduleHarness() {}

    static Runs run(EngineKind engine, Scenario scenario) throws Exception {
        long started = System.nanoTime();
        List<ScheduleRun> racy = new ArrayList<>();
        for (int i = 0; i < REPETITIONS; i++) {
            racy.add(ScheduleDriver.run(engine, scenario, Order.RACY));
        }
        List<ScheduleRun> benign = new ArrayList<>();
        for (int i = 0; i < BENIGN_REPETITIONS; i++) {
            benign.add(ScheduleDriver.run(engine, scenario, Order.BENIGN));
        }
        return new Runs(engine, scenario, racy, benign, (System.nanoTime() - started) / 1e9);
    }

    /**
     * Writes {@code schedule-<engine>-<scenario>.json}: counts from the runs, the first hang as evidence, and the
     * failpoints as the engines recorded them (armed in every racy run, and the steps reached).
     */
    static void record(Runs runs, Provenance provenance) {
        Long firstHangAt = null;
        String evidence = "";
        Set<String> hit = new LinkedHashSet<>();
        for (int i = 0; i < runs.racy().size(); i++) {
            ScheduleRun run = runs.racy().get(i);
            hit.addAll(run.failpointsReached());
            if (run.hung() && firstHangAt == null) {
                firstHangAt = (long) i + 1;
                evidence = run.cycle().map(c -> c.describe() + "\n").orElse("") + run.describe();
            }
        }
        Fields counters = new Fields();
        counters.put(Counters.NOT_EXERCISED, runs.notExercised());
        counters.put(
                Counters.PROBES_UNANSWERED,
                runs.racy().stream().filter(r -> !r.probeAnswered()).count());
        counters.put(
                ScheduleCounters.DEADLOCK_CYCLES,
                runs.racy().stream().filter(r -> r.cycle().isPresent()).count());
        counters.put(
                ScheduleCounters.STUCK_WAITER_RUNS,
                runs.racy().stream().filter(r -> !r.stuckWaiters().isEmpty()).count());
        counters.put(ScheduleCounters.BENIGN_RUNS, runs.benign().size());
        counters.put(
                ScheduleCounters.BENIGN_HANGS,
                runs.benign().stream().filter(ScheduleRun::hung).count());
        counters.put(
                Counters.MESSAGES_STORED,
                runs.racy().stream().mapToLong(ScheduleRun::stored).sum());
        counters.put(
                Counters.LOCK_CLASSES,
                runs.racy().stream()
                        .flatMap(r -> r.cycle().stream())
                        .flatMap(c -> c.lockClasses().stream())
                        .distinct()
                        .toList());
        counters.put(
                Counters.CYCLE_METHODS,
                runs.racy().stream()
                        .flatMap(r -> r.cycle().stream())
                        .flatMap(c -> c.blockedMethods().stream())
                        .distinct()
                        .sorted()
                        .toList());
        // The claim's first assumption, at every step every run reached: no monitor held inside a race window.
        counters.put(
                Counters.MONITORS_HELD_AT_FAILPOINTS,
                Stream.concat(runs.racy().stream(), runs.benign().stream())
                        .flatMap(r -> r.arrivals().stream())
                        .filter(a -> !a.monitorsHeld().isEmpty())
                        .map(a -> a.step().id() + ": " + String.join(", ", a.monitorsHeld()))
                        .distinct()
                        .sorted()
                        .toList());
        counters.note(
                "maxDetectMillis",
                runs.racy().stream().mapToLong(ScheduleRun::detectMillis).max().orElse(0));
        counters.note(
                "maxRunMillis",
                runs.racy().stream().mapToLong(ScheduleRun::millis).max().orElse(0));
        // The budget asked for, so the -Pstress gate can tell a stress run from a default one.
        Fields plan = new Fields()
                .put(ScheduleCounters.Plan.REPETITIONS, REPETITIONS)
                .note("benignRepetitions", BENIGN_REPETITIONS);
        counters.put(Counters.PLAN, plan);
        if (evidence.isEmpty() && !runs.racy().isEmpty()) {
            evidence = runs.racy().get(0).describe();
        }
        ResultsDirectory.fromSystemProperty()
                .write(new HarnessResult(
                        Harness.SCHEDULE,
                        runs.engine().engine(),
                        runs.scenario().name(),
                        runs.racy().size(),
                        "schedules",
                        runs.hangs(),
                        runs.racy().stream()
                                .mapToLong(ScheduleRun::lostVerdicts)
                                .sum(),
                        firstHangAt,
                        runs.seconds(),
                        evidence,
                        !runs.racy().isEmpty() && runs.racy().stream().allMatch(ScheduleRun::failpointsArmed),
                        List.copyOf(hit),
                        counters,
                        provenance));
    }
}
