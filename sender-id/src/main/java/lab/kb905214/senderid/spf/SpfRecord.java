package lab.kb905214.senderid.spf;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The terms of one SPF (or Sender ID) record, parsed in full before evaluation (RFC 7208 §4.6, §12 ABNF).
 *
 * <p>Parsing never touches DNS. Every syntax error anywhere in the record is found here, so that, as §4.6 asks,
 * a record with an error yields PermError without any mechanism being evaluated.
 */
public final class SpfRecord {

    /** A directive's qualifier and the result it gives when its mechanism matches. */
    public enum Qualifier {
        PASS,
        FAIL,
        SOFTFAIL,
        NEUTRAL;

        SpfResult result() {
            return SpfResult.valueOf(name());
        }
    }

    /** A mechanism; the domain-spec is null where the record gave none (the current domain is meant). */
    public sealed interface Mechanism {
        /** Whether evaluating it costs a DNS-querying term (§4.6.4): include, a, mx, ptr, exists. */
        default boolean queriesDns() {
            return !(this instanceof All || this instanceof Ip4 || this instanceof Ip6);
        }
    }

    /** {@code all}. */
    public record All() implements Mechanism {}

    /** {@code include:domain}. */
    public record Include(MacroString domain) implements Mechanism {}

    /** {@code a[:domain][/cidr4][//cidr6]}. */
    public record A(MacroString domain, int cidr4, int cidr6) implements Mechanism {}

    /** {@code mx[:domain][/cidr4][//cidr6]}. */
    public record Mx(MacroString domain, int cidr4, int cidr6) implements Mechanism {}

    /** {@code ptr[:domain]} (discouraged by RFC 7208, still evaluated). */
    public record Ptr(MacroString domain) implements Mechanism {}

    /** {@code ip4:network[/cidr]}. */
    public record Ip4(InetAddress network, int prefix) implements Mechanism {}

    /** {@code ip6:network[/cidr]}. */
    public record Ip6(InetAddress network, int prefix) implements Mechanism {}

    /** {@code exists:domain}. */
    public record Exists(MacroString domain) implements Mechanism {}

    /** A qualifier, a mechanism, and the term as written (for explanations and reports). */
    public record Directive(Qualifier qualifier, Mechanism mechanism, String text) {}

    private static final Pattern MODIFIER = Pattern.compile("([A-Za-z][A-Za-z0-9_.\\-]*)=(.*)", Pattern.DOTALL);
    private static final Pattern MECHANISM_NAME = Pattern.compile("[A-Za-z0-9]+");
    private static final Pattern DUAL_CIDR = Pattern.compile("(?:/(\\d+))?(?://(\\d+))?$");
    private static final Pattern TOPLABEL =
            Pattern.compile("[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*|[A-Za-z0-9]+-[A-Za-z0-9\\-]*[A-Za-z0-9]");

    private final String text;
    private final List<Directive> directives;
    private final MacroString redirect;
    private final MacroString explanation;

    private SpfRecord(String text, List<Directive> directives, MacroString redirect, MacroString explanation) {
        this.text = text;
        this.directives = List.copyOf(directives);
        this.redirect = redirect;
        this.explanation = explanation;
    }

    /**
     * Parses the terms that follow the version tag ({@code v=spf1} or {@code spf2.0/...}).
     *
     * @param terms the rest of the record, e.g. {@code " ip4:192.0.2.0/24 -all"}
     */
    public static SpfRecord parse(String terms) throws SpfSyntaxException {
        for (int i = 0; i < terms.length(); i++) {
            char c = terms.charAt(i);
            if (c > 0x7e || (c < 0x20)) {
                // §3.1/§4.5: records are 7-bit ASCII; control characters and bytes >= 0x7F are errors.
                throw new SpfSyntaxException("non-ASCII or control character at position " + i + " of the record");
            }
        }
        List<Directive> directives = new ArrayList<>();
        MacroString redirect = null;
        MacroString explanation = null;
        for (String term : terms.split(" ", -1)) {
            if (term.isEmpty()) {
                continue;
            }
            Matcher modifier = MODIFIER.matcher(term);
            if (modifier.matches()) {
                String name = modifier.group(1).toLowerCase(Locale.ROOT);
                String value = modifier.group(2);
                switch (name) {
                    case "redirect" -> {
                        if (redirect != null) {
                            throw new SpfSyntaxException("redirect= appears twice");
                        }
                        redirect = domainSpec(value, term);
                    }
                    case "exp" -> {
                        if (explanation != null) {
                            throw new SpfSyntaxException("exp= appears twice");
                        }
                        explanation = domainSpec(value, term);
                    }
                    default -> MacroString.parse(value); // unknown modifiers are ignored, but must be well-formed
                }
                continue;
            }
            directives.add(directive(term));
        }
        return new SpfRecord(terms.trim(), directives, redirect, explanation);
    }

    private static Directive directive(String term) throws SpfSyntaxException {
        Qualifier qualifier = Qualifier.PASS;
        String rest = term;
        switch (term.charAt(0)) {
            case '+' -> {
                qualifier = Qualifier.PASS;
                rest = term.substring(1);
            }
            case '-' -> {
                qualifier = Qualifier.FAIL;
                rest = term.substring(1);
            }
            case '~' -> {
                qualifier = Qualifier.SOFTFAIL;
                rest = term.substring(1);
            }
            case '?' -> {
                qualifier = Qualifier.NEUTRAL;
                rest = term.substring(1);
            }
            default -> {}
        }
        int end = 0;
        while (end < rest.length() && rest.charAt(end) != ':' && rest.charAt(end) != '/') {
            end++;
        }
        String name = rest.substring(0, end);
        String argument = rest.substring(end);
        if (!MECHANISM_NAME.matcher(name).matches()) {
            throw new SpfSyntaxException("unknown term \"" + term + "\"");
        }
        Mechanism mechanism = switch (name.toLowerCase(Locale.ROOT)) {
            case "all" -> {
                if (!argument.isEmpty()) {
                    throw new SpfSyntaxException("\"all\" takes no argument: \"" + term + "\"");
                }
                yield new All();
            }
            case "include" -> new Include(requiredDomain(argument, term));
            case "exists" -> new Exists(requiredDomain(argument, term));
            case "ptr" -> new Ptr(optionalDomain(argument, term));
            case "a", "mx" -> {
                Matcher cidr = DUAL_CIDR.matcher(argument);
                cidr.find(); // always matches, possibly empty, at the end
                String domainPart = argument.substring(0, cidr.start());
                int cidr4 = cidrLength(cidr.group(1), 32, term);
                int cidr6 = cidrLength(cidr.group(2), 128, term);
                MacroString domain = optionalDomain(domainPart, term);
                yield name.equalsIgnoreCase("a") ? new A(domain, cidr4, cidr6) : new Mx(domain, cidr4, cidr6);
            }
            case "ip4" -> ipNetwork(argument, term, true);
            case "ip6" -> ipNetwork(argument, term, false);
            default -> throw new SpfSyntaxException("unknown mechanism \"" + name + "\" in \"" + term + "\"");
        };
        return new Directive(qualifier, mechanism, term);
    }

    private static Mechanism ipNetwork(String argument, String term, boolean ip4) throws SpfSyntaxException {
        if (!argument.startsWith(":")) {
            throw new SpfSyntaxException("missing network in \"" + term + "\"");
        }
        String network = argument.substring(1);
        String prefixText = null;
        int slash = network.indexOf('/');
        if (slash >= 0) {
            prefixText = network.substring(slash + 1);
            network = network.substring(0, slash);
            if (!prefixText.matches("\\d+")) {
                throw new SpfSyntaxException("invalid CIDR length in \"" + term + "\"");
            }
        }
        int max = ip4 ? 32 : 128;
        int prefix = cidrLength(prefixText, max, term);
        Optional<InetAddress> address = ip4 ? IpLiteral.ip4(network) : IpLiteral.ip6(network);
        if (address.isEmpty()) {
            throw new SpfSyntaxException("invalid " + (ip4 ? "IPv4" : "IPv6") + " network in \"" + term + "\"");
        }
        if (ip4) {
            return new Ip4(address.get(), prefix);
        }
        // Java reads "::ffff:a.b.c.d" as an IPv4 address; an ip6 network stays IPv6, so it never matches IPv4 clients.
        return new Ip6(asIpv6(address.get()), prefix);
    }

    private static InetAddress asIpv6(InetAddress address) throws SpfSyntaxException {
        if (address instanceof Inet6Address) {
            return address;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(address.getAddress(), 0, mapped, 12, 4);
        try {
            return Inet6Address.getByAddress(null, mapped, null);
        } catch (UnknownHostException e) {
            throw new SpfSyntaxException("invalid IPv6 network " + address);
        }
    }

    // §5.6: "/0" is allowed, leading zeros are not, and the length may not exceed the address size.
    private static int cidrLength(String digits, int max, String term) throws SpfSyntaxException {
        if (digits == null) {
            return max;
        }
        if ((digits.length() > 1 && digits.startsWith("0")) || digits.length() > 3 || Integer.parseInt(digits) > max) {
            throw new SpfSyntaxException("invalid CIDR length /" + digits + " in \"" + term + "\"");
        }
        return Integer.parseInt(digits);
    }

    private static MacroString requiredDomain(String argument, String term) throws SpfSyntaxException {
        if (!argument.startsWith(":") || argument.length() == 1) {
            throw new SpfSyntaxException("missing domain in \"" + term + "\"");
        }
        return domainSpec(argument.substring(1), term);
    }

    private static MacroString optionalDomain(String argument, String term) throws SpfSyntaxException {
        if (argument.isEmpty()) {
            return null;
        }
        return requiredDomain(argument, term);
    }

    /** Parses a domain-spec: a macro-string that ends in a macro or in "." toplabel ["."] (§7.1). */
    static MacroString domainSpec(String value, String term) throws SpfSyntaxException {
        if (value.isEmpty()) {
            throw new SpfSyntaxException("empty domain in \"" + term + "\"");
        }
        MacroString spec = MacroString.parse(value);
        if (!spec.endsWithMacro()) {
            String tail = value.substring(value.lastIndexOf('}') + 1);
            if (tail.endsWith(".")) {
                tail = tail.substring(0, tail.length() - 1);
            }
            int dot = tail.lastIndexOf('.');
            if (dot < 0 || !TOPLABEL.matcher(tail.substring(dot + 1)).matches()) {
                throw new SpfSyntaxException("invalid domain \"" + value + "\" in \"" + term + "\"");
            }
        }
        return spec;
    }

    /** The directives, in order. */
    public List<Directive> directives() {
        return directives;
    }

    /** The redirect= target, if any. */
    public Optional<MacroString> redirect() {
        return Optional.ofNullable(redirect);
    }

    /** The exp= domain, if any. */
    public Optional<MacroString> explanation() {
        return Optional.ofNullable(explanation);
    }

    /** The terms as written. */
    @Override
    public String toString() {
        return text;
    }
}
