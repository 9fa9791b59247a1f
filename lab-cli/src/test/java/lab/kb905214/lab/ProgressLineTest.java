package lab.kb905214.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import lab.kb905214.stress.load.LoadDriver;
import org.junit.jupiter.api.Test;

/** The progress line: rewritten in place on a terminal, one line per report otherwise. */
class ProgressLineTest {

    @Test
    void onATerminalTheLineIsRewrittenInPlace() {
        StringWriter err = new StringWriter();
        ProgressLine line = new ProgressLine(new PrintWriter(err), true, "engine-buggy");

        line.accept(new LoadDriver.Progress(1.0, 1234, 12L, 0.1));
        line.accept(new LoadDriver.Progress(2.0, 2345, null, 3.4));
        line.finish();

        assertThat(err.toString())
                .startsWith("\rengine-buggy")
                .contains("1,234 transactions answered")
                .contains("last probe 12 ms")
                .contains("\rengine-buggy    2.0 s")
                .contains("no answer to anyone for 3 s")
                .endsWith("\n")
                .doesNotContain("\n\r");
    }

    @Test
    void elsewhereEachReportIsALine() {
        StringWriter err = new StringWriter();
        ProgressLine line = new ProgressLine(new PrintWriter(err), false, "engine-fixed");

        line.accept(new LoadDriver.Progress(1.0, 10, 3L, 0.0));
        line.accept(new LoadDriver.Progress(2.0, 20, 4L, 0.2));
        line.finish();

        assertThat(err.toString()).doesNotContain("\r").hasLineCount(2);
    }
}
