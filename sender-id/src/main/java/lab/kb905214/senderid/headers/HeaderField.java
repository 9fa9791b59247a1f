package lab.kb905214.senderid.headers;

import java.util.Objects;

/**
 * One header field as it appeared: its name, its raw (folded) value, and the unfolded value.
 *
 * @param name the field name as written, without the colon or any white space before it (RFC 5322 §3.6.8
 *     obs-optional allows "Subject :")
 * @param rawValue everything after the colon, with its folds (line end plus white space) kept as they were read
 */
public record HeaderField(String name, String rawValue) {

    /** Checks that the name is a legal field name (printable US-ASCII except colon, RFC 5322 §2.2). */
    public HeaderField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rawValue, "rawValue");
        if (!isFieldName(name)) {
            throw new IllegalArgumentException("not a header field name: \"" + name + "\"");
        }
    }

    /** Returns the value with CRLF+WSP folding removed (RFC 5322 §2.2.3); a bare LF fold counts too. */
    public String unfoldedValue() {
        if (rawValue.indexOf('\n') < 0) {
            return rawValue;
        }
        StringBuilder out = new StringBuilder(rawValue.length());
        int n = rawValue.length();
        for (int i = 0; i < n; i++) {
            char c = rawValue.charAt(i);
            if (c == '\r' && i + 2 < n && rawValue.charAt(i + 1) == '\n' && isWsp(rawValue.charAt(i + 2))) {
                i++; // skip CR and LF; the white space after them stays (unfolding removes only the line end)
                continue;
            }
            if (c == '\n' && i + 1 < n && isWsp(rawValue.charAt(i + 1))) {
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Tells whether this field's name is {@code n}, ignoring US-ASCII case (field names are ASCII). */
    public boolean hasName(String n) {
        // Not String.equalsIgnoreCase: it folds non-ASCII letters too (U+017F "ſ" matches "S", U+212A matches
        // "K"), which would let a crafted name pass for "Sender".
        if (n == null || n.length() != name.length()) {
            return false;
        }
        for (int i = 0; i < n.length(); i++) {
            if (asciiLower(n.charAt(i)) != asciiLower(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Tells whether the field body holds more than white space, which is what RFC 4407 calls "non-empty". */
    public boolean isNonEmpty() {
        for (int i = 0; i < rawValue.length(); i++) {
            char c = rawValue.charAt(i);
            if (!isWsp(c) && c != '\r' && c != '\n') {
                return true;
            }
        }
        return false;
    }

    /** Tells whether {@code s} is a legal field name: one or more printable US-ASCII characters except colon. */
    static boolean isFieldName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isFieldNameChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isFieldNameChar(char c) {
        return c >= 33 && c <= 126 && c != ':';
    }

    static boolean isWsp(char c) {
        return c == ' ' || c == '\t';
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
