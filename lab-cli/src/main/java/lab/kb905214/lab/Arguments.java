package lab.kb905214.lab;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import lab.kb905214.senderid.check.Scope;
import lab.kb905214.stress.schedule.Scenario;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The converters for the lab's argument types, each with a message that says what was expected. */
final class Arguments {
    // Literals only: InetAddress.getByName would look a host name up in DNS, which a check's input must never do.
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private Arguments() {}

    /** Parses an IPv4 or IPv6 literal (never a host name). */
    static final class IpLiteral implements ITypeConverter<InetAddress> {
        @Override
        public InetAddress convert(String value) {
            String text = value.trim();
            if (IPV4.matcher(text).matches()) {
                for (String part : text.split("\\.", -1)) {
                    if (Integer.parseInt(part) > 255) {
                        throw new TypeConversionException("'" + value + "' is not an IPv4 address");
                    }
                }
            } else if (!IPV6.matcher(text).matches()) {
                throw new TypeConversionException(
                        "expected an IP address such as 127.0.0.1 or ::1, not '" + value + "'");
            }
            try {
                return InetAddress.getByName(text); // a literal: parsed, not looked up
            } catch (UnknownHostException e) {
                throw new TypeConversionException("'" + value + "' is not an IP address");
            }
        }
    }

    /** Parses HOST:PORT (an IP literal, [v6]:port, or a host name) into an unresolved-free socket address. */
    static final class HostPort implements ITypeConverter<InetSocketAddress> {
        @Override
        public InetSocketAddress convert(String value) {
            String text = value.trim();
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                throw new TypeConversionException("expected HOST:PORT such as 127.0.0.1:53, not '" + value + "'");
            }
            String host = text.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port = Ports.parse(text.substring(colon + 1), false);
            try {
                return new InetSocketAddress(InetAddress.getByName(host), port);
            } catch (UnknownHostException e) {
                throw new TypeConversionException("cannot resolve the DNS server's host '" + host + "'");
            }
        }
    }

    /**
     * A file or folder named on the command line, relative to the folder the user ran {@code ./lab} from (the
     * script runs the JVM at the repository root, so that the commit recorded in results files is this one's).
     */
    static final class UserPath implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            if (value.isBlank()) {
                throw new TypeConversionException("expected a path, not an empty string");
            }
            return LabPaths.userDir().resolve(value).normalize();
        }
    }

    /** Parses a port number; 0 (an ephemeral port) only where the option allows it. */
    static final class Ports implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return parse(value, true);
        }

        static int parse(String value, boolean zeroAllowed) {
            try {
                int port = Integer.parseInt(value.trim());
                if (port >= (zeroAllowed ? 0 : 1) && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException(
                    "expected a port number " + (zeroAllowed ? "0" : "1") + "-65535, not '" + value + "'");
        }
    }

    /** Parses spf, mfrom or pra. */
    static final class ScopeName implements ITypeConverter<Scope> {
        @Override
        public Scope convert(String value) {
            for (Scope scope : Scope.values()) {
                if (scope.name().equalsIgnoreCase(value.trim())) {
                    return scope;
                }
            }
            throw new TypeConversionException("expected spf, mfrom or pra, not '" + value + "'");
        }
    }

    /** The scopes, for the usage message. */
    static final class ScopeCandidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("spf", "mfrom", "pra").iterator();
        }
    }

    /** Parses a schedule's name: one of {@link Scenario}'s. */
    static final class ScenarioName implements ITypeConverter<Scenario> {
        @Override
        public Scenario convert(String value) {
            for (Scenario scenario : Scenario.values()) {
                if (scenario.name().equalsIgnoreCase(value.trim())) {
                    return scenario;
                }
            }
            throw new TypeConversionException("expected one of "
                    + String.join(
                            ", ",
                            Arrays.stream(Scenario.values()).map(Scenario::name).toList())
                    + ", not '" + value + "'");
        }
    }

    /** The schedules, for the usage message. */
    static final class ScenarioCandidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Scenario.values()).map(Scenario::name).iterator();
        }
    }

    /** Lower-case name of a scope, as the RFCs write it. */
    static String scopeName(Scope scope) {
        return scope.name().toLowerCase(Locale.ROOT);
    }
}
