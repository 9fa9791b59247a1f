package lab.kb905214.senderid.headers;

import java.util.ArrayList;
import java.util.List;
import lab.kb905214.senderid.headers.AddressTokenizer.Token;

/**
 * Parses RFC 5322 address lists (§3.4): display names, quoted strings, comments (nested), folding white space,
 * angle addresses, groups, and the obsolete forms where harmless (obs-route {@code <@a,@b:x@y>}, obs-local-part
 * with CFWS around its dots, obs-phrase with dots, empty list elements).
 *
 * <p>Deliberately lenient: a local part may start or end with a dot or hold two in a row (seen in the wild,
 * and harmless since the PRA is about the domain); 8-bit characters are accepted in names and local parts.
 * Deliberately strict: a domain must be a dot-atom, an obs-domain or a domain literal, in US-ASCII, without
 * empty labels; a mailbox without {@code @domain} is an error.
 */
public final class AddressParser {
    private final String input;
    private final List<Token> tokens;
    private int next;

    private AddressParser(String input, List<Token> tokens) {
        this.input = input;
        this.tokens = tokens;
    }

    /**
     * Parses a mailbox-list or address-list; groups expand to their members (an empty group has none), and a
     * body holding no address at all (only white space, comments or commas) gives an empty list.
     *
     * @param fieldBody the field body, normally {@link HeaderField#unfoldedValue()}; offsets in errors refer to it
     * @throws AddressParseException when the body is not an address list
     */
    public static List<Mailbox> parseMailboxList(String fieldBody) throws AddressParseException {
        AddressParser parser = new AddressParser(fieldBody, AddressTokenizer.tokenize(fieldBody));
        return parser.addressList();
    }

    private List<Mailbox> addressList() throws AddressParseException {
        List<Mailbox> out = new ArrayList<>();
        while (true) {
            skipCommas(); // obs-addr-list: empty elements between, before and after addresses
            if (peek().type() == AddressTokenizer.Type.END) {
                return List.copyOf(out);
            }
            address(out, true);
            Token after = peek();
            if (!after.is(',') && after.type() != AddressTokenizer.Type.END) {
                throw fail("expected ',' or the end after an address, found " + describe(after), after);
            }
        }
    }

    /** Parses one address (mailbox, or group when allowed) and adds its mailboxes to {@code out}. */
    private void address(List<Mailbox> out, boolean groupAllowed) throws AddressParseException {
        Token first = peek();
        List<Token> words = phrase();
        Token after = peek();
        if (after.is('<')) {
            out.add(angleAddress(displayName(words)));
        } else if (after.is(':')) {
            if (!groupAllowed) {
                throw fail("a group inside a group", after);
            }
            if (words.isEmpty()) {
                throw fail("a group without a display name", after);
            }
            next++;
            group(out);
        } else if (after.is('@')) {
            String localPart = localPart(words, after);
            next++;
            out.add(new Mailbox("", localPart, domain()));
        } else if (words.isEmpty()) {
            throw fail("expected an address, found " + describe(after), after);
        } else if (after.type() == AddressTokenizer.Type.END || after.is(',') || after.is(';')) {
            throw fail("\"" + text(words) + "\" has no '@' and no domain", first);
        } else {
            throw fail("expected '@', '<' or ':' after \"" + text(words) + "\", found " + describe(after), after);
        }
    }

    /** Parses the members of a group after its colon, through the semicolon. */
    private void group(List<Mailbox> out) throws AddressParseException {
        while (true) {
            skipCommas(); // group-list may be empty, or CFWS, or obs-group-list (only commas)
            Token t = peek();
            if (t.is(';')) {
                next++;
                return;
            }
            if (t.type() == AddressTokenizer.Type.END) {
                throw fail("group not closed by ';'", t);
            }
            address(out, false);
            Token after = peek();
            if (after.type() == AddressTokenizer.Type.END) {
                throw fail("group not closed by ';'", after);
            }
            if (!after.is(',') && !after.is(';')) {
                throw fail("expected ',' or ';' after a group member, found " + describe(after), after);
            }
        }
    }

    /** Parses {@code <[obs-route] addr-spec>} from the opening bracket. */
    private Mailbox angleAddress(String displayName) throws AddressParseException {
        Token open = tokens.get(next++);
        if (peek().is('>')) {
            throw fail("empty angle address '<>'", open);
        }
        if (peek().is('@') || peek().is(',')) {
            obsRoute();
        }
        List<Token> words = phrase();
        Token at = peek();
        if (!at.is('@')) {
            if (words.isEmpty()) {
                throw fail("expected a local part, found " + describe(at), at);
            }
            throw fail("\"" + text(words) + "\" has no '@' and no domain", words.get(0));
        }
        String localPart = localPart(words, at);
        next++;
        String domain = domain();
        Token close = peek();
        if (!close.is('>')) {
            throw fail("expected '>' to close the angle address, found " + describe(close), close);
        }
        next++;
        return new Mailbox(displayName, localPart, domain);
    }

    /** Skips an obs-route ({@code @a,@b:}); the route is ignored, as RFC 5322 §4.4 says. */
    private void obsRoute() throws AddressParseException {
        skipCommas();
        expect('@', "'@' to start a route domain");
        domain();
        while (peek().is(',')) {
            next++;
            if (peek().is('@')) {
                next++;
                domain();
            }
        }
        expect(':', "':' to end the route");
    }

    /** Collects the words and dots of a phrase or local part, up to the first other token. */
    private List<Token> phrase() {
        List<Token> words = new ArrayList<>();
        while (peek().isWord() || peek().is('.')) {
            words.add(tokens.get(next++));
        }
        return words;
    }

    /** Returns the display name of a phrase: words joined by one space where CFWS separated them. */
    private static String displayName(List<Token> words) {
        StringBuilder out = new StringBuilder();
        for (Token t : words) {
            if (t.spaceBefore() && out.length() > 0) {
                out.append(' ');
            }
            out.append(t.text());
        }
        return out.toString();
    }

    /**
     * Returns the local part spelled by {@code words}: words separated by dots (dot-atom, quoted string, or
     * obs-local-part). Extra dots are tolerated; two words without a dot between them are not.
     */
    private String localPart(List<Token> words, Token at) throws AddressParseException {
        if (words.isEmpty()) {
            throw fail("no local part before '@'", at);
        }
        StringBuilder out = new StringBuilder();
        Token previous = null;
        for (Token t : words) {
            if (t.isWord() && previous != null && previous.isWord()) {
                throw fail("two words in a local part without a '.' between them", t);
            }
            out.append(t.text());
            previous = t;
        }
        return out.toString();
    }

    /** Parses a domain after '@': a domain literal, or atoms separated by dots (dot-atom, obs-domain). */
    private String domain() throws AddressParseException {
        Token t = peek();
        if (t.type() == AddressTokenizer.Type.DOMAIN_LITERAL) {
            next++;
            return t.text();
        }
        StringBuilder out = new StringBuilder();
        while (true) {
            t = peek();
            if (t.type() != AddressTokenizer.Type.ATOM) {
                String what = out.length() == 0 ? "no domain after '@'" : "domain label missing after \"" + out + "\"";
                throw fail(what + ", found " + describe(t), t);
            }
            for (int i = 0; i < t.text().length(); i++) {
                if (t.text().charAt(i) > 0x7f) {
                    throw fail("non-ASCII character in domain \"" + out + t.text() + "\"", t);
                }
            }
            next++;
            out.append(t.text());
            if (!peek().is('.')) {
                return out.toString();
            }
            next++;
            out.append('.');
        }
    }

    private void skipCommas() {
        while (peek().is(',')) {
            next++;
        }
    }

    private void expect(char special, String what) throws AddressParseException {
        Token t = peek();
        if (!t.is(special)) {
            throw fail("expected " + what + ", found " + describe(t), t);
        }
        next++;
    }

    private Token peek() {
        return tokens.get(next);
    }

    private static String text(List<Token> words) {
        StringBuilder out = new StringBuilder();
        for (Token t : words) {
            out.append(t.text());
        }
        return out.toString();
    }

    private static String describe(Token t) {
        return switch (t.type()) {
            case END -> "the end";
            case SPECIAL -> "'" + t.text() + "'";
            case DOMAIN_LITERAL -> "a domain literal";
            case QUOTED_STRING -> "a quoted string";
            default -> "\"" + t.text() + "\"";
        };
    }

    private AddressParseException fail(String problem, Token at) {
        return new AddressParseException(problem, at.offset(), input);
    }
}
