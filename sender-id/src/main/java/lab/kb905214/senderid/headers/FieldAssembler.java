package lab.kb905214.senderid.headers;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the physical lines of a header section into header fields, joining continuation lines to the field
 * they continue. Shared by {@link HeaderReader#read} (lines from a stream) and {@link HeaderReader#parse}.
 */
final class FieldAssembler {
    private final List<HeaderField> fields = new ArrayList<>();
    private String name; // the field being assembled; null before the first field and after a non-field line
    private StringBuilder value;

    /**
     * Takes one line (without its line end) and the line end it had ("\r\n", "\n", or "" at end of input).
     *
     * @return true when the line starts a new entry (a field or a skipped non-field line), false for a
     *     continuation line
     */
    boolean accept(String line, String lineEnd) {
        if (!line.isEmpty() && HeaderField.isWsp(line.charAt(0))) {
            if (name != null) {
                value.append(line);
                value.append(lineEnd);
            }
            // A continuation with nothing to continue (first line, or after a skipped line) is dropped with it.
            return false;
        }
        flush();
        int colon = fieldNameEnd(line);
        if (colon < 0) {
            // Not a header field (RFC 5322 has no place for it). Real MTAs keep going, and so do we: the line
            // and its continuations stay out of the field list. The usual case is an mbox "From " line.
            return true;
        }
        String fieldName = line.substring(0, colon).stripTrailing();
        name = fieldName;
        value = new StringBuilder(line.length() - colon + 16);
        value.append(line, colon + 1, line.length());
        value.append(lineEnd);
        return true;
    }

    /** Returns the fields assembled so far, completing the last one. */
    List<HeaderField> finish() {
        flush();
        return List.copyOf(fields);
    }

    private void flush() {
        if (name != null) {
            // The line end of the field's last line ends the field; it is not part of its value.
            int end = value.length();
            if (end > 0 && value.charAt(end - 1) == '\n') {
                end--;
                if (end > 0 && value.charAt(end - 1) == '\r') {
                    end--;
                }
            }
            fields.add(new HeaderField(name, value.substring(0, end)));
        }
        name = null;
        value = null;
    }

    /**
     * Returns the index of the colon ending a field name at the start of {@code line} (name, optional white space
     * as in RFC 5322 obs-optional, colon), or -1 when the line does not start a field.
     */
    private static int fieldNameEnd(String line) {
        int i = 0;
        int n = line.length();
        while (i < n && HeaderField.isFieldNameChar(line.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return -1;
        }
        while (i < n && HeaderField.isWsp(line.charAt(i))) {
            i++;
        }
        return i < n && line.charAt(i) == ':' ? i : -1;
    }
}
