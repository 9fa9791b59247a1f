package lab.kb905214.senderid.dns;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import lab.kb905214.senderid.spf.IpLiteral;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** What the DNS client's tests ask with: names, addresses, and a bounded wait for an answer. */
final class Questions {
    /** Long enough for any answer the tests expect; a hang fails instead of stalling the build. */
    static final long WAIT_SECONDS = 10;

    private Questions() {}

    /** Asks {@code dns} for {@code type} records of {@code name} and waits for the answer. */
    static DnsAnswer ask(DnsClient dns, String name, int type) throws Exception {
        return dns.query(name(name), type).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** An absolute name from text relative to the root. */
    static Name name(String text) {
        try {
            return Name.fromString(text, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** An address from its literal. */
    static InetAddress ip(String literal) {
        return IpLiteral.any(literal).orElseThrow(() -> new IllegalArgumentException(literal));
    }
}
