package lab.kb905214.senderid.headers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import lab.kb905214.senderid.headers.HeaderLimitException.Kind;

/**
 * Reads the header section of an RFC 5322 message from a stream, stopping after the empty line.
 *
 * <p>Lines end with CRLF or a bare LF; a CR not followed by LF is an ordinary octet. Octets are read as
 * ISO-8859-1, so any 8-bit content (NUL included) survives as one char per octet. A line that neither starts
 * with white space (a continuation) nor with {@code name:} is not a header field; like real MTAs, the reader
 * leaves it and its continuation lines out of the field list and carries on rather than ending the section
 * there.
 */
public final class HeaderReader {
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final HeaderLimits limits;

    /** Creates a reader enforcing {@code limits}. */
    public HeaderReader(HeaderLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Reads the header section and the empty line after it, leaving the stream at the first octet of the body.
     *
     * <p>The stream is read one octet at a time and never beyond the empty line, so the caller can read the body
     * from the same stream; give it a buffered stream. End of input ends the section too (a message without a
     * body); an empty first line gives an empty list. When a limit is broken the stream is left mid-section.
     *
     * @throws HeaderLimitException when the section breaks one of the limits
     * @throws IOException when the stream fails
     */
    public List<HeaderField> read(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        FieldAssembler assembler = new FieldAssembler();
        // Grows up to one octet more than the line limit (the last one may be the CR of a CRLF), so a generous
        // limit costs memory only when a line is that long.
        long lineCapacity = limits.maxLineLength() + 1L;
        byte[] line = new byte[(int) Math.min(lineCapacity, 256)];
        int length = 0;
        long total = 0;
        int entries = 0;
        int lineNumber = 1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (length > 0) {
                    entries = accept(assembler, text(line, length), "", entries);
                }
                return assembler.finish();
            }
            total++;
            if (total > limits.maxHeaderBytes()) {
                throw new HeaderLimitException(
                        Kind.HEADER_TOO_LARGE,
                        limits.maxHeaderBytes(),
                        total,
                        "header section is larger than " + limits.maxHeaderBytes() + " octets");
            }
            if (b == '\n') {
                boolean crlf = length > 0 && line[length - 1] == '\r';
                int contentLength = crlf ? length - 1 : length;
                if (contentLength == 0) {
                    return assembler.finish(); // the empty line: the body, if any, starts at the next octet
                }
                entries = accept(assembler, text(line, contentLength), crlf ? "\r\n" : "\n", entries);
                length = 0;
                lineNumber++;
                continue;
            }
            if (length == lineCapacity || (length == limits.maxLineLength() && b != '\r')) {
                throw new HeaderLimitException(
                        Kind.LINE_TOO_LONG,
                        limits.maxLineLength(),
                        length + 1L,
                        "line " + lineNumber + " of the header section is longer than " + limits.maxLineLength()
                                + " octets");
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, (int) Math.min(Math.min(lineCapacity, 2L * line.length), MAX_ARRAY));
            }
            line[length++] = (byte) b;
        }
    }

    private int accept(FieldAssembler assembler, String text, String lineEnd, int entries) throws HeaderLimitException {
        if (assembler.accept(text, lineEnd)) {
            entries++;
            if (entries > limits.maxFields()) {
                throw new HeaderLimitException(
                        Kind.TOO_MANY_FIELDS,
                        limits.maxFields(),
                        entries,
                        "header section has more than " + limits.maxFields() + " fields");
            }
        }
        return entries;
    }

    private static String text(byte[] line, int length) {
        return new String(line, 0, length, StandardCharsets.ISO_8859_1);
    }

    /**
     * Parses a header section given as a string, up to its first empty line (anything after it is ignored);
     * no limits apply since the text is already in memory.
     */
    public static List<HeaderField> parse(String headerSection) {
        Objects.requireNonNull(headerSection, "headerSection");
        FieldAssembler assembler = new FieldAssembler();
        int start = 0;
        int n = headerSection.length();
        while (start < n) {
            int lf = headerSection.indexOf('\n', start);
            if (lf < 0) {
                assembler.accept(headerSection.substring(start), "");
                break;
            }
            boolean crlf = lf > start && headerSection.charAt(lf - 1) == '\r';
            int end = crlf ? lf - 1 : lf;
            if (end == start) {
                break; // the empty line
            }
            assembler.accept(headerSection.substring(start, end), crlf ? "\r\n" : "\n");
            start = lf + 1;
        }
        return assembler.finish();
    }
}
