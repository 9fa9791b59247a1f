package lab.kb905214.senderid.pra;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import lab.kb905214.senderid.headers.AddressParseException;
import lab.kb905214.senderid.headers.AddressParser;
import lab.kb905214.senderid.headers.HeaderField;
import lab.kb905214.senderid.headers.Mailbox;

/**
 * Extracts the PRA from a header section per RFC 4407 §2.
 *
 * <p>Headers are examined in message order and only non-empty ones count ({@link HeaderField#isNonEmpty()}).
 * Step 1's condition, "a Resent-From header precedes the Resent-Sender header and at least one Received or
 * Return-Path header is present between them", is read with "a" meaning ANY non-empty Resent-From before the
 * first non-empty Resent-Sender, not only the nearest one. Trace headers are prepended, so a trace header
 * between them means that Resent-From belongs to a newer resending than the Resent-Sender, and step 2 then
 * picks the first (newest) Resent-From. Reading "the nearest Resent-From" instead would pick a stale
 * Resent-Sender for "Resent-From, Received, Resent-From, Resent-Sender". Any Received or Return-Path counts
 * between them, empty or not, since the RFC does not qualify those.
 */
public final class PraExtractor {

    private PraExtractor() {}

    /** Returns the PRA of the message whose header fields are {@code headers}, in order, or why it has none. */
    public static PraResult extract(List<HeaderField> headers) {
        Objects.requireNonNull(headers, "headers");

        // Step 1: the first non-empty Resent-Sender, unless a newer resending (a Resent-From with trace headers
        // between it and the Resent-Sender) supersedes it.
        int resentSender = firstNonEmpty(headers, "Resent-Sender");
        if (resentSender >= 0 && !supersededByNewerResentFrom(headers, resentSender)) {
            return selected(headers.get(resentSender), "Resent-Sender");
        }

        // Step 2: the first non-empty Resent-From.
        int resentFrom = firstNonEmpty(headers, "Resent-From");
        if (resentFrom >= 0) {
            return selected(headers.get(resentFrom), "Resent-From");
        }

        // Step 3: the Sender header, when there is exactly one.
        List<HeaderField> senders = allNonEmpty(headers, "Sender");
        if (senders.size() > 1) {
            return PraResult.illFormed("multiple Sender headers (" + senders.size() + ")");
        }
        if (senders.size() == 1) {
            return selected(senders.get(0), "Sender");
        }

        // Step 4: the From header, when there is exactly one.
        List<HeaderField> froms = allNonEmpty(headers, "From");
        if (froms.isEmpty()) {
            return PraResult.illFormed("no From header (and no Resent-Sender, Resent-From or Sender header)");
        }
        if (froms.size() > 1) {
            return PraResult.illFormed("multiple From headers (" + froms.size() + ")");
        }
        return selected(froms.get(0), "From");
    }

    /** Step 5: the selected header must hold exactly one well-formed mailbox with a domain name. */
    private static PraResult selected(HeaderField field, String headerName) {
        List<Mailbox> mailboxes;
        try {
            mailboxes = AddressParser.parseMailboxList(field.unfoldedValue());
        } catch (AddressParseException e) {
            return PraResult.illFormed(headerName + " header is malformed: " + e.getMessage());
        }
        if (mailboxes.isEmpty()) {
            return PraResult.illFormed(headerName + " header holds no mailbox");
        }
        if (mailboxes.size() > 1) {
            return PraResult.illFormed(headerName + " header holds " + mailboxes.size() + " mailboxes");
        }
        Mailbox mailbox = mailboxes.get(0);
        if (mailbox.hasDomainLiteral()) {
            // A literal names an address, not a domain: there is no record to look up for it.
            return PraResult.illFormed(headerName + " header's mailbox has a domain literal, not a domain name: "
                    + printable(mailbox.domain()));
        }
        return PraResult.found(new Pra(mailbox, headerName.toLowerCase(Locale.ROOT)));
    }

    /**
     * Tells whether some non-empty Resent-From before {@code resentSender} has at least one Received or
     * Return-Path header between it and the Resent-Sender (step 1's "go to step 2").
     */
    private static boolean supersededByNewerResentFrom(List<HeaderField> headers, int resentSender) {
        boolean resentFromSeen = false;
        for (int i = 0; i < resentSender; i++) {
            HeaderField h = headers.get(i);
            if (h.hasName("Resent-From") && h.isNonEmpty()) {
                resentFromSeen = true;
            } else if (resentFromSeen && (h.hasName("Received") || h.hasName("Return-Path"))) {
                return true;
            }
        }
        return false;
    }

    private static int firstNonEmpty(List<HeaderField> headers, String name) {
        for (int i = 0; i < headers.size(); i++) {
            HeaderField h = headers.get(i);
            if (h.hasName(name) && h.isNonEmpty()) {
                return i;
            }
        }
        return -1;
    }

    private static List<HeaderField> allNonEmpty(List<HeaderField> headers, String name) {
        List<HeaderField> out = new ArrayList<>();
        for (HeaderField h : headers) {
            if (h.hasName(name) && h.isNonEmpty()) {
                out.add(h);
            }
        }
        return out;
    }

    /** Escapes control and non-ASCII characters: the reason may end up in a log line or an SMTP reply. */
    private static String printable(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(c < 0x20 || c >= 0x7f ? String.format("\\x%02X", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
