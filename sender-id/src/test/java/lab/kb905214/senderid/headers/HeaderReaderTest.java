package lab.kb905214.senderid.headers;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.IntFunction;
import lab.kb905214.senderid.headers.HeaderLimitException.Kind;
import org.junit.jupiter.api.Test;

class HeaderReaderTest {
    private final HeaderReader reader = new HeaderReader(HeaderLimits.defaults());

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(ISO_8859_1));
    }

    private static String rest(InputStream in) throws IOException {
        return new String(in.readAllBytes(), ISO_8859_1);
    }

    @Test
    void readsFieldsAndStopsAtTheEmptyLineLeavingTheBodyReadable() throws IOException {
        InputStream in = stream("From: a@example.com\r\nSubject: hi\r\n\r\nbody line\r\n\r\nFrom: not-a-header\r\n");

        List<HeaderField> fields = reader.read(in);

        assertThat(fields)
                .containsExactly(new HeaderField("From", " a@example.com"), new HeaderField("Subject", " hi"));
        assertThat(rest(in)).isEqualTo("body line\r\n\r\nFrom: not-a-header\r\n");
    }

    @Test
    void joinsFoldedLinesKeepingTheRawFolds() throws IOException {
        InputStream in = stream("Subject: one\r\n two\r\n\tthree\r\nTo: x@example.com\r\n\r\n");

        List<HeaderField> fields = reader.read(in);

        assertThat(fields).hasSize(2);
        assertThat(fields.get(0).rawValue()).isEqualTo(" one\r\n two\r\n\tthree");
        assertThat(fields.get(0).unfoldedValue()).isEqualTo(" one two\tthree");
        assertThat(fields.get(1).rawValue()).isEqualTo(" x@example.com");
    }

    @Test
    void acceptsBareLfLineEndsAndMixedOnes() throws IOException {
        InputStream lf = stream("Subject: one\n two\nTo: x\n\nbody\n");
        InputStream mixed = stream("Subject: one\r\n two\nTo: x\r\n\nbody\n");

        List<HeaderField> fromLf = reader.read(lf);
        List<HeaderField> fromMixed = reader.read(mixed);

        assertThat(fromLf).extracting(HeaderField::name).containsExactly("Subject", "To");
        assertThat(fromLf.get(0).rawValue()).isEqualTo(" one\n two");
        assertThat(fromLf.get(0).unfoldedValue()).isEqualTo(" one two");
        assertThat(fromMixed.get(0).unfoldedValue()).isEqualTo(" one two");
        assertThat(rest(lf)).isEqualTo("body\n");
        assertThat(rest(mixed)).isEqualTo("body\n");
    }

    @Test
    void aMessageWithoutBodyEndsAtEndOfInput() throws IOException {
        assertThat(reader.read(stream("From: a@example.com\r\nTo: b@example.com\r\n")))
                .extracting(HeaderField::name)
                .containsExactly("From", "To");
        assertThat(reader.read(stream("From: a@example.com\r\nSubject: no line end")))
                .containsExactly(new HeaderField("From", " a@example.com"), new HeaderField("Subject", " no line end"));
    }

    @Test
    void anEmptyFirstLineMeansNoHeaderAtAll() throws IOException {
        InputStream in = stream("\r\nFrom: this is body\r\n");

        assertThat(reader.read(in)).isEmpty();
        assertThat(rest(in)).isEqualTo("From: this is body\r\n");
        assertThat(reader.read(stream(""))).as("empty stream").isEmpty();
    }

    @Test
    void linesThatAreNotFieldsAreSkippedWithTheirContinuations() throws IOException {
        String section = "From sender@example.com Mon Jan  1 00:00:00 2024\r\n" // an mbox separator line
                + " a continuation of nothing\r\n"
                + "Subject: kept\r\n"
                + "this line has no colon\r\n"
                + " nor does its continuation\r\n"
                + "Bad Name: a space in the name\r\n"
                + "To: kept@example.com\r\n\r\n";

        assertThat(reader.read(stream(section))).extracting(HeaderField::name).containsExactly("Subject", "To");
        assertThat(reader.read(stream(section)).get(0).rawValue()).isEqualTo(" kept");
    }

    @Test
    void whiteSpaceBeforeTheColonIsAllowed() throws IOException {
        // RFC 5322 §4.5.8 obs-optional: "Subject  : x".
        assertThat(reader.read(stream("Subject \t: x\r\n\r\n"))).containsExactly(new HeaderField("Subject", " x"));
    }

    @Test
    void nulAndEightBitOctetsSurviveOneCharPerOctet() throws IOException {
        byte[] bytes = {
            'X',
            '-',
            'B',
            'i',
            'n',
            ':',
            ' ',
            0,
            (byte) 0xff,
            (byte) 0x80,
            '\r',
            '\n',
            'S',
            'u',
            'b',
            'j',
            ':',
            ' ',
            'c',
            'a',
            'f',
            (byte) 0xc3,
            (byte) 0xa9,
            '\r',
            '\n',
            '\r',
            '\n',
            'B'
        };
        InputStream in = new ByteArrayInputStream(bytes);

        List<HeaderField> fields = reader.read(in);

        assertThat(fields)
                .containsExactly(
                        new HeaderField("X-Bin", " \u0000\u00ff\u0080"), new HeaderField("Subj", " caf\u00c3\u00a9"));
        assertThat(in.read()).isEqualTo('B');
    }

    @Test
    void aCrNotFollowedByLfIsAnOrdinaryOctet() throws IOException {
        assertThat(reader.read(stream("Subject: a\rb\r\n\r\n"))).containsExactly(new HeaderField("Subject", " a\rb"));
    }

    @Test
    void tooManyFieldsThrows() throws IOException {
        HeaderReader limited = new HeaderReader(new HeaderLimits(3, 998, 10_000));

        assertThat(limited.read(stream("A: 1\r\nB: 2\r\nC: 3\r\n\r\n"))).hasSize(3);
        assertThatThrownBy(() -> limited.read(stream("A: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n")))
                .isInstanceOfSatisfying(HeaderLimitException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.TOO_MANY_FIELDS);
                    assertThat(e.limit()).isEqualTo(3);
                    assertThat(e.seen()).isEqualTo(4);
                    assertThat(e).hasMessageContaining("more than 3 fields");
                });
    }

    @Test
    void skippedLinesCountAgainstTheFieldLimit() {
        HeaderReader limited = new HeaderReader(new HeaderLimits(2, 998, 10_000));

        assertThatThrownBy(() -> limited.read(stream("junk\r\njunk\r\njunk\r\n\r\n")))
                .isInstanceOfSatisfying(
                        HeaderLimitException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TOO_MANY_FIELDS));
    }

    @Test
    void lineTooLongThrowsCountingOctetsWithoutTheLineEnd() throws IOException {
        HeaderReader limited = new HeaderReader(new HeaderLimits(100, 10, 10_000));

        // "Subject: x" is exactly 10 octets: allowed with CRLF, LF, or at end of input.
        assertThat(limited.read(stream("Subject: x\r\n\r\n"))).hasSize(1);
        assertThat(limited.read(stream("Subject: x\n\n"))).hasSize(1);
        assertThat(limited.read(stream("Subject: x"))).hasSize(1);
        assertThatThrownBy(() -> limited.read(stream("Subject: xy\r\n\r\n")))
                .isInstanceOfSatisfying(HeaderLimitException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.LINE_TOO_LONG);
                    assertThat(e.limit()).isEqualTo(10);
                    assertThat(e.seen()).isEqualTo(11);
                    assertThat(e).hasMessageContaining("line 1").hasMessageContaining("10 octets");
                });
        assertThatThrownBy(() -> limited.read(stream("Subject: x\rz\r\n\r\n")))
                .as("a CR that turns out not to end the line counts")
                .isInstanceOfSatisfying(
                        HeaderLimitException.class, e -> assertThat(e.kind()).isEqualTo(Kind.LINE_TOO_LONG));
    }

    @Test
    void theLineLimitAppliesToEachPhysicalLineOfAFoldedField() throws IOException {
        HeaderReader limited = new HeaderReader(new HeaderLimits(100, 10, 10_000));

        List<HeaderField> fields = limited.read(stream("Subject: x\r\n 23456789\r\n 23456789\r\n\r\n"));

        assertThat(fields.get(0).unfoldedValue()).isEqualTo(" x 23456789 23456789");
    }

    @Test
    void aGenerousLineLimitAllowsLongLines() throws IOException {
        HeaderReader generous = new HeaderReader(new HeaderLimits(10, Integer.MAX_VALUE, 1 << 20));
        String longValue = "x".repeat(5000);

        assertThat(generous.read(stream("Subject: " + longValue + "\r\n\r\n")))
                .containsExactly(new HeaderField("Subject", " " + longValue));
    }

    @Test
    void headerTooLargeThrowsCountingEveryOctetRead() throws IOException {
        String section = "A: 12345\r\nB: 12345\r\n\r\n"; // 22 octets with the empty line
        assertThat(new HeaderReader(new HeaderLimits(100, 998, 22)).read(stream(section)))
                .hasSize(2);

        assertThatThrownBy(() -> new HeaderReader(new HeaderLimits(100, 998, 21)).read(stream(section)))
                .isInstanceOfSatisfying(HeaderLimitException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.HEADER_TOO_LARGE);
                    assertThat(e.limit()).isEqualTo(21);
                    assertThat(e.seen()).isEqualTo(22);
                });
    }

    @Test
    void defaultLimitsFollowRfc5322() {
        assertThat(HeaderLimits.defaults()).isEqualTo(new HeaderLimits(1000, 998, 256 * 1024));
        assertThatThrownBy(() -> new HeaderLimits(0, 998, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseReadsAStringUpToItsFirstEmptyLine() {
        List<HeaderField> fields = HeaderReader.parse("""
                From: J\u00f6rg \u4e2d <j@example.com>\r
                Subject: a\r
                 b\r
                \r
                Body: not a header\r
                """);

        assertThat(fields).extracting(HeaderField::name).containsExactly("From", "Subject");
        assertThat(fields.get(0).rawValue())
                .as("chars above 0xFF survive in a string")
                .contains("\u4e2d");
        assertThat(fields.get(1).unfoldedValue()).isEqualTo(" a b");
        assertThat(HeaderReader.parse("")).isEmpty();
        assertThat(HeaderReader.parse("X: 1\n")).containsExactly(new HeaderField("X", " 1"));
    }

    // --- header bombs: each is refused by a limit after reading little more than the limit -------------------

    @Test
    void aHundredThousandFieldsAreRefusedByTheFieldLimit() {
        CountingStream bomb = new CountingStream(i -> "X-Bomb: " + i + "\r\n", 100_000);

        assertThatThrownBy(() -> reader.read(bomb))
                .isInstanceOfSatisfying(
                        HeaderLimitException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TOO_MANY_FIELDS));
        assertThat(bomb.consumed).as("stopped right after field 1001").isLessThan(1001L * 20);
    }

    @Test
    void aOneMegabyteLineIsRefusedByTheLineLimit() {
        CountingStream bomb = new CountingStream(i -> i == 0 ? "Subject: " : "x", 1 << 20);

        assertThatThrownBy(() -> reader.read(bomb))
                .isInstanceOfSatisfying(
                        HeaderLimitException.class, e -> assertThat(e.kind()).isEqualTo(Kind.LINE_TOO_LONG));
        assertThat(bomb.consumed).isEqualTo(999);
    }

    @Test
    void anEndlesslyFoldedFieldIsRefusedByTheSizeLimit() {
        CountingStream bomb = new CountingStream(i -> i == 0 ? "Subject: x\r\n" : " more\r\n", Integer.MAX_VALUE);

        assertThatThrownBy(() -> reader.read(bomb))
                .isInstanceOfSatisfying(
                        HeaderLimitException.class, e -> assertThat(e.kind()).isEqualTo(Kind.HEADER_TOO_LARGE));
        assertThat(bomb.consumed).isEqualTo(256 * 1024 + 1);
    }

    // Only read() on purpose: InputStream's bulk reads go through it, so every byte taken is counted.
    /** A stream that generates its content piece by piece (never held in memory) and counts what was read. */
    @SuppressWarnings("InputStreamSlowMultibyteRead")
    private static final class CountingStream extends InputStream {
        private final IntFunction<String> piece;
        private final int pieces;
        private int index;
        private byte[] current = new byte[0];
        private int offset;
        long consumed;

        CountingStream(IntFunction<String> piece, int pieces) {
            this.piece = piece;
            this.pieces = pieces;
        }

        @Override
        public int read() {
            if (offset == current.length) {
                if (index == pieces) {
                    return -1;
                }
                current = piece.apply(index++).getBytes(ISO_8859_1);
                offset = 0;
            }
            consumed++;
            return current[offset++] & 0xff;
        }
    }
}
