package lab.kb905214.senderid.headers;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a field body into the lexical tokens of RFC 5322 §3.2: atoms, quoted strings, domain literals and the
 * specials the address grammar uses, dropping comments and folding white space (CFWS) between them.
 *
 * <p>Leniencies, all harmless for reading addresses: octets above 0x7F count as atext (as RFC 6532 allows for
 * UTF-8; here they are usually 8-bit display names), a CR or LF outside a quoted string counts as white space,
 * and quoted strings, comments and domain literals accept any character the obsolete syntax (obs-qtext,
 * obs-ctext, obs-dtext) or a quoted-pair could produce.
 */
final class AddressTokenizer {

    /** What a token is. */
    enum Type {
        ATOM,
        QUOTED_STRING,
        DOMAIN_LITERAL,
        SPECIAL,
        END
    }

    /**
     * One token.
     *
     * @param type what it is
     * @param text the semantic value: the atom, the quoted string's content without quotes and escapes, the
     *     domain literal with brackets and without white space, or the special character
     * @param offset where it starts in the input
     * @param spaceBefore whether CFWS separated it from the token before it
     */
    record Token(Type type, String text, int offset, boolean spaceBefore) {
        boolean is(char special) {
            return type == Type.SPECIAL && text.charAt(0) == special;
        }

        boolean isWord() {
            return type == Type.ATOM || type == Type.QUOTED_STRING;
        }
    }

    private final String input;
    private int pos;

    private AddressTokenizer(String input) {
        this.input = input;
    }

    /** Returns the tokens of {@code input}, always ending with one END token. */
    static List<Token> tokenize(String input) throws AddressParseException {
        return new AddressTokenizer(input).run();
    }

    private List<Token> run() throws AddressParseException {
        List<Token> tokens = new ArrayList<>();
        int n = input.length();
        while (true) {
            boolean space = skipCfws();
            if (pos >= n) {
                tokens.add(new Token(Type.END, "", n, space));
                return tokens;
            }
            char c = input.charAt(pos);
            int start = pos;
            if (c == '"') {
                tokens.add(new Token(Type.QUOTED_STRING, quotedString(), start, space));
            } else if (c == '[') {
                tokens.add(new Token(Type.DOMAIN_LITERAL, domainLiteral(), start, space));
            } else if (c == '<' || c == '>' || c == '@' || c == ',' || c == ';' || c == ':' || c == '.') {
                pos++;
                tokens.add(new Token(Type.SPECIAL, String.valueOf(c), start, space));
            } else if (isAtext(c)) {
                while (pos < n && isAtext(input.charAt(pos))) {
                    pos++;
                }
                tokens.add(new Token(Type.ATOM, input.substring(start, pos), start, space));
            } else if (c == ')') {
                throw fail("')' without a matching '('", pos);
            } else if (c == ']') {
                throw fail("']' without a matching '['", pos);
            } else if (c == '\\') {
                throw fail("backslash outside a quoted string or comment", pos);
            } else {
                throw fail(String.format("character U+%04X not allowed here", (int) c), pos);
            }
        }
    }

    /** Skips white space and comments; returns whether there was any. */
    private boolean skipCfws() throws AddressParseException {
        int start = pos;
        int n = input.length();
        while (pos < n) {
            char c = input.charAt(pos);
            if (isSpace(c)) {
                pos++;
            } else if (c == '(') {
                skipComment();
            } else {
                break;
            }
        }
        return pos > start;
    }

    /** Skips a comment, nested comments included; iterative so that deep nesting cannot exhaust the stack. */
    private void skipComment() throws AddressParseException {
        int open = pos;
        int depth = 0;
        int n = input.length();
        while (pos < n) {
            char c = input.charAt(pos++);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (--depth == 0) {
                    return;
                }
            } else if (c == '\\') {
                if (pos >= n) {
                    break;
                }
                pos++; // quoted-pair: the next character is literal, even a parenthesis
            }
        }
        throw fail("comment not closed by ')'", open);
    }

    private String quotedString() throws AddressParseException {
        int open = pos;
        pos++;
        StringBuilder out = new StringBuilder();
        int n = input.length();
        while (pos < n) {
            char c = input.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                if (pos >= n) {
                    break;
                }
                out.append(input.charAt(pos++));
            } else if (isFoldAt(pos - 1)) {
                // FWS inside a quoted string: the line end goes, the white space after it stays (§3.2.4).
                pos += c == '\r' ? 1 : 0;
            } else {
                out.append(c);
            }
        }
        throw fail("quoted string not closed by '\"'", open);
    }

    private String domainLiteral() throws AddressParseException {
        int open = pos;
        pos++;
        StringBuilder out = new StringBuilder("[");
        int n = input.length();
        while (pos < n) {
            char c = input.charAt(pos++);
            if (c == ']') {
                return out.append(']').toString();
            }
            if (c == '[') {
                throw fail("'[' inside a domain literal", pos - 1);
            }
            if (c == '\\') {
                if (pos >= n) {
                    break;
                }
                out.append(input.charAt(pos++));
            } else if (!isSpace(c)) {
                out.append(c);
            }
        }
        throw fail("domain literal not closed by ']'", open);
    }

    /** Tells whether a line end (CRLF or LF) followed by white space starts at {@code i}. */
    private boolean isFoldAt(int i) {
        int n = input.length();
        if (input.charAt(i) == '\r' && i + 2 < n && input.charAt(i + 1) == '\n') {
            return HeaderField.isWsp(input.charAt(i + 2));
        }
        return input.charAt(i) == '\n' && i + 1 < n && HeaderField.isWsp(input.charAt(i + 1));
    }

    private AddressParseException fail(String problem, int offset) {
        return new AddressParseException(problem, offset, input);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** Tells whether {@code c} is RFC 5322 atext, or (leniently) any character above 0x7F. */
    static boolean isAtext(char c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return true;
        }
        if (c > 0x7f) {
            // Every octet: UTF-8 read as ISO-8859-1 puts 0x80-0xBF (C1 controls, NBSP) inside its sequences.
            return true;
        }
        return "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0;
    }
}
