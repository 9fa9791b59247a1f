package lab.kb905214.senderid.headers;

import java.util.Objects;

/**
 * A mailbox: local part and domain, with the display name if any.
 *
 * @param displayName the display name's semantic value (quotes and comments removed, white space runs made one
 *     space; RFC 2047 encoded words are left as written); empty when the mailbox has none
 * @param localPart the local part's semantic value (a quoted local part without its quotes and escapes)
 * @param domain the domain as written (dot-atom or obs-domain, comments removed), or a domain literal with its
 *     brackets, e.g. {@code [192.0.2.1]}
 */
public record Mailbox(String displayName, String localPart, String domain) {

    /** Checks that the parts are present and the domain is not empty. */
    public Mailbox {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(localPart, "localPart");
        Objects.requireNonNull(domain, "domain");
        if (domain.isEmpty()) {
            throw new IllegalArgumentException("empty domain");
        }
    }

    /** Returns {@code localPart@domain}, with the local part quoted when it is not a dot-atom. */
    public String address() {
        return (isDotAtom(localPart) ? localPart : quote(localPart)) + "@" + domain;
    }

    /** Tells whether the domain is a domain literal ({@code [192.0.2.1]}), which names no domain to look up. */
    public boolean hasDomainLiteral() {
        return domain.startsWith("[");
    }

    private static boolean isDotAtom(String s) {
        if (s.isEmpty() || s.startsWith(".") || s.endsWith(".") || s.contains("..")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '.' && !AddressTokenizer.isAtext(c)) {
                return false;
            }
        }
        return true;
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }
}
