package lab.kb905214.lab;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;
import lab.kb905214.stress.load.LoadDriver;

/**
 * The live progress of a load run on stderr: one line rewritten in place on a terminal, one line per report (about
 * once a second) otherwise, so a log file stays readable.
 */
final class ProgressLine implements Consumer<LoadDriver.Progress> {
    /** The system property the {@code ./lab} script sets to whether stderr is a terminal. */
    static final String TERMINAL_PROPERTY = "lab.stderr.tty";

    private final PrintWriter err;
    private final boolean terminal;
    private final String engine;
    private int lastLength;

    ProgressLine(PrintWriter err, boolean terminal, String engine) {
        this.err = err;
        this.terminal = terminal;
        this.engine = engine;
    }

    /** Whether stderr is a terminal, as the script saw it (without the script: whether the JVM has a console). */
    static boolean stderrIsTerminal() {
        String property = System.getProperty(TERMINAL_PROPERTY);
        // On JDK 17, which the lab runs on, System.console() is null exactly when there is no terminal.
        @SuppressWarnings("SystemConsoleNull")
        boolean terminal = System.console() != null;
        return property == null ? terminal : Boolean.parseBoolean(property);
    }

    @Override
    public void accept(LoadDriver.Progress progress) {
        String line = String.format(
                Locale.ROOT,
                "%-13s %5.1f s  %,9d transactions answered  %s",
                engine,
                progress.seconds(),
                progress.transactionsAnswered(),
                probe(progress));
        if (terminal) {
            // Pad over the previous line's tail: a shorter line must not leave old characters behind.
            int pad = Math.max(0, lastLength - line.length());
            err.print("\r" + line + " ".repeat(pad));
            lastLength = line.length();
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Ends the live line, so what follows starts on a line of its own. */
    void finish() {
        if (terminal && lastLength > 0) {
            err.println();
            err.flush();
        }
        lastLength = 0;
    }

    private static String probe(LoadDriver.Progress progress) {
        // Silence is shown as measured; only the judge, at the end, says whether it proves anything.
        if (progress.silentSeconds() >= 2) {
            return String.format(Locale.ROOT, "no answer to anyone for %.0f s", progress.silentSeconds());
        }
        return progress.lastProbeMillis() == null
                ? "last probe: -"
                : "last probe " + progress.lastProbeMillis() + " ms";
    }
}
