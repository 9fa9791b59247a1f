package lab.kb905214.senderid.spf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parsed RFC 7208 §7.1 macro-string: literal text and {@code %{...}} expansions, checked once at parse time so
 * that a syntax error anywhere in a record is a PermError before evaluation starts (§4.6).
 */
public final class MacroString {

    /** One piece of a macro-string. */
    sealed interface Part permits Literal, Macro {}

    /** Text copied as is ({@code %%}, {@code %_} and {@code %-} already decoded). */
    record Literal(String text) implements Part {}

    /**
     * One {@code %{...}} expansion.
     *
     * @param letter the macro letter, lower case
     * @param urlEscape true for an upper-case letter (§7.3: the value is URL-escaped)
     * @param keep the number of right-hand parts to keep, 0 for all
     * @param reverse the {@code r} transformer
     * @param delimiters the characters that split the value ("." when none are given)
     */
    record Macro(char letter, boolean urlEscape, int keep, boolean reverse, String delimiters) implements Part {}

    private static final String LETTERS = "slodiphv";
    private static final String EXP_ONLY_LETTERS = "crt";
    private static final String DELIMITERS = ".-+,/_=";

    private final String source;
    private final List<Part> parts;
    private final boolean usesValidatedDomain;

    private MacroString(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
        this.usesValidatedDomain = parts.stream().anyMatch(p -> p instanceof Macro m && m.letter() == 'p');
    }

    /** Parses a macro-string as it appears in a domain-spec or modifier value (no spaces allowed). */
    public static MacroString parse(String text) throws SpfSyntaxException {
        return parse(text, false);
    }

    /** Parses an explanation string (§6.2): spaces allowed, and the exp-only letters c, r, t. */
    public static MacroString parseExplanation(String text) throws SpfSyntaxException {
        return parse(text, true);
    }

    private static MacroString parse(String text, boolean explanation) throws SpfSyntaxException {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '%') {
                boolean visible = c >= 0x21 && c <= 0x7e;
                if (!visible && !(explanation && c == ' ')) {
                    throw new SpfSyntaxException("invalid character " + describe(c) + " in \"" + text + "\"");
                }
                literal.append(c);
                i++;
                continue;
            }
            if (i + 1 >= text.length()) {
                throw new SpfSyntaxException("'%' at the end of \"" + text + "\"");
            }
            char next = text.charAt(i + 1);
            switch (next) {
                case '%' -> {
                    literal.append('%');
                    i += 2;
                }
                case '_' -> {
                    literal.append(' ');
                    i += 2;
                }
                case '-' -> {
                    literal.append("%20");
                    i += 2;
                }
                case '{' -> {
                    int close = text.indexOf('}', i + 2);
                    if (close < 0) {
                        throw new SpfSyntaxException("unterminated macro in \"" + text + "\"");
                    }
                    if (literal.length() > 0) {
                        parts.add(new Literal(literal.toString()));
                        literal.setLength(0);
                    }
                    parts.add(macro(text.substring(i + 2, close), explanation, text));
                    i = close + 1;
                }
                default -> throw new SpfSyntaxException("invalid macro escape '%" + next + "' in \"" + text + "\"");
            }
        }
        if (literal.length() > 0) {
            parts.add(new Literal(literal.toString()));
        }
        return new MacroString(text, parts);
    }

    private static Macro macro(String body, boolean explanation, String text) throws SpfSyntaxException {
        if (body.isEmpty()) {
            throw new SpfSyntaxException("empty macro in \"" + text + "\"");
        }
        char raw = body.charAt(0);
        char letter = Character.toLowerCase(raw);
        boolean known = LETTERS.indexOf(letter) >= 0 || (explanation && EXP_ONLY_LETTERS.indexOf(letter) >= 0);
        if (!known || raw > 0x7f) {
            throw new SpfSyntaxException("unknown macro letter '" + raw + "' in \"" + text + "\"");
        }
        int i = 1;
        int digitsStart = i;
        while (i < body.length() && Character.isDigit(body.charAt(i))) {
            i++;
        }
        int keep = 0;
        if (i > digitsStart) {
            String digits = body.substring(digitsStart, i);
            // RFC 7208 §7.1: a DIGIT transformer must be non-zero; cap huge values instead of overflowing.
            keep = digits.length() > 3 ? 999 : Integer.parseInt(digits);
            if (keep == 0) {
                throw new SpfSyntaxException("zero digit transformer in \"" + text + "\"");
            }
        }
        boolean reverse = false;
        if (i < body.length() && (body.charAt(i) == 'r' || body.charAt(i) == 'R')) {
            reverse = true;
            i++;
        }
        String delimiters = body.substring(i);
        for (int k = 0; k < delimiters.length(); k++) {
            char d = delimiters.charAt(k);
            if (DELIMITERS.indexOf(d) < 0) {
                throw new SpfSyntaxException("invalid delimiter '" + d + "' in \"" + text + "\"");
            }
        }
        return new Macro(letter, Character.isUpperCase(raw), keep, reverse, delimiters.isEmpty() ? "." : delimiters);
    }

    private static String describe(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format(Locale.ROOT, "U+%04X", (int) c);
    }

    /** The parts, in order. */
    List<Part> parts() {
        return parts;
    }

    /** Whether expanding needs the validated domain name of the client ({@code %{p}}), which costs DNS queries. */
    public boolean usesValidatedDomain() {
        return usesValidatedDomain; // asked once per expansion: known at parse time
    }

    /** Whether the string ends with a macro expansion (then a domain-spec needs no literal top label). */
    boolean endsWithMacro() {
        return !parts.isEmpty() && parts.get(parts.size() - 1) instanceof Macro;
    }

    /** The text as written. */
    @Override
    public String toString() {
        return source;
    }
}
