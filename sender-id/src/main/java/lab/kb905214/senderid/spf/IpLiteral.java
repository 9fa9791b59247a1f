package lab.kb905214.senderid.spf;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Strict parsing of IP address literals: never a DNS lookup, never the legacy "1.2.3" short forms. */
public final class IpLiteral {
    private static final Pattern IP4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IP6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpLiteral() {}

    /** A dotted-quad IPv4 address, or empty. */
    public static Optional<InetAddress> ip4(String text) {
        if (!IP4.matcher(text).matches()) {
            return Optional.empty();
        }
        return parse(text);
    }

    /** An IPv6 address in RFC 4291 text form (with an optional embedded IPv4 tail), or empty. */
    public static Optional<InetAddress> ip6(String text) {
        if (!text.contains(":") || !IP6_CHARS.matcher(text).matches()) {
            return Optional.empty();
        }
        int lastColon = text.lastIndexOf(':');
        String tail = text.substring(lastColon + 1);
        if (tail.contains(".") && ip4(tail).isEmpty()) {
            return Optional.empty();
        }
        // With a colon present, InetAddress parses a literal and never resolves a name.
        return parse(text)
                .filter(a -> a instanceof Inet6Address
                        || text.toLowerCase(Locale.ROOT).startsWith("::ffff:"));
    }

    /** Either form. */
    public static Optional<InetAddress> any(String text) {
        return ip4(text).or(() -> ip6(text));
    }

    private static Optional<InetAddress> parse(String literal) {
        try {
            return Optional.of(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
