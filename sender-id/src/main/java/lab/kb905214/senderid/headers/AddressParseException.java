package lab.kb905214.senderid.headers;

/** Thrown when a field body is not an address list; the message says what is wrong and at which offset. */
public final class AddressParseException extends Exception {
    private static final long serialVersionUID = 1L;
    private static final int EXCERPT = 24;

    private final String problem;
    private final int offset;

    AddressParseException(String problem, int offset, String input) {
        super(printable(problem) + " at offset " + offset + " near \"" + excerpt(input, offset) + "\"");
        this.problem = printable(problem);
        this.offset = offset;
    }

    /** Returns what is wrong, without the position (control and non-ASCII characters escaped). */
    public String problem() {
        return problem;
    }

    /** Returns the offset in the parsed string where the problem was found. */
    public int offset() {
        return offset;
    }

    private static String excerpt(String input, int offset) {
        int from = Math.max(0, Math.min(offset, input.length()) - EXCERPT / 2);
        int to = Math.min(input.length(), from + EXCERPT);
        return printable(input.substring(from, to)).replace("\"", "\\\"");
    }

    /**
     * Escapes control and non-ASCII characters as {@code \xNN} and shortens long texts, because the message may
     * end up in a log line or an SMTP reply and must not carry the sender's CR or LF there.
     */
    static String printable(String s) {
        int limit = 200;
        StringBuilder out = new StringBuilder(Math.min(s.length(), limit) + 8);
        for (int i = 0; i < s.length(); i++) {
            if (out.length() >= limit) {
                return out.append("...").toString();
            }
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                out.append(c <= 0xff ? String.format("\\x%02X", (int) c) : String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
