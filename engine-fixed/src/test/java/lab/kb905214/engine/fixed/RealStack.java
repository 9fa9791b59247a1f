package lab.kb905214.engine.fixed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import lab.kb905214.engine.smtp.EngineConfig;
import lab.kb905214.engine.smtp.EngineCounters;
import lab.kb905214.engine.smtp.VirtualServer;
import lab.kb905214.engine.thread.ThreadRole;
import lab.kb905214.senderid.check.SenderIdChecker;
import lab.kb905214.senderid.dns.DnsClient;
import lab.kb905214.senderid.dns.server.EmbeddedDnsServer;
import lab.kb905214.senderid.dns.server.OpenSpfZoneData;
import lab.kb905214.senderid.spf.SpfEvaluator;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * engine-fixed with everything real around it: the embedded DNS server on 127.0.0.1 serving
 * {@code real-stack-zone.yml}, the dnsjava client (500 ms per query), the SPF evaluator, the Sender ID checker and a
 * fresh Maildir in the test's directory; plus a raw-socket SMTP {@link Client}. Closing it stops everything and waits
 * (bounded) until the threads the stack started have ended.
 */
final class RealStack implements AutoCloseable {
    /** The bound on every wait for something asynchronous in these tests. */
    static final Duration WAIT = Duration.ofSeconds(15);
    /** Short, so a name that never answers turns into a TempError quickly. */
    static final Duration DNS_TIMEOUT = Duration.ofMillis(500);
    /** The server's host name, also the authserv-id of the Authentication-Results it stamps. */
    static final String HOST = "mx.lab.test";

    /** Designates 127.0.0.1 only. */
    static final String PASS = "pass.test";
    /** Designates 192.0.2.0/24 only, with -all. */
    static final String FAIL = "fail.test";
    /** Designates 192.0.2.0/24 only, with ~all. */
    static final String SOFTFAIL = "softfail.test";
    /** Like {@link #PASS}; {@link #delayAnswers} makes its check stay in flight for a while. */
    static final String SLOW = "slow.test";
    /** Its name server never answers. */
    static final String TEMPERROR = "temperror.test";
    /** Its record has an unknown mechanism. */
    static final String PERMERROR = "permerror.test";
    /** The client address a perimeter relay records in its Received header; inside {@link #FAIL}'s range. */
    static final String RELAYED_CLIENT = "192.0.2.10";

    // The threads a stack starts and must end: the engine's own (by their role) and the embedded DNS server's.
    private static final String EMBEDDED_DNS_THREADS = "embedded-dns-";
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:[ \\t]*(<[^>\\r\\n]*>)");

    private final long threadBaseline;
    private final EmbeddedDnsServer dns;
    private final DnsClient dnsClient;
    private final Path maildir;
    private final VirtualServer server;
    private boolean closed;

    private RealStack(
            long threadBaseline, EmbeddedDnsServer dns, DnsClient dnsClient, Path maildir, VirtualServer server) {
        this.threadBaseline = threadBaseline;
        this.dns = dns;
        this.dnsClient = dnsClient;
        this.maildir = maildir;
        this.server = server;
    }

    /**
     * Starts the stack with the engine's defaults (default policy, 20 s verdict bound, host {@link #HOST}), its
     * Maildir in {@code dir} (a test's temporary directory, which outlives {@link #close()} for the last checks).
     */
    static RealStack start(Path dir) throws IOException {
        return start(dir, b -> b);
    }

    /** Starts the stack; {@code settings} adjusts the engine's configuration (policy, perimeter, limits). */
    static RealStack start(Path dir, UnaryOperator<EngineConfig.Builder> settings) throws IOException {
        long baseline = engineThreadNames().size();
        EmbeddedDnsServer dns = EmbeddedDnsServer.start(OpenSpfZoneData.load(zoneFile()));
        DnsClient client = DnsClient.create(dns.address(), DNS_TIMEOUT);
        Path maildir = dir.resolve("maildir");
        try {
            SpfEvaluator evaluator = new SpfEvaluator(client, SpfEvaluator.Options.defaults());
            EngineConfig config = settings.apply(EngineConfig.builder(maildir, new SenderIdChecker(evaluator))
                            .hostName(HOST))
                    .build();
            return new RealStack(baseline, dns, client, maildir, FixedEngine.start(config));
        } catch (IOException | RuntimeException e) {
            client.close();
            dns.close();
            throw e;
        }
    }

    /** The engine. */
    VirtualServer server() {
        return server;
    }

    /** The engine's SMTP port on 127.0.0.1. */
    int port() {
        return server.port();
    }

    /** The embedded DNS server. */
    EmbeddedDnsServer dns() {
        return dns;
    }

    /** Holds every DNS answer about {@code domain} for {@code delay}, so its checks stay in flight that long. */
    void delayAnswers(String domain, Duration delay) {
        try {
            dns.faults().latency(Name.fromString(domain + "."), delay, Duration.ZERO);
        } catch (TextParseException e) {
            throw new IllegalArgumentException(domain, e);
        }
    }

    /** A raw-socket client connected to the engine (greeting not yet read). */
    Client connect() throws IOException {
        return new Client(port());
    }

    /** The text of every message in new/, in no particular order. */
    List<String> storedTexts() throws IOException {
        List<String> texts = new ArrayList<>();
        for (Path file : server.maildir().storedMessages()) {
            texts.add(Files.readString(file, StandardCharsets.ISO_8859_1));
        }
        return texts;
    }

    /** The Message-ID of every message in new/, one per file (a file without one counts as "none"). */
    List<String> storedMessageIds() throws IOException {
        List<String> ids = new ArrayList<>();
        for (String text : storedTexts()) {
            ids.add(messageIdOf(text));
        }
        return ids;
    }

    /** The stored text of the message a "250 ... queued as NAME" reply names. */
    String storedFor(String reply250) throws IOException {
        assertThat(reply250).startsWith("250 ").contains("queued as ");
        String name = reply250.substring(reply250.indexOf("queued as ") + "queued as ".length())
                .trim();
        Path file = server.maildir().newDirectory().resolve(name);
        assertThat(file).as("the message the 250 names").isRegularFile();
        return Files.readString(file, StandardCharsets.ISO_8859_1);
    }

    /**
     * The store's invariants (nothing answered 250 is lost): every 250 to DATA is one file in new/ or one counted
     * Delete, nothing else is in new/, no two files hold the same message, and no spool file is left in tmp/.
     */
    void assertStoreConsistent() throws IOException {
        EngineCounters.Snapshot counts = server.counters().snapshot();
        assertThat(server.maildir().storedCount()).as("files in new/").isEqualTo(counts.accepted());
        assertThat(counts.replies2xx()).as("250 replies to DATA").isEqualTo(counts.accepted() + counts.deleted());
        assertThat(server.maildir().deletedByPolicy()).as("deleted by policy").isEqualTo(counts.deleted());
        assertThat(storedMessageIds()).as("Message-IDs in new/").doesNotHaveDuplicates();
        try (Stream<Path> spool = Files.list(maildir.resolve("tmp"))) {
            assertThat(spool).as("spool files left in tmp/").isEmpty();
        }
    }

    /** Stops the engine, the DNS client and server, then waits until the stack's threads are gone. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } finally {
            dnsClient.close();
            dns.close();
        }
        await("the stack's threads to end")
                .atMost(WAIT)
                .untilAsserted(() -> assertThat(engineThreadNames())
                        .as("engine threads (baseline %d before the stack started)", threadBaseline)
                        .hasSize((int) threadBaseline));
    }

    /** The live threads of the kinds a stack starts and must end, in any stack of this JVM. */
    static List<String> engineThreadNames() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> ThreadRole.endsWithItsEngine(name) || name.startsWith(EMBEDDED_DNS_THREADS))
                .sorted()
                .toList();
    }

    /** The live connection watcher threads ("watcher-&lt;session&gt;") in this JVM. */
    static long watcherThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && ThreadRole.WATCHER.names(t.getName()))
                .count();
    }

    /** The Message-ID of a message text, or "none". */
    static String messageIdOf(String text) {
        Matcher m = MESSAGE_ID.matcher(text);
        return m.find() ? m.group(1) : "none";
    }

    /** A small message whose PRA is alice@{@code domain}; {@code messageId} includes its angle brackets. */
    static String message(String domain, String messageId) {
        return "From: Alice <alice@" + domain + ">\r\n"
                + "To: bob@example.net\r\n"
                + "Subject: to " + domain + "\r\n"
                + "Message-ID: " + messageId + "\r\n"
                + "\r\n"
                + "Hello Bob.\r\n"
                + "..a line that starts with a dot\r\n";
    }

    /** MAIL, RCPT and DATA for a message from alice@{@code domain}, as one pipelined write. */
    static String envelope(String domain) {
        return "MAIL FROM:<alice@" + domain + ">\r\nRCPT TO:<bob@example.net>\r\nDATA\r\n";
    }

    private static Path zoneFile() {
        try {
            return Path.of(RealStack.class.getResource("real-stack-zone.yml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A plain-socket SMTP client: writes exact bytes, reads replies line by line; every read is bounded (10 s). */
    static final class Client implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Client(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        /** Writes {@code text} as is, in one write (the caller supplies the CRLFs). */
        Client send(String text) throws IOException {
            return send(text.getBytes(StandardCharsets.ISO_8859_1));
        }

        /** Writes raw bytes in one write. */
        Client send(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
            return this;
        }

        /**
         * Reads one reply and returns its last line (the one with the final code); null when the server closed the
         * connection (end of stream, or a reset because unread client bytes were still in its buffer).
         */
        String reply() throws IOException {
            List<String> lines = replyLines();
            return lines == null ? null : lines.get(lines.size() - 1);
        }

        /** Reads one reply, all its lines; null when the server closed the connection. */
        List<String> replyLines() throws IOException {
            List<String> lines = new ArrayList<>();
            while (true) {
                String line;
                try {
                    line = line();
                } catch (SocketException e) {
                    line = null; // a reset: closed by the server while our bytes were unread
                }
                if (line == null) {
                    return lines.isEmpty() ? null : lines;
                }
                lines.add(line);
                if (line.length() < 4 || line.charAt(3) != '-') {
                    return lines;
                }
            }
        }

        /** Sends one command line and returns its reply's last line. */
        String command(String line) throws IOException {
            send(line + "\r\n");
            return reply();
        }

        /** Reads the greeting, sends EHLO and returns the EHLO reply's lines. */
        List<String> hello() throws IOException {
            String greeting = reply();
            assertThat(greeting).as("greeting").startsWith("220 ");
            send("EHLO client.test\r\n");
            return replyLines();
        }

        /** Sends MAIL, RCPT and DATA one by one (each must be accepted), then {@code data} and the final dot. */
        String transaction(String domain, String data) throws IOException {
            assertThat(command("MAIL FROM:<alice@" + domain + ">")).startsWith("250 ");
            assertThat(command("RCPT TO:<bob@example.net>")).startsWith("250 ");
            assertThat(command("DATA")).startsWith("354 ");
            send(data + ".\r\n");
            return reply();
        }

        /** Whether the server has closed the connection: the next read ends the stream (or is reset). */
        boolean closedByServer() {
            try {
                return in.read() < 0;
            } catch (IOException e) {
                return true;
            }
        }

        /** Closes abruptly with a reset (SO_LINGER 0) instead of a FIN. */
        void reset() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }

        private String line() throws IOException {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            int previous = -1;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return buf.size() == 0 ? null : buf.toString(StandardCharsets.ISO_8859_1);
                }
                if (b == '\n' && previous == '\r') {
                    byte[] bytes = buf.toByteArray();
                    return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
                }
                buf.write(b);
                previous = b;
            }
        }
    }
}
