package lab.kb905214.senderid.pra;

import java.util.Objects;
import java.util.Set;
import lab.kb905214.senderid.headers.Mailbox;

/**
 * The Purported Responsible Address and the header it came from.
 *
 * @param mailbox the PRA; its domain is a domain name, never a domain literal
 * @param headerName the header it came from, in canonical lower case: {@code resent-sender}, {@code
 *     resent-from}, {@code sender} or {@code from} (as RFC 8601's {@code header.<field>} wants it)
 */
public record Pra(Mailbox mailbox, String headerName) {
    private static final Set<String> HEADER_NAMES = Set.of("resent-sender", "resent-from", "sender", "from");

    /** Checks that the mailbox is present and the header name is one of the four RFC 4407 headers. */
    public Pra {
        Objects.requireNonNull(mailbox, "mailbox");
        if (!HEADER_NAMES.contains(headerName)) {
            throw new IllegalArgumentException("not a PRA header name: " + headerName);
        }
    }

    /** Returns the PRA's domain, the one a Sender ID check (pra scope) evaluates. */
    public String domain() {
        return mailbox.domain();
    }
}
