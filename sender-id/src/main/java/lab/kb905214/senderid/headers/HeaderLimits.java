package lab.kb905214.senderid.headers;

/**
 * Limits for reading a header section; exceeding one throws {@link HeaderLimitException}.
 *
 * @param maxFields the most entries the section may hold: header fields, plus the non-field lines the reader
 *     skips (each would otherwise be free work for a sender)
 * @param maxLineLength the most octets in one physical line, not counting its CRLF or LF
 * @param maxHeaderBytes the most octets {@link HeaderReader#read} consumes, line ends and the empty line included
 */
public record HeaderLimits(int maxFields, int maxLineLength, int maxHeaderBytes) {

    /** Checks that every limit is positive. */
    public HeaderLimits {
        if (maxFields < 1 || maxLineLength < 1 || maxHeaderBytes < 1) {
            throw new IllegalArgumentException(
                    "limits must be positive: " + maxFields + ", " + maxLineLength + ", " + maxHeaderBytes);
        }
    }

    /** Returns 1000 fields, 998 octets per line (RFC 5322 §2.1.1, excluding CRLF) and 256 KiB in all. */
    public static HeaderLimits defaults() {
        return new HeaderLimits(1000, 998, 256 * 1024);
    }
}
