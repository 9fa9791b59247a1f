package lab.kb905214.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommandScannerTest {
    private final CommandScanner scanner = new CommandScanner();

    private CommandScanner.Marks scan(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return scanner.scan(b, 0, b.length);
    }

    @Test
    void findsTheEndOfDataAndAQuitAfterIt() {
        CommandScanner.Marks marks = scan("body\r\n.\r\nQUIT\r\n");
        assertThat(marks.terminatorEnd()).isEqualTo(9);
        assertThat(marks.lastResetEnd()).isEqualTo(15);
    }

    @Test
    void followsLinesAcrossChunks() {
        assertThat(scan("body\r").terminatorEnd()).isEqualTo(-1);
        assertThat(scan("\n.").terminatorEnd()).isEqualTo(-1);
        CommandScanner.Marks marks = scan("\r\nrs");
        assertThat(marks.terminatorEnd()).isEqualTo(2);
        assertThat(scan("et  \r\n").lastResetEnd()).isEqualTo(6);
    }

    @Test
    void ignoresLookalikes() {
        assertThat(scan("QUITE\r\nRSET x\r\nQUIT\n..\r\n").lastResetEnd()).isEqualTo(-1);
        assertThat(scan("a\n.\r\n").terminatorEnd())
                .as("a dot after a bare LF ends nothing")
                .isEqualTo(-1);
        assertThat(scan("QUIT\rX\r\n").lastResetEnd()).isEqualTo(-1);
    }

    @Test
    void reportsTheLastResetLine() {
        assertThat(scan("RSET\r\nNOOP\r\nquit\r\nNOOP\r\n").lastResetEnd()).isEqualTo(18);
    }
}
