package lab.kb905214.engine.watch;

/**
 * Follows the line structure of the bytes a client sends, across reads, to find the two things the watcher cares
 * about: the line "." that ends a DATA section, and complete RSET or QUIT command lines.
 *
 * <p>It is deliberately shallow (no SMTP state machine): a "." line outside DATA or a missed one only changes which
 * bytes the buffer holds back for a moment, never what the session reads, because held bytes are handed over as
 * soon as the session asks for them.
 */
final class CommandScanner {

    /**
     * What one chunk contained.
     *
     * @param terminatorEnd the chunk index just past the first ".\r\n" line ending DATA, or -1
     * @param lastResetEnd the chunk index just past the last complete RSET/QUIT line, or -1
     */
    record Marks(int terminatorEnd, int lastResetEnd) {}

    private final byte[] head = new byte[4];
    private int length; // bytes of the current line so far, CRs included, LF excluded (saturates)
    private byte last = '\n';
    private boolean tailBlank = true; // everything after the first four bytes is space, tab or a final CR
    private boolean previousLineCrlf = true; // a connection starts as if after a CRLF

    /** Scans {@code len} bytes of {@code chunk} from {@code off}; indexes in the result are relative to {@code off}. */
    Marks scan(byte[] chunk, int off, int len) {
        int terminatorEnd = -1;
        int lastResetEnd = -1;
        for (int i = 0; i < len; i++) {
            byte c = chunk[off + i];
            if (c == '\n') {
                boolean crlf = length > 0 && last == '\r';
                int content = crlf ? length - 1 : length;
                // SubEtha reads only CRLF-terminated lines, and DATA ends only at CRLF "." CRLF.
                if (crlf && content == 1 && head[0] == '.' && previousLineCrlf) {
                    if (terminatorEnd < 0) {
                        terminatorEnd = i + 1;
                    }
                } else if (crlf && content >= 4 && tailBlank && isResetVerb()) {
                    lastResetEnd = i + 1;
                }
                previousLineCrlf = crlf;
                length = 0;
                tailBlank = true;
                last = c;
                continue;
            }
            if (last == '\r' && length > 4) {
                tailBlank = false; // a CR inside the line, not the one ending it
            }
            if (length < head.length) {
                head[length] = upper(c);
            } else if (c != ' ' && c != '\t' && c != '\r') {
                tailBlank = false;
            }
            if (length < Integer.MAX_VALUE) {
                length++;
            }
            last = c;
        }
        return new Marks(terminatorEnd, lastResetEnd);
    }

    private boolean isResetVerb() {
        return (head[0] == 'R' && head[1] == 'S' && head[2] == 'E' && head[3] == 'T')
                || (head[0] == 'Q' && head[1] == 'U' && head[2] == 'I' && head[3] == 'T');
    }

    private static byte upper(byte c) {
        return c >= 'a' && c <= 'z' ? (byte) (c - ('a' - 'A')) : c;
    }
}
