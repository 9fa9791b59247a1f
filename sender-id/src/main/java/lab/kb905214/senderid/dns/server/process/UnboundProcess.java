package lab.kb905214.senderid.dns.server.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A real Unbound (NLnet Labs' caching resolver) that a test starts: its own config, pidfile, log and control socket
 * in the test's folder, listening on 127.0.0.1 at a free high port and resolving the given zones from one
 * authoritative server (a stub zone each, e.g. an {@link NsdProcess}), stopped by its pid.
 *
 * <p>Known to work with Debian's unbound 1.17: {@code username: ""} and {@code chroot: ""} let it run as the test's
 * user outside a chroot; {@code do-not-query-localhost: no} lets it ask a server on 127.0.0.1, which it refuses by
 * default. A stub zone is given per zone rather than for the root, because a stub for "." makes Unbound prime the
 * root's NS records first, and a root zone written from test data has none.
 */
public final class UnboundProcess implements AutoCloseable {
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(200);

    private final RunningDaemon daemon;
    private final Path directory; // its control socket's config lives there

    private UnboundProcess(RunningDaemon daemon, Path directory) {
        this.daemon = daemon;
        this.directory = directory;
    }

    /** What {@code unbound -V} says it is, e.g. "unbound 1.17.1". */
    public static String version(Path unbound) throws IOException, InterruptedException {
        List<String> output = LoopbackDaemon.run(List.of(unbound.toString(), "-V"));
        return output.isEmpty()
                ? "unbound (version unknown)"
                : "unbound " + output.get(0).trim().replaceFirst("^Version ", "");
    }

    /**
     * Starts {@code unbound -d} resolving each of {@code stubZones} from {@code authority}, and returns once Unbound
     * answers a recursive query for each zone's apex with an answer it got from that server; fails with Unbound's
     * log if it does not within {@code readyWithin}.
     */
    public static UnboundProcess start(
            Path unbound, Path directory, List<Name> stubZones, InetSocketAddress authority, Duration readyWithin)
            throws IOException, InterruptedException {
        if (stubZones.isEmpty()) {
            throw new IllegalArgumentException("Unbound needs at least one stub zone to resolve from " + authority);
        }
        Files.createDirectories(directory);
        return new UnboundProcess(
                LoopbackDaemon.launch(
                        "Unbound",
                        "unbound",
                        unbound,
                        directory,
                        port -> config(directory, port, stubZones, authority),
                        address -> resolves(address, stubZones),
                        readyWithin),
                directory);
    }

    /** Where Unbound listens (UDP and TCP). */
    public InetSocketAddress address() {
        return daemon.address();
    }

    /** The pid of the Unbound this test started. */
    public long pid() {
        return daemon.pid();
    }

    /** From starting the process to its first answer resolved from the authoritative server. */
    public Duration startup() {
        return daemon.startup();
    }

    /** Unbound's log so far. */
    public String log() throws IOException {
        return daemon.log();
    }

    /**
     * Unbound's counters since it started, read with {@code unbound-control stats_noreset} over its control socket:
     * e.g. {@code total.num.queries}, {@code total.num.cachehits}, {@code total.num.cachemiss}.
     */
    public Map<String, Double> stats(Path unboundControl) throws IOException, InterruptedException {
        List<String> output = LoopbackDaemon.run(List.of(
                unboundControl.toString(),
                "-c",
                directory.resolve("unbound.conf").toString(),
                "stats_noreset"));
        Map<String, Double> stats = new LinkedHashMap<>();
        for (String line : output) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                try {
                    stats.put(line.substring(0, equals), Double.parseDouble(line.substring(equals + 1)));
                } catch (NumberFormatException notACounter) {
                    // a line that is not name=number (unbound-control's errors): not a counter
                }
            }
        }
        if (!stats.containsKey("total.num.queries")) {
            throw new IllegalStateException("unbound-control gave no total.num.queries: " + output);
        }
        return stats;
    }

    /** Stops Unbound by its pid (SIGTERM, then SIGKILL if it lingers) and waits until it is gone. */
    @Override
    public void close() {
        daemon.close();
    }

    private static String config(Path directory, int port, List<Name> stubZones, InetSocketAddress authority) {
        StringBuilder config = new StringBuilder()
                .append("server:\n")
                .append("    interface: 127.0.0.1\n")
                .append("    port: ")
                .append(port)
                .append('\n')
                .append("    do-ip6: no\n")
                .append("    num-threads: 1\n")
                .append("    verbosity: 1\n")
                // Run as the test's user, outside a chroot, writing only into the test's folder.
                .append("    username: \"\"\n")
                .append("    chroot: \"\"\n")
                .append("    directory: ")
                .append(LoopbackDaemon.quoted(directory))
                .append('\n')
                .append("    pidfile: ")
                .append(LoopbackDaemon.quoted(directory.resolve("unbound.pid")))
                .append('\n')
                .append("    logfile: ")
                .append(LoopbackDaemon.quoted(directory.resolve("unbound.log")))
                .append('\n')
                .append("    use-syslog: no\n")
                // The authoritative server is on 127.0.0.1, which Unbound refuses to ask by default.
                .append("    do-not-query-localhost: no\n")
                .append("    access-control: 127.0.0.0/8 allow\n")
                // No trust anchor: the test zones are unsigned, so validation would only add work.
                .append("    module-config: \"iterator\"\n")
                // The authoritative server holds every name itself: there is no delegation to discover step by step.
                .append("    qname-minimisation: no\n")
                .append("remote-control:\n")
                .append("    control-enable: yes\n")
                // A Unix socket in the test's folder, so no TLS keys are needed and no TCP port is taken.
                .append("    control-interface: ")
                .append(LoopbackDaemon.quoted(directory.resolve("unbound.ctl")))
                .append('\n')
                .append("    control-use-cert: no\n");
        for (Name zone : stubZones) {
            config.append("stub-zone:\n")
                    .append("    name: \"")
                    .append(zone)
                    .append("\"\n")
                    .append("    stub-addr: ")
                    .append(authority.getAddress().getHostAddress())
                    .append('@')
                    .append(authority.getPort())
                    .append('\n');
        }
        return config.toString();
    }

    // Ready when every stub zone's apex resolves through the authority: NOERROR or NXDOMAIN with recursion
    // available. Unbound says SERVFAIL while it cannot reach the authority, REFUSED before its access control is up.
    private static boolean resolves(InetSocketAddress address, List<Name> stubZones) {
        SimpleResolver resolver = new SimpleResolver(address);
        resolver.setTimeout(PROBE_TIMEOUT);
        for (Name zone : stubZones) {
            try {
                Message reply = resolver.send(Message.newQuery(Record.newRecord(zone, Type.SOA, DClass.IN)));
                boolean resolved = (reply.getRcode() == Rcode.NOERROR || reply.getRcode() == Rcode.NXDOMAIN)
                        && reply.getHeader().getFlag(Flags.RA);
                if (!resolved) {
                    return false;
                }
            } catch (IOException notYet) {
                return false;
            }
        }
        return true;
    }
}
