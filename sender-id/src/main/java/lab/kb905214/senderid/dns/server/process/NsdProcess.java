package lab.kb905214.senderid.dns.server.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A real NSD (NLnet Labs' authoritative DNS server) that a test starts: its own config, pidfile, zone list, state
 * and log in the test's folder, serving master files on 127.0.0.1 at a free high port, stopped by its pid.
 *
 * <p>Known to work with Debian's nsd 4.6: {@code username: ""}, {@code chroot: ""} and {@code database: ""} let it
 * run as the test's user, outside a chroot, reading zone files straight into memory.
 */
public final class NsdProcess implements AutoCloseable {
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(200);
    /** nsd-checkzone's error lines: {@code ... error: FILE:LINE: MESSAGE}. */
    private static final Pattern CHECKZONE_ERROR = Pattern.compile("error: .*?:(\\d+): (.*)$");

    private static final int MAX_CHECK_ROUNDS = 5;

    private final RunningDaemon daemon;

    private NsdProcess(RunningDaemon daemon) {
        this.daemon = daemon;
    }

    /** A master-file line NSD refuses to load, with NSD's error message for it word for word. */
    public record RefusedLine(String line, String nsdError) {}

    /** What {@code nsd -v} says it is, e.g. "NSD version 4.6.1". */
    public static String version(Path nsd) throws IOException, InterruptedException {
        List<String> output = LoopbackDaemon.run(List.of(nsd.toString(), "-v"));
        return output.isEmpty() ? "unknown" : output.get(0).trim();
    }

    /**
     * Checks {@code zoneFile} with {@code nsd-checkzone} (NSD's own zone parser) and removes every line it refuses,
     * rewriting the file, until NSD loads it; returns the removed lines with NSD's errors.
     */
    public static List<RefusedLine> dropRefusedLines(Path nsdCheckzone, Name apex, Path zoneFile)
            throws IOException, InterruptedException {
        List<RefusedLine> refused = new ArrayList<>();
        for (int round = 1; round <= MAX_CHECK_ROUNDS; round++) {
            List<String> output =
                    LoopbackDaemon.run(List.of(nsdCheckzone.toString(), apex.toString(), zoneFile.toString()));
            List<String> lines = new ArrayList<>(Files.readAllLines(zoneFile, StandardCharsets.ISO_8859_1));
            List<Integer> badLines = new ArrayList<>();
            for (String said : output) {
                Matcher error = CHECKZONE_ERROR.matcher(said);
                if (error.find()) {
                    int number = Integer.parseInt(error.group(1));
                    String line = number >= 1 && number <= lines.size() ? lines.get(number - 1) : "";
                    if (line.isBlank() || line.startsWith(";")) {
                        throw new IllegalStateException("nsd-checkzone blames line " + number + " of " + zoneFile
                                + ", which holds no record: " + said);
                    }
                    refused.add(new RefusedLine(line, error.group(2)));
                    badLines.add(number);
                }
            }
            if (badLines.isEmpty()) {
                if (output.stream().anyMatch(line -> line.contains(" is ok"))) {
                    return refused;
                }
                throw new IllegalStateException(
                        "nsd-checkzone neither accepted " + zoneFile + " nor named a line: " + output);
            }
            badLines.stream().sorted((a, b) -> b - a).distinct().forEach(number -> lines.remove(number - 1));
            Files.write(zoneFile, lines, StandardCharsets.ISO_8859_1);
        }
        throw new IllegalStateException("nsd-checkzone still refuses " + zoneFile + " after " + MAX_CHECK_ROUNDS
                + " rounds of removing the lines it named");
    }

    /**
     * Starts {@code nsd -d} serving each apex from its master file (which NSD must load as is), and returns once NSD
     * answers an SOA query for every apex with authority; fails with NSD's log if it does not within
     * {@code readyWithin}.
     */
    public static NsdProcess start(Path nsd, Path directory, Map<Name, Path> zones, Duration readyWithin)
            throws IOException, InterruptedException {
        Files.createDirectories(directory.resolve("xfr"));
        return new NsdProcess(LoopbackDaemon.launch(
                "NSD",
                "nsd",
                nsd,
                directory,
                port -> config(directory, port, zones),
                address -> answersWithAuthority(address, zones.keySet()),
                readyWithin));
    }

    /** Where NSD listens (UDP and TCP). */
    public InetSocketAddress address() {
        return daemon.address();
    }

    /** The pid of the NSD this test started (the one its pidfile names). */
    public long pid() {
        return daemon.pid();
    }

    /** From starting the process to its first authoritative answer for every zone. */
    public Duration startup() {
        return daemon.startup();
    }

    /** NSD's log so far. */
    public String log() throws IOException {
        return daemon.log();
    }

    /** Stops NSD by its pid (SIGTERM, then SIGKILL if it lingers) and waits until it and its children are gone. */
    @Override
    public void close() {
        daemon.close();
    }

    private static String config(Path directory, int port, Map<Name, Path> zones) {
        StringBuilder config = new StringBuilder()
                .append("server:\n")
                .append("    ip-address: 127.0.0.1\n")
                .append("    port: ")
                .append(port)
                .append('\n')
                .append("    do-ip6: no\n")
                .append("    server-count: 1\n")
                .append("    verbosity: 1\n")
                // Run as the test's user, outside a chroot, with zones read straight into memory.
                .append("    username: \"\"\n")
                .append("    chroot: \"\"\n")
                .append("    database: \"\"\n")
                .append("    zonesdir: ")
                .append(LoopbackDaemon.quoted(directory))
                .append('\n')
                .append("    zonelistfile: ")
                .append(LoopbackDaemon.quoted(directory.resolve("zone.list")))
                .append('\n')
                .append("    pidfile: ")
                .append(LoopbackDaemon.quoted(directory.resolve("nsd.pid")))
                .append('\n')
                .append("    xfrdfile: ")
                .append(LoopbackDaemon.quoted(directory.resolve("xfrd.state")))
                .append('\n')
                .append("    xfrdir: ")
                .append(LoopbackDaemon.quoted(directory.resolve("xfr")))
                .append('\n')
                .append("    logfile: ")
                .append(LoopbackDaemon.quoted(directory.resolve("nsd.log")))
                .append('\n')
                .append("remote-control:\n")
                .append("    control-enable: no\n");
        zones.forEach((apex, file) -> config.append("zone:\n")
                .append("    name: \"")
                .append(apex)
                .append("\"\n")
                .append("    zonefile: ")
                .append(LoopbackDaemon.quoted(file))
                .append('\n'));
        return config.toString();
    }

    private static boolean answersWithAuthority(InetSocketAddress address, Iterable<Name> apexes) {
        SimpleResolver resolver = new SimpleResolver(address);
        resolver.setTimeout(PROBE_TIMEOUT);
        for (Name apex : apexes) {
            try {
                Message reply = resolver.send(Message.newQuery(Record.newRecord(apex, Type.SOA, DClass.IN)));
                boolean authoritative = reply.getRcode() == Rcode.NOERROR
                        && reply.getHeader().getFlag(Flags.AA)
                        && reply.getSection(Section.ANSWER).stream().anyMatch(r -> r instanceof SOARecord);
                if (!authoritative) {
                    return false;
                }
            } catch (IOException notYet) {
                return false;
            }
        }
        return true;
    }
}
