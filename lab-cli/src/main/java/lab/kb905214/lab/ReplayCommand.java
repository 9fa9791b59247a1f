package lab.kb905214.lab;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import lab.kb905214.engine.failpoint.Step;
import lab.kb905214.stress.explore.ClientMove;
import lab.kb905214.stress.explore.Explorer;
import lab.kb905214.stress.explore.Leaf;
import lab.kb905214.stress.explore.ReplayOrder;
import lab.kb905214.stress.explore.SessionsInterleaving;
import lab.kb905214.stress.rig.EngineKind;
import lab.kb905214.stress.schedule.Order;
import lab.kb905214.stress.schedule.Scenario;
import lab.kb905214.stress.schedule.ScheduleDriver;
import lab.kb905214.stress.schedule.ScheduleRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lab replay}: one deterministic schedule against one engine, printed step by step. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Replay one race step by step, the same way every run.",
            "",
            "Runs one deterministic schedule against a real engine over real sockets: failpoints hold the session, "
                    + "completion and watcher threads at the race windows and release them in the schedule's order. Prints "
                    + "the interleaving as it happened (thread, failpoint, monitors held), the lock cycle if there is one, "
                    + "then the outcome. Run-specific details (ports, lock identity hashes, queue names) are left out, so "
                    + "the same schedule prints the same text every run.",
            "",
            "H1: lock-order inversion. Completion takes the registry lock, then the session lock; the teardown that "
                    + "runs when the client leaves mid-check takes them the other way round.",
            "H2: lost wakeup. The verdict is posted between the session's look for it and its wait.",
            ""
        },
        sortOptions = false)
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--schedule",
            paramLabel = "SCHEDULE",
            converter = Arguments.ScenarioName.class,
            completionCandidates = Arguments.ScenarioCandidates.class,
            description = "the race to replay: H1, H2, STALE (a late completion after RSET), ERROR (an evaluation"
                    + " that ends in an error, posted in H2's windows) or TWO_SESSIONS (two sessions waiting while"
                    + " both verdicts are posted)")
    Scenario schedule;

    @Option(
            names = "--engine",
            required = true,
            paramLabel = "ENGINE",
            converter = EngineChoice.OneConverter.class,
            completionCandidates = EngineChoice.OneCandidates.class,
            description = "buggy or fixed")
    EngineKind engine;

    @Option(
            names = "--order",
            paramLabel = "STEP,STEP,...",
            split = ",",
            description = "an interleaving of the race windows, as the explorer prints its leaves (e.g. "
                    + "completion.begin,completion.post,teardown.cancel,waiter.begin,waiter.checked): the steps are "
                    + "released in this order, then the first step enabled wherever the order stops short. The "
                    + "client leaves right after its final dot when the order has a teardown step, and waits for its "
                    + "reply when it has none; client.leave (it closes the connection) or client.reset (it pipelines "
                    + "RSET) among the steps makes that move there instead, as SPIN's trails do; client.next sends "
                    + "the session's next transaction there, once the first is answered (a step named again after "
                    + "it is the second check's). An order of several sessions, as SPIN's trails of two sessions "
                    + "print it, names each label's session (quoted: \"client.send session 1,waiter.begin check 1,"
                    + "...\"): each label releases that session's thread, client.send sends that client's final dot, "
                    + "and each check's evaluation ends where its completion.begin stands")
    List<String> order;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if ((schedule == null) == (order == null)) {
            throw new ParameterException(spec.commandLine(), "give either --schedule or --order (one of them)");
        }
        if (order != null) {
            return replayOrder();
        }
        PrintWriter out = spec.commandLine().getOut();
        ScheduleRun run = ScheduleDriver.run(engine, schedule, Order.RACY);
        out.println("Schedule " + schedule + " (racy order) on engine-" + engine.engine() + ":");
        out.println("  releases "
                + String.join(
                        ", ", schedule.steps(Order.RACY).stream().map(Step::id).toList()));
        out.println();
        out.println(StableText.of(run.describe()));
        run.cycle().ifPresent(cycle -> {
            out.println();
            StableText.cycle(cycle).forEach(out::println);
        });
        out.println();
        out.println(outcome(run));
        out.flush();
        return run.exercised() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    // One interleaving (an explorer leaf, a SPIN trail's serial order): the steps released in order, the client's move,
    // what could go on at each depth, and the ending.
    private int replayOrder() throws IOException, InterruptedException {
        if (order.stream().anyMatch(label -> label.contains(" check ") || label.contains(" session "))) {
            return replaySessionsOrder();
        }
        ReplayOrder forced;
        try {
            forced = ReplayOrder.parse(order);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        Leaf leaf = Explorer.replay(engine, forced);
        out.println("Interleaving on engine-" + engine.engine() + " (" + clientMove(leaf.client())
                + "; each step released only when every race thread had settled):");
        out.println();
        for (int i = 0; i < leaf.order().size(); i++) {
            printClientMoveAt(out, leaf.client(), i);
            printNextAt(out, leaf.nextAt(), i);
            out.printf(
                    Locale.ROOT,
                    "  %d. release %-17s (could go on: %s)%n",
                    i + 1,
                    leaf.order().get(i).id(),
                    String.join(
                            ", ", leaf.enabled().get(i).stream().map(Step::id).toList()));
        }
        printClientMoveAt(out, leaf.client(), leaf.order().size());
        printNextAt(out, leaf.nextAt(), leaf.order().size());
        out.println();
        if (leaf.cycle().isPresent()) {
            StableText.cycle(leaf.cycle().get()).forEach(out::println);
            out.println();
        } else if (!leaf.evidence().isEmpty()) {
            out.println(StableText.of(leaf.evidence()));
        }
        out.println("Outcome: " + leaf.ending()
                + (leaf.probeReply().isEmpty()
                        ? ""
                        : "; a fresh transaction afterwards got: " + StableText.of(leaf.probeReply())));
        out.flush();
        return leaf.ending() == Leaf.Ending.NOT_EXERCISED ? ExitCodes.FAILED : ExitCodes.OK;
    }

    // An order of several sessions, each label its session's: the labels run, and how the engine ended.
    private int replaySessionsOrder() throws IOException, InterruptedException {
        SessionsInterleaving.Run run;
        try {
            run = SessionsInterleaving.run(engine, order);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Interleaving of several sessions on engine-" + engine.engine()
                + " (each label released only when every race thread had settled):");
        out.println();
        for (int i = 0; i < run.released().size(); i++) {
            out.printf(Locale.ROOT, "  %d. %s%n", i + 1, run.released().get(i));
        }
        out.println();
        out.println(StableText.of(run.evidence()));
        out.println("Outcome: " + run.ending());
        out.flush();
        return run.ending() == Leaf.Ending.NOT_EXERCISED ? ExitCodes.FAILED : ExitCodes.OK;
    }

    // A move among the steps gets its own line; the explorer's (the client leaves first) is said in the heading.
    private static void printClientMoveAt(PrintWriter out, ClientMove move, int depth) {
        if (move.kind() != ClientMove.Kind.STAY && !move.equals(ClientMove.LEAVES_FIRST) && move.atDepth() == depth) {
            out.println("     " + move.kind().id() + " (the client's move)");
        }
    }

    private static void printNextAt(PrintWriter out, int nextAt, int depth) {
        if (nextAt == depth) {
            out.println("     " + ReplayOrder.NEXT + " (the client, answered, sends its next transaction)");
        }
    }

    private static String clientMove(ClientMove move) {
        return switch (move.kind()) {
            case LEAVE ->
                move.atDepth() == 0
                        ? "a client leaves right after its final dot"
                        : "a client leaves after " + move.atDepth() + " step(s)";
            case RESET ->
                move.atDepth() == 0
                        ? "a client pipelines RSET behind its final dot"
                        : "a client pipelines RSET after " + move.atDepth() + " step(s)";
            case STAY -> "a client waits for its reply";
        };
    }

    private String outcome(ScheduleRun run) {
        String engineName = "engine-" + engine.engine();
        if (!run.exercised()) {
            return "Outcome: the schedule did not reach every failpoint it needed on " + engineName
                    + "; this run proves nothing.";
        }
        if (run.cycle().isPresent()) {
            return "Outcome: " + engineName + " HUNG. The completion thread and the watcher thread each hold the lock "
                    + "the other wants; the completion thread serves the whole virtual server, so no verdict is ever "
                    + "posted again and every session that reaches the end of DATA waits forever"
                    + (run.probeAnswered() ? "." : " (the probe got no reply).");
        }
        if (run.hung()) {
            return "Outcome: " + engineName + " HUNG. The verdict was posted while the session was between its look "
                    + "and its wait; the wakeup was lost, so that session waits forever while the server still "
                    + (run.probeAnswered()
                            ? "answers others (the probe got its reply)."
                            : "runs (the probe got no reply).");
        }
        return "Outcome: " + engineName + " completed the schedule: every released thread went on, "
                + (run.probeAnswered()
                        ? "and a fresh transaction afterwards got its reply."
                        : "but the probe got no reply.");
    }
}
