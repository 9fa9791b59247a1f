package lab.kb905214.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lab.kb905214.engine.hang.LockCycle;
import lab.kb905214.stress.load.LoadRun;

/** One engine's load run as {@code lab reproduce} shows it: the headline, the table column, and the JSON object. */
final class LoadRunView {
    // The load driver disconnects its clients before it looks for a cycle, and a client leaving mid-check is the
    // very event H1 needs: a cycle found while the server still answered may have formed at that moment.
    private static final String CYCLE_AT_END =
            " (the cycle may have formed as the run disconnected its clients: H1 needs a client to leave mid-check)";

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

    /** The one-sentence result. */
    String headline() {
        if (run.stoppedRespondingAt().isPresent()) {
            return String.format(Locale.ROOT, "%s: stopped responding after %.1f s and %,d transactions", name(),
                    run.stoppedRespondingAt().get(), run.transactionsAnswered());
        }
        if (run.hung()) {
            return String.format(Locale.ROOT, "%s: %s, found when the run ended after %.1f s and %,d transactions; "
                    + "the server had not stopped answering%s", name(), run.cycle().isPresent() ? "a lock cycle"
                            : run.stuckSessions().size() + " sessions hung waiting for their verdict (H2, lost wakeup)",
                    run.seconds(), run.transactionsAnswered(), run.cycle().isPresent() ? CYCLE_AT_END : "");
        }
        if (held()) {
            return String.format(Locale.ROOT, "%s: answered all %,d transactions, 0 hangs, all %,d accepted messages stored",
                    name(), run.transactionsAnswered(), run.replies2xx());
        }
        return String.format(Locale.ROOT, "%s: no hang, but %,d transactions got no reply and %d accepted messages "
                + "are not stored exactly once", name(), run.unanswered(), run.accepted250Missing().size());
    }

    /** The details under the headline, each line indented. */
    List<String> details() {
        List<String> lines = new ArrayList<>();
        run.cycle().ifPresent(cycle -> {
            for (String line : cycle.describe().split("\n")) {
                // "app//" is the class loader's name in a frame: noise to a reader.
                lines.add("  " + line.replace("app//", ""));
            }
        });
        if (!run.stuckSessions().isEmpty()) {
            lines.add(String.format(Locale.ROOT, "  %d session threads wait forever for a verdict%s",
                    run.stuckSessions().size(), run.cycle().isPresent()
                            ? " that the deadlocked completion thread will never post" : " (H2: lost wakeup)"));
        }
        if (run.hung()) {
            lines.add("  " + closeWaitText() + (run.closeWait() > 0 ? " (KB918283's signature)" : ""));
        }
        lines.add(String.format(Locale.ROOT, "  replies to the final dot: %,d x 2xx, %,d x 4xx, %,d x 5xx; %,d transactions "
                + "abandoned by their clients right after the dot; %,d messages in the Maildir",
                run.replies2xx(), run.replies4xx(), run.replies5xx(), run.aborted(), run.storedMessages()));
        if (!run.accepted250Missing().isEmpty()) {
            lines.add("  answered 250 but not stored exactly once: " + String.join(", ", run.accepted250Missing()));
        }
        if (run.unanswered() > 0) {
            lines.add(String.format(Locale.ROOT, "  %,d transactions got no reply within the client's timeout", run.unanswered()));
        }
        lines.add("  results: " + LabPaths.show(resultsFile));
        return lines;
    }

    private String closeWaitText() {
        return run.closeWait() < 0 ? "connections in CLOSE_WAIT: unknown (ss is not available)"
                : String.format(Locale.ROOT, "%d client connections left in CLOSE_WAIT", run.closeWait());
    }

    /** This run's column of the side-by-side table, row by row (see {@link #ROWS}). */
    List<String> column() {
        return List.of(
                String.format(Locale.ROOT, "%.1f s", run.seconds()),
                run.stoppedRespondingAt().map(at -> String.format(Locale.ROOT, "after %.1f s", at)).orElse("never"),
                String.format(Locale.ROOT, "%,d", run.transactionsAnswered()),
                run.cycle().map(c -> "yes, " + c.links().size() + " threads").orElse("none"),
                String.valueOf(run.stuckSessions().size()),
                String.format(Locale.ROOT, "%,d / %d", run.replies2xx(), run.accepted250Missing().size()),
                run.closeWait() < 0 ? "unknown" : String.valueOf(run.closeWait()));
    }

    /** The rows of the side-by-side table. */
    static final List<String> ROWS = List.of("ran for", "stopped responding", "transactions answered",
            "deadlock (lock cycle)", "sessions hung", "250 replies / not stored", "CLOSE_WAIT connections");

    /** The run as {@code --json} prints it. */
    Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("engine", run.engine());
        out.put("hung", run.hung());
        out.put("held", held());
        out.put("afterSeconds", run.stoppedRespondingAt().map(LoadRunView::round).orElse(null));
        out.put("seconds", round(run.seconds()));
        out.put("transactions", run.transactionsAnswered());
        out.put("replies2xx", run.replies2xx());
        out.put("replies4xx", run.replies4xx());
        out.put("replies5xx", run.replies5xx());
        out.put("aborted", run.aborted());
        out.put("unanswered", run.unanswered());
        out.put("cycle", run.cycle().map(LoadRunView::links).orElse(List.of()));
        out.put("stuckSessions", run.stuckSessions().size());
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
