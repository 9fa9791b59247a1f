package lab.kb905214.senderid.policy;

import java.net.InetAddress;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.kb905214.senderid.headers.HeaderField;
import lab.kb905214.senderid.spf.IpLiteral;

/**
 * The organisation's own perimeter relays (Exchange's "perimeter IP list").
 *
 * <p>A message relayed by a perimeter server arrives from that server's address, which says nothing about the
 * sender. Exchange then checks the address the relay itself recorded: walking the Received headers from the top
 * (the newest), it skips hops whose client is another perimeter relay and takes the first client address that is
 * not one.
 */
public final class PerimeterIps {
    // The client address a relay records: "from host (name [192.0.2.1])" or "from [2001:db8::1]".
    private static final Pattern BRACKETED_ADDRESS = Pattern.compile("\\[(?:IPv6:)?([0-9A-Fa-f:.]+)\\]");

    private final Set<InetAddress> relays;

    private PerimeterIps(Set<InetAddress> relays) {
        this.relays = relays;
    }

    /** A perimeter made of {@code relays}. */
    public static PerimeterIps of(Collection<InetAddress> relays) {
        return new PerimeterIps(Set.copyOf(relays));
    }

    /** No perimeter relays: the connecting address is always the one checked. */
    public static PerimeterIps none() {
        return new PerimeterIps(Set.of());
    }

    /** Whether {@code address} is one of the perimeter relays. */
    public boolean contains(InetAddress address) {
        return relays.contains(address);
    }

    /**
     * The address a Sender ID check is about: {@code connecting} itself unless it is a perimeter relay, else the
     * first non-perimeter client address recorded in the Received headers. If the relays recorded none (or a
     * relay's Received names no usable client), the connecting address is kept (checking a relay is wrong, but
     * believing an address the sender may have written would be worse).
     */
    public InetAddress clientIpFor(InetAddress connecting, List<HeaderField> headers) {
        if (!contains(connecting)) {
            return connecting;
        }
        for (HeaderField field : headers) {
            if (!field.hasName("Received")) {
                continue;
            }
            Optional<InetAddress> recorded = recordedClient(field.unfoldedValue());
            if (recorded.isEmpty()) {
                // This header was written by a perimeter relay (the one that connected, or the one the previous
                // header named); every Received below it may be the sender's forgery. Skipping it to read a lower
                // header would let a sender pick the address checked, so stop and keep the connecting address.
                return connecting;
            }
            if (!contains(recorded.get())) {
                return recorded.get();
            }
        }
        return connecting;
    }

    private static Optional<InetAddress> recordedClient(String received) {
        int from = received.toLowerCase(Locale.ROOT).indexOf("from ");
        int by = received.toLowerCase(Locale.ROOT).indexOf(" by ");
        if (from < 0) {
            return Optional.empty();
        }
        String fromClause = received.substring(from, by > from ? by : received.length());
        Matcher matcher = BRACKETED_ADDRESS.matcher(fromClause);
        while (matcher.find()) {
            Optional<InetAddress> address = literal(matcher.group(1));
            if (address.isPresent()) {
                return address;
            }
        }
        return Optional.empty();
    }

    private static Optional<InetAddress> literal(String text) {
        return IpLiteral.any(text);
    }
}
