package lab.kb905214.senderid.spf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.xbill.DNS.Name;

/** Turning identities and expanded domain-specs into DNS names, with RFC 7208's length rules. */
final class DomainName {
    private static final int MAX_NAME = 253;
    private static final int MAX_LABEL = 63;

    private DomainName() {}

    /**
     * §4.3 initial processing: a multi-label name with no empty or over-long label, else empty (the result is None).
     * One trailing dot is allowed.
     */
    static Optional<Name> ofIdentity(String domain) {
        String d = stripTrailingDot(domain);
        if (d.isEmpty() || d.length() > MAX_NAME || d.startsWith("[") || !d.contains(".")) {
            return Optional.empty();
        }
        for (String label : d.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > MAX_LABEL) {
                return Optional.empty();
            }
        }
        return toName(d);
    }

    /**
     * §7.3: an expanded domain-spec longer than 253 characters loses labels from the left until it fits; empty
     * when what remains is still not a usable name (an empty or over-long label).
     */
    static Optional<Name> ofTarget(String expanded) {
        String d = stripTrailingDot(expanded);
        if (d.length() > MAX_NAME) {
            // Cut once, after the first dot that leaves at most 253 characters. Dropping one label per substring()
            // copied the rest every time: quadratic, and a record of thousands of %{l} over a dotted local part
            // (a million characters) kept a DNS-client thread busy for minutes after the check had timed out.
            int dot = d.indexOf('.', d.length() - MAX_NAME - 1);
            if (dot < 0) {
                return Optional.empty();
            }
            d = d.substring(dot + 1);
        }
        if (d.isEmpty()) {
            return Optional.empty();
        }
        for (String label : d.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > MAX_LABEL) {
                return Optional.empty();
            }
        }
        return toName(d);
    }

    /** The name as macros and reports show it: its characters as they are (no DNS escapes), no trailing dot. */
    static String text(Name name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.labels(); i++) {
            byte[] label = name.getLabel(i); // length-prefixed wire form
            if (label[0] == 0) {
                continue; // the root label
            }
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(new String(label, 1, label[0] & 0xff, StandardCharsets.ISO_8859_1));
        }
        return out.toString();
    }

    // Built from wire form (length-prefixed labels), so the name holds exactly these characters: nothing to escape,
    // and no text parser (escaping the text for Name.fromString was a tenth of an evaluation from memory).
    private static Optional<Name> toName(String relative) {
        byte[] wire = new byte[relative.length() + 2];
        int lengthAt = 0;
        int out = 1;
        for (int i = 0; i < relative.length(); i++) {
            char c = relative.charAt(i);
            if (c == '.') {
                wire[lengthAt] = (byte) (out - lengthAt - 1);
                lengthAt = out++;
            } else {
                wire[out++] = (byte) c; // ISO-8859-1, as the record's text was read
            }
        }
        wire[lengthAt] = (byte) (out - lengthAt - 1);
        wire[out] = 0; // the root label
        try {
            return Optional.of(new Name(wire));
        } catch (IOException e) {
            return Optional.empty(); // over 255 octets of wire form
        }
    }

    private static String stripTrailingDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
