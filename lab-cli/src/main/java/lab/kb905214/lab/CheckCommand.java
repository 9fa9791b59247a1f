package lab.kb905214.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import lab.kb905214.senderid.check.Scope;
import lab.kb905214.senderid.check.SenderIdChecker;
import lab.kb905214.senderid.check.SenderIdRequest;
import lab.kb905214.senderid.check.SenderIdVerdict;
import lab.kb905214.senderid.dns.DnsClient;
import lab.kb905214.senderid.dns.server.EmbeddedDnsServer;
import lab.kb905214.senderid.dns.server.Zone;
import lab.kb905214.senderid.headers.HeaderField;
import lab.kb905214.senderid.headers.HeaderLimits;
import lab.kb905214.senderid.headers.HeaderReader;
import lab.kb905214.senderid.spf.SpfEvaluator;
import lab.kb905214.stress.rig.LabZone;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lab check}: one message through the Sender ID core, with everything that decided its result. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Check one message's Sender ID (or SPF) and see why.",
            "",
            "Evaluates one message with the lab's Sender ID core (SPF per RFC 7208, PRA per RFC 4407, Sender ID per "
                    + "RFC 4406) and prints the identity used (for pra: the PRA and the header it came from), the record "
                    + "chosen, the result, the explanation, the reason, and the DNS queries made. By default the lab zone "
                    + "is served by an embedded DNS server on 127.0.0.1; --zone serves another zone, --dns asks a real "
                    + "DNS server.",
            ""
        },
        sortOptions = false)
final class CheckCommand implements Callable<Integer> {
    /** The DNS client's per-query timeout. */
    static final Duration DNS_TIMEOUT = Duration.ofSeconds(2);

    @Spec
    CommandSpec spec;

    @Option(
            names = "--ip",
            required = true,
            paramLabel = "IP",
            converter = Arguments.IpLiteral.class,
            description = "the SMTP client's address (a literal, IPv4 or IPv6)")
    InetAddress ip;

    @Option(names = "--helo", required = true, paramLabel = "NAME", description = "the HELO/EHLO name")
    String helo;

    @Option(
            names = "--mail-from",
            paramLabel = "ADDR",
            description =
                    "the MAIL FROM address (default: empty, the null reverse-path; SPF then checks the HELO name)")
    String mailFrom;

    @Option(
            names = "--headers",
            paramLabel = "FILE.eml",
            converter = Arguments.UserPath.class,
            description = "a message (or just its header section); the pra scope reads its headers")
    Path headersFile;

    @Option(
            names = "--scope",
            paramLabel = "SCOPE",
            converter = Arguments.ScopeName.class,
            completionCandidates = Arguments.ScopeCandidates.class,
            description = "spf, mfrom or pra (default: pra with --headers, else spf)")
    Scope scope;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    DnsSource dns;

    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;

    /** Where the DNS answers come from: a zone served by an embedded server, or a real server. */
    static final class DnsSource {
        @Option(
                names = "--zone",
                paramLabel = "FILE",
                converter = Arguments.UserPath.class,
                description = "serve this zone: OpenSPF YAML zonedata (.yml/.yaml) or an RFC 1035 master file")
        Path zoneFile;

        @Option(
                names = "--dns",
                paramLabel = "HOST:PORT",
                converter = Arguments.HostPort.class,
                description = "ask this DNS server instead of serving a zone")
        InetSocketAddress server;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Scope checked = scope != null ? scope : headersFile != null ? Scope.PRA : Scope.SPF;
        if (checked == Scope.PRA && headersFile == null) {
            throw new ParameterException(spec.commandLine(), "--scope pra needs the message: --headers FILE.eml");
        }
        List<HeaderField> headers = headersFile == null ? List.of() : readHeaders(headersFile);
        SenderIdRequest request =
                new SenderIdRequest(ip, helo, mailFrom == null ? "" : mailFrom.trim(), headers, checked);
        Zone zone = dns != null && dns.server != null ? null : zone();
        String dnsSource;
        SenderIdVerdict verdict;
        // The embedded server exists only for this one check.
        try (EmbeddedDnsServer server = zone == null ? null : EmbeddedDnsServer.start(zone)) {
            InetSocketAddress address = server == null ? dns.server : server.address();
            dnsSource = server == null
                    ? "the DNS server at " + show(address)
                    : "the embedded DNS server at " + show(address) + " serving "
                            + (dns == null || dns.zoneFile == null ? "the lab zone" : dns.zoneFile.toString());
            try (DnsClient client = DnsClient.create(address, DNS_TIMEOUT)) {
                verdict = evaluate(client, request);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? json(request, verdict, dnsSource) : text(request, verdict, dnsSource));
        out.flush();
        return ExitCodes.OK;
    }

    private static SenderIdVerdict evaluate(DnsClient client, SenderIdRequest request)
            throws IOException, InterruptedException {
        SpfEvaluator.Options options = SpfEvaluator.Options.defaults();
        SenderIdChecker checker = new SenderIdChecker(new SpfEvaluator(client, options));
        // The evaluator bounds itself; this bound only guards against a defect in it.
        long limit = options.evaluationTimeout().plusSeconds(5).toMillis();
        try {
            return checker.check(request).toCompletableFuture().get(limit, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("the check failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the check did not finish within " + limit + " ms");
        }
    }

    private Zone zone() {
        if (dns == null || dns.zoneFile == null) {
            return LabZone.load();
        }
        try {
            return ZoneFile.load(dns.zoneFile);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--zone: " + e.getMessage());
        }
    }

    private List<HeaderField> readHeaders(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), "--headers: " + file + " does not exist or is not a file");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return new HeaderReader(HeaderLimits.defaults()).read(in);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--headers: cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String text(SenderIdRequest request, SenderIdVerdict verdict, String dnsSource) {
        StringBuilder out = new StringBuilder();
        out.append("Sender ID check, scope ")
                .append(Arguments.scopeName(verdict.scope()))
                .append(", of a message from ")
                .append(request.clientIp().getHostAddress())
                .append(" (HELO ")
                .append(request.helo().isEmpty() ? "-" : request.helo())
                .append(", MAIL FROM <")
                .append(request.mailFrom())
                .append(">)\n");
        row(
                out,
                "identity",
                verdict.identity().isEmpty() ? "(none)" : verdict.identity() + "  (" + source(verdict) + ")");
        row(out, "record", verdict.record().isEmpty() ? "(none)" : verdict.record());
        row(out, "result", verdict.result().keyword());
        row(out, "reason", verdict.reason().isEmpty() ? "-" : verdict.reason());
        row(out, "explanation", verdict.explanation().isEmpty() ? "-" : verdict.explanation());
        row(out, "DNS queries", verdict.dnsQueries().size() + ", answered by " + dnsSource);
        for (String query : verdict.dnsQueries()) {
            out.append("  ").append(query).append('\n');
        }
        return out.toString().stripTrailing();
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append(String.format("%-13s%s%n", name, value));
    }

    /** Where the identity came from, in words. */
    static String source(SenderIdVerdict verdict) {
        return switch (verdict.identitySource()) {
            case "mailfrom" -> "MAIL FROM";
            case "helo" -> "the HELO name: MAIL FROM is empty";
            case "" -> "-";
            default -> "the PRA, from the " + headerName(verdict.identitySource()) + " header";
        };
    }

    private static String headerName(String lowerCase) {
        return switch (lowerCase) {
            case "resent-sender" -> "Resent-Sender";
            case "resent-from" -> "Resent-From";
            case "sender" -> "Sender";
            case "from" -> "From";
            default -> lowerCase;
        };
    }

    private static String json(SenderIdRequest request, SenderIdVerdict verdict, String dnsSource) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clientIp", request.clientIp().getHostAddress());
        out.put("helo", request.helo());
        out.put("mailFrom", request.mailFrom());
        out.put("scope", Arguments.scopeName(verdict.scope()));
        out.put("identity", verdict.identity());
        out.put("identitySource", verdict.identitySource());
        out.put("record", verdict.record());
        out.put("result", verdict.result().keyword());
        out.put("reason", verdict.reason());
        out.put("explanation", verdict.explanation());
        out.put("dnsQueries", verdict.dnsQueries());
        out.put("dns", dnsSource);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out);
    }

    private static String show(InetSocketAddress address) {
        String host = address.getAddress() == null
                ? address.getHostString()
                : address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
