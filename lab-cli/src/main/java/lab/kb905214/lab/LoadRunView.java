package lab.kb905214.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lab.kb905214.engine.hang.LockCycle;
import lab.kb905214.stress.judge.HangProof;
import lab.kb905214.stress.load.LoadRun;
import lab.kb905214.stress.load.ProbeLatencies;

/** One engine's load run as {@code lab reproduce} shows it: the headline, the table column, and the JSON object. */
final class LoadRunView {
    private final LoadRun run;
    private final Path resultsFile;

    LoadRunView(LoadRun run, Path resultsFile) {
        this.run = run;
        this.resultsFile = resultsFile;
    }

    /** The run itself. */
    LoadRun run() {
        return run;
    }

    /** "engine-buggy" or "engine-fixed". */
    String name() {
        return "engine-" + run.engine();
    }

    /**
     * Whether the engine held: no hang, every transaction answered, every 250 stored exactly once. Only this counts
     * as the fix holding; a single lost message is as much a failure as a hang.
     */
    boolean held() {
        return !run.hung() && run.unanswered() == 0 && run.accepted250Missing().isEmpty();
    }

    /** The one-sentence result, with the kind of proof beside a hang. */
    String headline() {
        if (run.hung()) {
            HangProof proof = run.proof().get();
            return String.format(
                    Locale.ROOT,
                    "%s: HUNG (proof: %s), %s; %,d transactions answered in %.1f s",
                    name(),
                    proof.kind(),
                    whatTheProofShows(proof),
                    run.transactionsAnswered(),
                    run.seconds());
        }
        if (held()) {
            return String.format(
                    Locale.ROOT,
                    "%s: held (no lock cycle, no stuck session, never stopped): answered all "
                            + "%,d transactions, all %,d accepted messages stored",
                    name(),
                    run.transactionsAnswered(),
                    run.replies2xx());
        }
        return String.format(
                Locale.ROOT,
                "%s: no hang, but %,d transactions got no reply and %d accepted messages "
                        + "are not stored exactly once",
                name(),
                run.unanswered(),
                run.accepted250Missing().size());
    }

    private String whatTheProofShows(HangProof proof) {
        if (proof instanceof HangProof.LockCycleSeen cycle) {
            return String.format(
                    Locale.ROOT,
                    "a lock cycle of %d threads seen %.1f s into the run, the last answer " + "at %.1f s",
                    cycle.cycle().links().size(),
                    cycle.seenAt(),
                    run.lastAnswerAt());
        }
        if (proof instanceof HangProof.StuckSessions stuck) {
            return String.format(
                    Locale.ROOT,
                    "%d session(s) in one unbroken wait for their verdict for over %.0f s "
                            + "(a verdict that never reached its session: H2 on engine-buggy; the server went on answering the others)",
                    stuck.sessions().size(),
                    stuck.limit().toMillis() / 1e3);
        }
        HangProof.StoppedServer stopped = (HangProof.StoppedServer) proof;
        return String.format(
                Locale.ROOT,
                "nothing answered from %.1f s to %.1f s (window %.0f s)",
                stopped.lastProgressAt(),
                stopped.detectedAt(),
                stopped.window().toMillis() / 1e3);
    }

    /** The details under the headline, each line indented. */
    List<String> details() {
        List<String> lines = new ArrayList<>();
        run.proof().ifPresent(proof -> {
            // The proof's first lines say what was seen; the stacks are in the results file.
            List<String> proofLines =
                    proof.describe().replace("app//", "").lines().toList();
            int shown = 0;
            for (String line : proofLines) {
                if (shown++ >= PROOF_LINES) {
                    lines.add("  ... (" + (proofLines.size() - PROOF_LINES)
                            + " more lines of proof in the results file)");
                    break;
                }
                lines.add("  " + line);
            }
        });
        if (run.hung()) {
            lines.add("  " + closeWaitText() + (run.closeWait() > 0 ? " (KB918283's signature)" : ""));
        }
        ProbeLatencies probes = run.probes();
        lines.add(String.format(
                Locale.ROOT,
                "  latency of a fresh transaction (probes, connect to the reply to the final dot): p50 %s, "
                        + "p90 %s, p99 %s, max %s over %,d probes; %,d refused (421), %,d unanswered",
                ms(probes.p50Millis()),
                ms(probes.p90Millis()),
                ms(probes.p99Millis()),
                ms(probes.maxMillis()),
                probes.answered(),
                probes.refused(),
                probes.unanswered()));
        if (run.notServed() > 0) {
            lines.add(String.format(
                    Locale.ROOT,
                    "  saturated: %,d connections timed out before their final dot (not "
                            + "greeted from the accept backlog within %.0f s): no check was in flight, so no reply was lost",
                    run.notServed(),
                    run.limits().stoppedAfter().toMillis() / 1e3));
        }
        if (run.refused() > 0) {
            lines.add(String.format(
                    Locale.ROOT,
                    "  saturated: %,d connections refused with 421 at the connection limit "
                            + "(%d): an answer, not a hang",
                    run.refused(),
                    run.plan().connectionLimit()));
        }
        lines.add(String.format(
                Locale.ROOT,
                "  replies to the final dot: %,d x 2xx, %,d x 4xx, %,d x 5xx; %,d transactions "
                        + "abandoned by their clients right after the dot; %,d messages in the Maildir",
                run.replies2xx(),
                run.replies4xx(),
                run.replies5xx(),
                run.aborted(),
                run.storedMessages()));
        if (!run.accepted250Missing().isEmpty()) {
            lines.add("  answered 250 but not stored exactly once: " + String.join(", ", run.accepted250Missing()));
        }
        if (run.unanswered() > 0) {
            lines.add(String.format(
                    Locale.ROOT,
                    "  %,d transactions got no reply within %.0f s",
                    run.unanswered(),
                    run.limits().stoppedAfter().toMillis() / 1e3));
        }
        lines.add("  results: " + LabPaths.show(resultsFile));
        return lines;
    }

    /** How many lines of a proof the terminal shows; the results file has all of it. */
    private static final int PROOF_LINES = 24;

    private static String ms(long millis) {
        return millis < 0 ? "-" : millis + " ms";
    }

    private String closeWaitText() {
        return run.closeWait() < 0
                ? "connections in CLOSE_WAIT: unknown (ss is not available)"
                : String.format(Locale.ROOT, "%d client connections left in CLOSE_WAIT", run.closeWait());
    }

    /** This run's column of the side-by-side table, row by row (see {@link #ROWS}). */
    List<String> column() {
        return List.of(
                String.format(Locale.ROOT, "%.1f s", run.seconds()),
                run.proof().map(p -> "HUNG: " + p.kind()).orElse(held() ? "held" : "not held"),
                run.stoppedRespondingAt()
                        .map(at -> String.format(Locale.ROOT, "after %.1f s", at))
                        .orElse("never"),
                String.format(Locale.ROOT, "%,d", run.transactionsAnswered()),
                run.cycle().map(c -> "yes, " + c.links().size() + " threads").orElse("none"),
                String.valueOf(run.stuckSessions().size()),
                String.format(
                        Locale.ROOT,
                        "%s / %s",
                        ms(run.probes().p99Millis()),
                        ms(run.probes().maxMillis())),
                String.format(Locale.ROOT, "%,d", run.refused()),
                String.format(
                        Locale.ROOT,
                        "%,d / %d",
                        run.replies2xx(),
                        run.accepted250Missing().size()),
                run.closeWait() < 0 ? "unknown" : String.valueOf(run.closeWait()));
    }

    /** The rows of the side-by-side table. */
    static final List<String> ROWS = List.of(
            "ran for",
            "verdict (proof)",
            "stopped responding",
            "transactions answered",
            "deadlock (lock cycle)",
            "sessions stuck",
            "probe p99 / max",
            "refused (421)",
            "250 replies / not stored",
            "CLOSE_WAIT connections");

    /** The run as {@code --json} prints it. */
    Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("engine", run.engine().id());
        out.put("hung", run.hung());
        out.put("proof", run.hangKind().orElse(null));
        out.put("held", held());
        out.put(
                "afterSeconds",
                run.stoppedRespondingAt().map(LoadRunView::round).orElse(null));
        out.put("seconds", round(run.seconds()));
        out.put("transactions", run.transactionsAnswered());
        out.put("replies2xx", run.replies2xx());
        out.put("replies4xx", run.replies4xx());
        out.put("replies5xx", run.replies5xx());
        out.put("aborted", run.aborted());
        out.put("unanswered", run.unanswered());
        out.put("cycle", run.cycle().map(LoadRunView::links).orElse(List.of()));
        out.put("stuckSessions", run.stuckSessions().size());
        out.put("refused", run.refused());
        out.put("notServed", run.notServed());
        out.put("probeP50Millis", run.probes().p50Millis());
        out.put("probeP90Millis", run.probes().p90Millis());
        out.put("probeP99Millis", run.probes().p99Millis());
        out.put("probeMaxMillis", run.probes().maxMillis());
        out.put("closeWait", run.closeWait());
        out.put("storedMessages", run.storedMessages());
        out.put("accepted250Missing", run.accepted250Missing());
        out.put("engineThreadsLeft", run.threadsAtEnd());
        out.put("resultsFile", resultsFile.toAbsolutePath().toString());
        return out;
    }

    private static List<Map<String, String>> links(LockCycle cycle) {
        List<Map<String, String>> links = new ArrayList<>();
        for (LockCycle.Link link : cycle.links()) {
            Map<String, String> out = new LinkedHashMap<>();
            out.put("thread", link.thread());
            out.put("holds", link.holds());
            out.put("heldAt", link.heldAt().replace("app//", ""));
            out.put("wants", link.wants());
            out.put("blockedAt", link.blockedAt().replace("app//", ""));
            links.add(out);
        }
        return links;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }
}
