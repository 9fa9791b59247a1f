package lab.kb905214.reports.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import lab.kb905214.reports.gate.Gate;
import lab.kb905214.reports.gate.GateDecision;
import lab.kb905214.reports.gate.GateProfile;
import lab.kb905214.reports.gate.MutantChecks;

/**
 * Writes small results files shaped like the harnesses' into a temp folder laid out like the project
 * ({@code <root>/stress/target/lab-results}), so that each gate check can be fed a doctored copy.
 */
public final class ResultsFixture {
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    public static final String REGISTRY_LOCK = "lab.kb905214.engine.buggy.BuggyCoordinator$RegistryLock";
    public static final String SESSION_LOCK = "lab.kb905214.engine.buggy.BuggyCoordinator$SessionLock";
    /** The build every file of a sound set comes from. */
    public static final String BUILD_ID = "20261129T113023.615Z";
    /** The commit every file of a sound set was made from. */
    public static final String COMMIT = "0123456789abcdef";

    public final Path root;
    public final Path resultsDir;
    public final Path reportDir;

    public ResultsFixture(Path root) {
        this.root = root;
        this.resultsDir = root.resolve("stress/target/lab-results");
        this.reportDir = root.resolve("reports/target/lab-report");
    }

    /** Every file the default build expects, each sound. */
    public ResultsFixture goodDefaultSet() {
        for (String engine : new String[] {"buggy", "fixed"}) {
            for (String scenario : new String[] {"H1", "H2"}) {
                write(schedule(engine, scenario));
                write(lincheck(engine, scenario));
                write(spin(engine, scenario));
            }
        }
        write(lincheckControl());
        for (String threads : new String[] {"buggy-H1-threads", "buggy-H2-threads", "fixed-three-paths-threads"}) {
            String[] key = threads.split("-", 2);
            ObjectNode run = lincheck(key[0], key[1]);
            ((ObjectNode) run.get("counters"))
                    .put("iterations", 1)
                    .put("invocationsPerIteration", 1000)
                    .put("budget", 1000)
                    .put("api", "Lincheck.runConcurrentTest");
            if (key[0].equals("fixed")) {
                run.put("explored", 1000); // a fixed run goes through its whole budget
            }
            write(run);
        }
        write(judgeCalibration("fixed"));
        write(judgeCalibration("buggy"));
        write(exploredTree("fixed"));
        write(exploredTree("buggy"));
        write(loadUnbound("fixed"));
        write(loadBounded());
        for (String mutant : MutantChecks.DEFINED_MUTANTS) { // the default build runs every mutant
            for (String harness : MutantChecks.DEFAULT_HARNESSES) {
                writeMutant(mutantVerdict(harness, mutant, mutant.equals("M0") ? null : "H1 racy: deadlock"));
            }
        }
        return this;
    }

    /** Records in every file the -Pstress build requires that it ran the -Pstress budget, as the harnesses write it. */
    private void withStressBudgets() {
        for (String engine : new String[] {"buggy", "fixed"}) {
            for (String scenario : new String[] {"H1", "H2"}) {
                editCounters(
                        "schedule-" + engine + "-" + scenario + ".json",
                        c -> c.putObject("plan").put("repetitions", 100).put("benignRepetitions", 3));
                editCounters(
                        "lincheck-" + engine + "-" + scenario + ".json",
                        c -> c.put("iterations", 30)
                                .put("invocationsPerIteration", 5000)
                                .put("budget", 150_000));
                editCounters(
                        "jcstress-" + engine + "-" + scenario + ".json",
                        c -> c.put("plan", "budget 20m: -f 4 (4 VMs per test) -iters 50 -time 1000 ms"));
            }
        }
        for (String threads : new String[] {"buggy-H1-threads", "buggy-H2-threads", "fixed-three-paths-threads"}) {
            editCounters(
                    "lincheck-" + threads + ".json",
                    c -> c.put("iterations", 1)
                            .put("invocationsPerIteration", 5000)
                            .put("budget", 5000));
        }
        edit("lincheck-fixed-three-paths-threads.json", run -> run.put("explored", 5000)); // its whole budget
        editCounters("load-buggy-H1.json", c -> {
            ArrayNode runs = c.putArray("runs");
            for (int i = 0; i < 20; i++) {
                runs.addObject().put("seconds", 4.5).put("hung", true);
            }
        });
        edit("load-fixed-H1.json", run -> run.put("explored", 100_000));
        editCounters("spin-buggy-H1.json", c -> c.put("sessions", 2).put("transactionsPerSession", 1));
        editCounters("spin-buggy-H2.json", c -> c.put("sessions", 2).put("transactionsPerSession", 1));
        editCounters("spin-fixed-H1.json", c -> c.put("sessions", 2).put("transactionsPerSession", 2));
        editCounters("spin-fixed-H2.json", c -> c.put("sessions", 2).put("transactionsPerSession", 2));
        editCounters("load-buggy-unbound.json", c -> {
            ArrayNode runs = c.putArray("runs");
            for (int i = 0; i < 10; i++) {
                runs.addObject().put("seconds", 1.5).put("hung", true);
            }
        });
    }

    /** A mutant run file as the stress module writes it; {@code killedBy} null means the mutant survived. */
    public static ObjectNode mutantVerdict(String harness, String mutant, String killedBy) {
        boolean killed = killedBy != null;
        ObjectNode run = base(
                harness,
                "mutant-" + mutant,
                "kill",
                4,
                "schedules",
                killed ? 1 : 0,
                killed ? 4L : null,
                1.5,
                killed ? "the evidence" : "",
                harness.equals("schedule"));
        ObjectNode counters = (ObjectNode) run.get("counters");
        counters.put("mutant", mutant)
                .put("title", "title of " + mutant)
                .put("change", "what " + mutant + " changed")
                .put("control", mutant.equals("M0"))
                .put("killed", killed)
                .put("killedBy", killedBy);
        if (harness.equals("schedule")) {
            counters.put("notExercised", 0);
        }
        if (harness.equals("explore")) {
            counters.put("exhaustive", !killed); // a survival ran every leaf; a kill ends the search
        }
        if (killed) {
            counters.put("secondsToKill", 1.25);
        } else {
            counters.putNull("secondsToKill");
        }
        return run;
    }

    /** Writes a mutant run file into the mutants sub-folder. */
    public ResultsFixture writeMutant(ObjectNode verdict) {
        String name =
                verdict.get("harness").asText() + "-" + verdict.get("engine").asText() + "-kill.json";
        return writeRaw(MutantMatrix.FOLDER + "/" + name, verdict.toPrettyString());
    }

    /** Every file the stress build expects, each sound, with JCStress's HTML report beside them. */
    public ResultsFixture goodStressSet() {
        goodDefaultSet();
        for (String mutant : MutantChecks.STRESS_MUTANTS) {
            for (String harness : MutantChecks.STRESS_HARNESSES) {
                writeMutant(mutantVerdict(harness, mutant, mutant.equals("M0") ? null : "killed by " + harness));
            }
        }
        for (String engine : new String[] {"buggy", "fixed"}) {
            for (String scenario : new String[] {"H1", "H2"}) {
                write(jcstress(engine, scenario));
            }
            write(load(engine));
            write(loadUnbound(engine));
            write(exploredTree(engine, "client-moves"));
            write(exploredTree(engine, "stale"));
        }
        write(loadNoAbort());
        write(jcstress("fixed", "outcomes"));
        for (String scenario : new String[] {"H1-wide", "H2-wide"}) {
            write(spin("fixed", scenario));
            editCounters(
                    "spin-fixed-" + scenario + ".json",
                    c -> c.put("sessions", 3).put("transactionsPerSession", 1));
        }
        withStressBudgets();
        try {
            Path report = root.resolve("stress/target/jcstress-report");
            Files.createDirectories(report);
            Files.writeString(report.resolve("index.html"), "<html><body>jcstress</body></html>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public static ObjectNode base(
            String harness,
            String engine,
            String scenario,
            long explored,
            String unit,
            long hangs,
            Long firstHangAt,
            double seconds,
            String evidence,
            boolean armed) {
        ObjectNode run = JSON.createObjectNode();
        run.put("harness", harness)
                .put("engine", engine)
                .put("scenario", scenario)
                .put("explored", explored)
                .put("unit", unit)
                .put("hangs", hangs)
                .put("lostVerdicts", 0);
        if (firstHangAt == null) {
            run.putNull("firstHangAt");
        } else {
            run.put("firstHangAt", firstHangAt);
        }
        run.put("seconds", seconds).put("evidence", evidence).put("failpointsArmed", armed);
        ArrayNode hit = run.putArray("failpointsHit");
        if (armed) {
            hit.add("waiter.begin").add("completion.post").add("teardown.cancel");
        }
        run.putObject("counters");
        ObjectNode p = run.putObject("provenance");
        p.put("runId", harness + "-" + engine + "-" + scenario + "-run")
                .put("buildId", BUILD_ID)
                .put("commit", COMMIT)
                .put("jdk", "17.0.15")
                .put("cores", 2)
                .put("startedAt", "2026-11-29T11:30:23.615Z");
        return run;
    }

    public static ObjectNode schedule(String engine, String scenario) {
        boolean buggy = engine.equals("buggy");
        boolean h1 = scenario.equals("H1");
        String evidence = buggy && h1
                ? "Java-level deadlock, 2 threads:\n  \"watcher-70\"\n      holds BuggyCoordinator$SessionLock@3d39\n"
                        + "      wants BuggyCoordinator$RegistryLock@624d  (blocked at BuggyCoordinator.teardown("
                        + "BuggyCoordinator.java:88))\n  \"completion-1\"\n      holds BuggyCoordinator$RegistryLock@624d\n"
                        + "      wants BuggyCoordinator$SessionLock@3d39  (blocked at BuggyCoordinator.complete("
                        + "BuggyCoordinator.java:72))\nHUNG: deadlock between 2 threads"
                : buggy ? "HUNG: waiting forever: Session-/127.0.0.1:39068" : "completed: 250 2.6.0 Message accepted";
        ObjectNode run = base(
                "schedule",
                engine,
                scenario,
                20,
                "schedules",
                buggy ? 20 : 0,
                buggy ? 1L : null,
                buggy ? 12.5 : 3.0,
                evidence,
                true);
        ObjectNode c = (ObjectNode) run.get("counters");
        c.put("notExercised", 0)
                .put("probesUnanswered", buggy && h1 ? 20 : 0)
                .put("deadlockCycles", buggy && h1 ? 20 : 0)
                .put("stuckWaiterRuns", buggy ? 20 : 0)
                .put("benignRuns", 3)
                .put("benignHangs", 0)
                .put("messagesStored", buggy ? 0 : 20);
        ArrayNode locks = c.putArray("lockClasses");
        ArrayNode methods = c.putArray("cycleMethods");
        if (buggy && h1) {
            locks.add(REGISTRY_LOCK).add(SESSION_LOCK);
            methods.add("BuggyCoordinator.complete").add("BuggyCoordinator.teardown");
        }
        ArrayNode monitors = c.putArray("monitorsHeldAtFailpoints");
        if (buggy) {
            monitors.add("completion.post: " + REGISTRY_LOCK);
        }
        c.put("maxRunMillis", 900);
        return run;
    }

    public static ObjectNode lincheck(String engine, String scenario) {
        boolean buggy = engine.equals("buggy");
        ObjectNode run = base(
                "lincheck",
                engine,
                scenario,
                buggy ? 412 : 10_000,
                "invocations",
                buggy ? 1 : 0,
                buggy ? 412L : null,
                buggy ? 2.1 : 8.4,
                buggy
                        ? "= The execution has hung =\n| complete() | teardown() |\nAll unfinished threads are in deadlock"
                        : "10 iterations x 1000 invocations, linearizable",
                false);
        boolean exhaustive = !buggy && scenario.equals("H2");
        ((ObjectNode) run.get("counters"))
                .put("exhaustive", exhaustive)
                .put(
                        "exhaustiveWhy",
                        buggy
                                ? "not asked: the run stopped at a failure after 412 invocations"
                                : exhaustive
                                        ? "Lincheck's model checker reported no interleaving left (nextInvocation() false)"
                                                + " after 26 invocations of a budget of 10000"
                                        : "Lincheck's model checker still had interleavings left when the budget of 10000"
                                                + " invocations ran out (nextInvocation() true)")
                .put("iterations", 10)
                .put("invocationsPerIteration", 1000)
                .put("budget", 10_000)
                .put("failure", buggy ? "hang: all unfinished threads in deadlock" : "none");
        return run;
    }

    /** SPIN on a coordinator's model as SpinModelTest writes it: engine-buggy's trails end in the scenario's hang. */
    public static ObjectNode spin(String engine, String scenario) {
        boolean buggy = engine.equals("buggy");
        boolean h1 = scenario.equals("H1");
        long states = buggy ? (h1 ? 3446 : 266) : (h1 ? 3_938_014 : 127_422);
        long errors = buggy ? (h1 ? 9 : 1) : 0;
        ObjectNode run = base(
                "spin",
                engine,
                scenario,
                states,
                "states",
                errors,
                buggy ? 1L : null,
                1.3,
                buggy
                        ? "first error: invalid end state; lock cycle: thread 2 holds [sessionLock[0]] and is queued for"
                                + " registry; thread 0 holds [registry] and is queued for sessionLock[0]"
                        : "no error",
                false);
        ((ObjectNode) run.get("counters"))
                .put("exhaustive", true)
                .put("statesStored", states)
                .put("depthReached", 71)
                .put("errors", errors)
                .put("trailsReplayed", errors)
                .put("lockCycles", buggy && h1 ? 4 : 0)
                .put("waitersNeverWoken", buggy ? (h1 ? 5 : 1) : 0)
                .put("otherErrors", 0)
                .putArray("truncatedBy");
        // A model has no failpoints and no bounded wait: SpinResults writes both as not observed, with why.
        run.putNull("lostVerdicts").putNull("failpointsArmed");
        run.putObject("notObserved")
                .put("lostVerdicts", "the model's waiter waits unbounded")
                .put("failpointsArmed", "a model, not the engine");
        ObjectNode counters = (ObjectNode) run.get("counters");
        counters.put("sessions", 1).put("transactionsPerSession", 1).putNull("notReplayable");
        // What spin -d and -I show of the models: engine-buggy's sessions share the registry's monitor.
        ObjectNode coupling = counters.putObject("sessionCoupling");
        ArrayNode shared = coupling.putArray("sharedGlobals");
        if (buggy) {
            shared.add("registry");
        }
        coupling.putArray("ghosts").add("waiters");
        coupling.putArray("foreignAccesses");
        ArrayNode replays = counters.putArray("trailReplays");
        for (int trail = 1; trail <= errors; trail++) {
            // every trail run exactly by the engine, and ending there as in SPIN
            String kind = buggy && h1 && trail <= 4 ? "LOCK_CYCLE" : "WAITER_NEVER_WOKEN";
            String ending = kind.equals("LOCK_CYCLE") ? "LOCK_CYCLE" : "WAITER_NEVER_WAKES";
            replays.addObject()
                    .put("trail", trail)
                    .put("printed", "waiter.begin,waiter.checked,completion.begin,completion.post")
                    .put("order", "waiter.begin,completion.begin,completion.post,waiter.checked")
                    .put("spinKind", kind)
                    .put("engineOrder", "waiter.begin,completion.begin,completion.post,waiter.checked")
                    .put("engineEnding", ending)
                    .put("exact", true)
                    .put("agree", true)
                    .put("why", "");
        }
        counters.put("trailsAgreeing", errors);
        if (h1) {
            for (String tree : new String[] {"single", "client-moves", "stale"}) {
                ObjectNode leaves = counters.putObject(
                                switch (tree) {
                                    case "single" -> "failpointLeaves";
                                    case "client-moves" -> "failpointLeavesWithClientMoves";
                                    default -> "failpointLeavesStale";
                                })
                        .put("searchCompleted", true)
                        .put("leaves", TreeSize.of(engine, tree).leaves());
                leaves.putArray("ordersWithSeveralEndings");
                leafRows(leaves.putArray("orders"), engine, tree);
            }
        }
        return run;
    }

    /** A tree's leaves by ending, as the explorer and SPIN count them on this machine's engines. */
    record TreeSize(long completed, long lockCycles, long waiters) {
        static TreeSize of(String engine, String tree) {
            boolean fixed = engine.equals("fixed");
            return switch (tree) {
                case "single" -> fixed ? new TreeSize(134, 0, 0) : new TreeSize(20, 20, 24);
                case "client-moves" -> fixed ? new TreeSize(771, 0, 0) : new TreeSize(83, 120, 180);
                default -> fixed ? new TreeSize(2683, 0, 0) : new TreeSize(278, 20, 232);
            };
        }

        long leaves() {
            return completed + lockCycles + waiters;
        }
    }

    /** The leaves of one of the explorer's trees (and SPIN's count of them), completed first, then the hangs. */
    public static ArrayNode leafRows(ArrayNode rows, String engine, String tree) {
        TreeSize size = TreeSize.of(engine, tree);
        for (int i = 0; i < size.leaves(); i++) {
            String ending = i < size.completed()
                    ? "COMPLETED"
                    : i < size.completed() + size.lockCycles() ? "LOCK_CYCLE" : "WAITER_NEVER_WAKES";
            rows.addObject().put("order", "completion.begin,leaf-" + i).put("ending", ending);
        }
        return rows;
    }

    /** The specification's control as FixedLincheckTest writes it: Lincheck rejected a check decided twice. */
    public static ObjectNode lincheckControl() {
        ObjectNode run = base(
                "lincheck",
                "control",
                "spec",
                37,
                "invocations",
                0,
                null,
                0.4,
                "= Invalid execution results =\n| complete(): DELIVERED | teardown(): CANCELLED |",
                false);
        ((ObjectNode) run.get("counters"))
                .put("iterations", 10)
                .put("invocationsPerIteration", 1000)
                .put("budget", 10_000)
                .put("failure", "other: = Invalid execution results =");
        return run;
    }

    /** The explorer's single tree of one transaction: engine-buggy's with hanging leaves, engine-fixed's without. */
    public static ObjectNode exploredTree(String engine) {
        return exploredTree(engine, "single");
    }

    /** One of the explorer's trees ({@code single}, {@code client-moves}, {@code stale}) on {@code engine}. */
    public static ObjectNode exploredTree(String engine, String tree) {
        boolean buggy = engine.equals("buggy");
        TreeSize size = TreeSize.of(engine, tree);
        ObjectNode run = base(
                "explore",
                engine,
                tree,
                size.leaves(),
                "leaves",
                size.lockCycles() + size.waiters(),
                buggy ? 1L : null,
                30.0,
                buggy ? "first hanging leaf: ./lab replay --engine buggy --order completion.begin,..." : "",
                true);
        ObjectNode counters = (ObjectNode) run.get("counters");
        counters.put("exhaustive", true);
        counters.put("waitedPastTheTeardown", 0);
        counters.putObject("endings")
                .put("completed", size.completed())
                .put("lock-cycle", size.lockCycles())
                .put("waiter-never-wakes", size.waiters())
                .put("wrong-result", 0)
                .put("not-exercised", 0);
        ObjectNode assumptions = counters.putObject("assumptions");
        ObjectNode held = assumptions.putObject("monitorsHeldAtFailpoints");
        held.putArray("completion.post");
        if (buggy) {
            ((ArrayNode) held.get("completion.post")).add("BuggyCoordinator$RegistryLock");
        }
        assumptions.put("noMonitorAtAnyFailpoint", !buggy);
        leafRows(counters.putArray("leaves"), engine, tree);
        return run;
    }

    /**
     * The judge's calibration on one engine: two cells, engine-buggy hung in every aborting run, engine-fixed never.
     */
    public static ObjectNode judgeCalibration(String engine) {
        boolean buggy = engine.equals("buggy");
        ObjectNode run = base(
                "judge",
                engine,
                "calibration",
                6,
                "runs",
                buggy ? 3 : 0,
                buggy ? 1L : null,
                80.0,
                buggy ? "c16-a0.3, run 1: lock-cycle: ..." : "",
                false);
        ArrayNode cells = ((ObjectNode) run.get("counters")).putArray("cells");
        for (String cell : new String[] {"c16-a0.3", "c16-a0"}) {
            boolean aborting = cell.equals("c16-a0.3");
            long hangs = buggy && aborting ? 3 : 0;
            ObjectNode row = cells.addObject()
                    .put("cell", cell)
                    .put("abortRate", aborting ? 0.3 : 0.0)
                    .put("n", 3)
                    .put("runsPlanned", 3)
                    .put("untilFirstHang", false)
                    .put("hangs", hangs)
                    .put("lockCycles", hangs)
                    .put("stuckSessions", 0)
                    .put("stoppedServers", 0);
            if (buggy) {
                row.put("detection", hangs / 3.0).put("detectionLower95", hangs == 3 ? 0.368 : 0.0);
            } else {
                row.put("falseAlarmUpper95", 0.632)
                        .put("probeP99MillisMax", 85)
                        .put("probeMaxMillis", 120)
                        .put("refused", 0)
                        .put("notServed", 0)
                        .put("assumptionsNotHeld", 0);
            }
        }
        return run;
    }

    /**
     * engine-buggy's calibration as the default build writes it when its first run hangs: the aborting cell stopped
     * there (1 run of up to 3), with no detection rate.
     */
    public ResultsFixture buggyCalibrationStoppedAtItsFirstHang() {
        return edit("judge-buggy-calibration.json", run -> {
            ((ObjectNode) run.get("counters").get("cells").get(0))
                    .put("n", 1)
                    .put("hangs", 1)
                    .put("lockCycles", 1)
                    .put("untilFirstHang", true)
                    .putNull("detection")
                    .putNull("detectionLower95");
            run.put("explored", 4).put("hangs", 1);
        });
    }

    /** The load harness's no-abort control on engine-buggy: no client left mid-check, so no cycle. */
    public static ObjectNode loadNoAbort() {
        ObjectNode run = load("fixed");
        run.put("engine", "buggy").put("scenario", "no-abort").put("evidence", "no lock cycle; threads at end: 0");
        return run;
    }

    public static ObjectNode jcstress(String engine, String scenario) {
        boolean buggy = engine.equals("buggy");
        ObjectNode run = base(
                "jcstress",
                engine,
                scenario,
                2_000_000,
                "samples",
                buggy ? 3 : 0,
                buggy ? 51_234L : null,
                120.0,
                buggy
                        ? "STALE        3   ERROR   the waiter never woke\nTERMINATED 1999997 ACCEPTABLE"
                        : "TERMINATED 2000000",
                false);
        ObjectNode c = (ObjectNode) run.get("counters");
        c.putObject("detectionRate").put("found", buggy ? 3 : 0).put("samples", 2_000_000);
        c.put("forks", 5)
                .put("jcstressReport", "target/jcstress-report")
                .put("forbiddenSamples", 0)
                .put("staleSamples", buggy ? 3 : 0)
                .put("timedOutForks", 0)
                .put("watchdogHungKills", 0)
                .put("watchdogDeadlockKills", 0);
        c.putArray("threadDumps");
        return run;
    }

    public static ObjectNode load(String engine) {
        boolean buggy = engine.equals("buggy");
        // As the load harness writes it: explored counts answered transactions, the first hung one comes next.
        ObjectNode run = base(
                "load",
                engine,
                "H1",
                buggy ? 1413 : 3000,
                "transactions",
                buggy ? 1 : 0,
                buggy ? 1414L : null,
                30.0,
                buggy ? "Java-level deadlock, 2 threads: (hang report)" : "",
                false);
        ObjectNode c = (ObjectNode) run.get("counters");
        ArrayNode series = c.putArray("series");
        for (int t = 0; t < 30; t++) {
            ObjectNode point = series.addObject().put("t", t);
            if (buggy && t >= 14) {
                point.put("transactions", 0).putNull("probeMillis").put("probeUnanswered", true);
            } else if (!buggy && t % 10 == 9) {
                point.put("transactions", 100).putNull("probeMillis").put("probeUnanswered", false); // no probe
            } else {
                point.put("transactions", buggy ? 100 + (t % 3) : 100)
                        .put("probeMillis", 4.5 + t % 4)
                        .put("probeUnanswered", false);
            }
        }
        if (buggy) {
            c.put("stoppedRespondingAt", 14);
        } else {
            c.putNull("stoppedRespondingAt");
        }
        c.put("transactionsAnswered", buggy ? 1413 : 3000)
                .put("messagesStored", buggy ? 1300 : 2990)
                .put("accepted250", buggy ? 1300 : 2990)
                .put("accepted250Missing", 0)
                .put("unanswered", buggy ? 40 : 0)
                .put("closeWait", buggy ? 37 : 0)
                .put("threadsAtStart", 20)
                .put("threadsAtEnd", buggy ? 80 : 0);
        c.putObject("detectionRate").put("found", buggy ? 1 : 0).put("samples", 1);
        // One hang in 30 s: Poisson 95% bounds 0.000844 and 0.158 per second; 0 hangs: 0 and 0.0999.
        c.putObject("detectionBound")
                .put("hangs", buggy ? 1 : 0)
                .put("seconds", 30.0)
                .put("perSecondLower95", buggy ? 0.000844 : 0)
                .put("perSecondUpper95", buggy ? 0.158 : 0.0999)
                .put("budgetSeconds", 30);
        c.put("missChanceAtBudget", buggy ? 0.975 : 1.0);
        ObjectNode audit = c.putObject("assumptions").put("looks", 30).put("held", !buggy);
        ObjectNode order = audit.putObject("lockOrder").put("threadsSeen", 1200);
        order.putArray("edges").add("sun.nio.ch.Util$2 -> sun.nio.ch.EPollSelectorImpl");
        ArrayNode cycle = order.putArray("cycle");
        if (buggy) {
            cycle.add(REGISTRY_LOCK).add(SESSION_LOCK).add(REGISTRY_LOCK);
        }
        ObjectNode waits = audit.putObject("serviceThreadWaits")
                .put("seenWaitingInQueue", 90)
                .put("seenWaitingElsewhere", buggy ? 1 : 0)
                .put("monitorBlocksWhereNoneAllowed", buggy ? 1 : 0);
        waits.putArray("waitsElsewhere");
        ArrayNode methods = c.putArray("cycleMethods");
        ArrayNode locks = c.putArray("lockClasses");
        if (buggy) {
            methods.add("BuggyCoordinator.teardown").add("BuggyCoordinator.complete");
            locks.add(SESSION_LOCK).add(REGISTRY_LOCK);
        }
        return run;
    }

    /** A load run through Unbound resolving from NSD, as UnboundLoadTest writes it (no DNS fault injected). */
    public static ObjectNode loadUnbound(String engine) {
        ObjectNode run = load(engine);
        run.put("scenario", "unbound");
        ((ObjectNode) run.get("counters"))
                .putObject("plan")
                .put("clients", 16)
                .put("abortRate", 0.3)
                .put(
                        "dnsServer",
                        "unbound 1.17.1 at 127.0.0.1:35998 (pid 5903, stub zones [example.]) -> NSD version"
                                + " 4.6.1 at 127.0.0.1:47662 (pid 5897, the lab zone as a master file)")
                .put("dnsFaultsInjected", false);
        return run;
    }

    /**
     * engine-fixed with its wait bounded, as BoundedFixedLoadTest writes it: checks ended on both sides of the bound.
     */
    public static ObjectNode loadBounded() {
        ObjectNode run = load("fixed");
        run.put("scenario", "bounded");
        ObjectNode c = (ObjectNode) run.get("counters");
        c.put("replies2xx", 2100).put("timedOutAtBound", 900);
        c.putObject("plan")
                .put("clients", 16)
                .put("abortRate", 0.3)
                .put("dnsLatencyMillis", 20)
                .put("dnsJitterMillis", 100)
                .put("verdictWaitBoundMillis", 90);
        return run;
    }

    /** Writes {@code run} under the name its content gives. */
    public ResultsFixture write(ObjectNode run) {
        return writeAs(
                run.get("harness").asText() + "-" + run.get("engine").asText() + "-"
                        + run.get("scenario").asText() + ".json",
                run);
    }

    public ResultsFixture writeAs(String fileName, ObjectNode run) {
        try {
            return writeRaw(fileName, JSON.writeValueAsString(run));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ResultsFixture writeRaw(String fileName, String text) {
        try {
            Path file = resultsDir.resolve(fileName);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a written file, lets {@code edit} doctor it, and writes it back. */
    public ResultsFixture edit(String fileName, Consumer<ObjectNode> edit) {
        try {
            ObjectNode run =
                    (ObjectNode) JSON.readTree(resultsDir.resolve(fileName).toFile());
            edit.accept(run);
            return writeAs(fileName, run);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Doctors a file's counters. */
    public ResultsFixture editCounters(String fileName, Consumer<ObjectNode> edit) {
        return edit(fileName, run -> edit.accept((ObjectNode) run.get("counters")));
    }

    public ResultsFixture delete(String fileName) {
        try {
            Files.delete(resultsDir.resolve(fileName));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public LabResults read() {
        return ResultsFolder.read(resultsDir);
    }

    public GateDecision judge(GateProfile profile) {
        return Gate.judge(read(), profile);
    }
}
