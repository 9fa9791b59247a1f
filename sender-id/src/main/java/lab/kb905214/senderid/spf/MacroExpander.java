package lab.kb905214.senderid.spf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Expands a {@link MacroString} (RFC 7208 §7.3, §7.4) against the values of one check. */
final class MacroExpander {
    private MacroExpander() {}

    /** The expansion; {@code values} gives each macro letter's raw value. */
    static String expand(MacroString string, MacroValues values) {
        StringBuilder out = new StringBuilder();
        for (MacroString.Part part : string.parts()) {
            if (part instanceof MacroString.Literal literal) {
                out.append(literal.text());
            } else if (part instanceof MacroString.Macro macro) {
                String value = transform(values.value(macro.letter()), macro);
                out.append(macro.urlEscape() ? urlEscape(value) : value);
            }
        }
        return out.toString();
    }

    // §7.3: split on the delimiters, optionally reverse, keep the rightmost N parts, join with dots.
    private static String transform(String value, MacroString.Macro macro) {
        if (!macro.reverse() && macro.keep() == 0 && macro.delimiters().equals(".")) {
            return value;
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            if (macro.delimiters().indexOf(value.charAt(i)) >= 0) {
                parts.add(value.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(value.substring(start));
        if (macro.reverse()) {
            Collections.reverse(parts);
        }
        if (macro.keep() > 0 && macro.keep() < parts.size()) {
            parts = parts.subList(parts.size() - macro.keep(), parts.size());
        }
        return String.join(".", parts);
    }

    // §7.3: upper-case macro letters are URL-escaped, every byte outside RFC 3986's "unreserved" set.
    private static String urlEscape(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean unreserved = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~';
            if (unreserved) {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** The raw value of each macro letter for one check. */
    interface MacroValues {
        /** The value of {@code letter} (lower case, already validated by the parser). */
        String value(char letter);
    }
}
