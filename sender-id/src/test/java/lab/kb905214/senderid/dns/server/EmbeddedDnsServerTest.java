package lab.kb905214.senderid.dns.server;

import static lab.kb905214.senderid.dns.server.Dns.name;
import static lab.kb905214.senderid.dns.server.Dns.query;
import static lab.kb905214.senderid.dns.server.Dns.resolver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmbeddedDnsServerTest {
    private static final Duration PATIENT = Duration.ofSeconds(5);
    /** Short enough to keep the timeout tests quick; the server never answers these queries at all. */
    private static final Duration IMPATIENT = Duration.ofMillis(300);

    private static final int BIG_RECORDS = 40;

    private EmbeddedDnsServer server;

    @BeforeEach
    void start() throws Exception {
        Zone.Builder zone = Zone.builder();
        zone.add(new ARecord(name("mx.example.com"), DClass.IN, 300, InetAddress.getByName("192.0.2.25")))
                .add(new AAAARecord(name("mx.example.com"), DClass.IN, 300, InetAddress.getByName("2001:db8::25")))
                .add(new TXTRecord(name("example.com"), DClass.IN, 300, "v=spf1 mx -all"))
                .add(new MXRecord(name("example.com"), DClass.IN, 300, 10, name("mx.example.com")))
                .add(new TXTRecord(name("both.example.com"), DClass.IN, 300, "v=spf1 +all"))
                .add(new PTRRecord(name("25.2.0.192.in-addr.arpa"), DClass.IN, 300, name("mx.example.com")))
                .add(new CNAMERecord(name("alias.example.com"), DClass.IN, 300, name("mx.example.com")))
                .add(new TXTRecord(name("slow.example.com"), DClass.IN, 300, "v=spf1 -all"))
                .timeout(name("slow.example.com"), Set.of(Type.TXT))
                .timeout(name("dead.example.com"), Set.of());
        for (int i = 0; i < BIG_RECORDS; i++) {
            zone.add(new TXTRecord(
                    name("big.example.com"), DClass.IN, 300, String.format("%02d-%s", i, "x".repeat(100))));
        }
        server = EmbeddedDnsServer.start(zone.build());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Message ask(String name, int type) throws IOException {
        return resolver(server, false, PATIENT).send(query(name, type));
    }

    @Test
    void answersEachRecordTypeOverUdpAndTcp() throws Exception {
        for (boolean tcp : new boolean[] {false, true}) {
            SimpleResolver resolver = resolver(server, tcp, PATIENT);

            Message txt = resolver.send(query("example.com", Type.TXT));
            Message mx = resolver.send(query("example.com", Type.MX));
            Message a = resolver.send(query("mx.example.com", Type.A));
            Message aaaa = resolver.send(query("mx.example.com", Type.AAAA));
            Message ptr = resolver.send(query("25.2.0.192.in-addr.arpa", Type.PTR));
            Message cname = resolver.send(query("alias.example.com", Type.A));

            assertThat(Dns.texts(txt)).as("tcp=%s", tcp).containsExactly("v=spf1 mx -all");
            assertThat(txt.getHeader().getFlag(Flags.AA)).isTrue();
            assertThat(mx.getSection(Section.ANSWER))
                    .singleElement()
                    .satisfies(r -> assertThat(((MXRecord) r).getTarget()).isEqualTo(name("mx.example.com")));
            assertThat(a.getSection(Section.ANSWER))
                    .singleElement()
                    .satisfies(r -> assertThat(((ARecord) r).getAddress().getHostAddress())
                            .isEqualTo("192.0.2.25"));
            assertThat(aaaa.getSection(Section.ANSWER))
                    .singleElement()
                    .satisfies(r ->
                            assertThat(((AAAARecord) r).getAddress()).isEqualTo(InetAddress.getByName("2001:db8::25")));
            assertThat(ptr.getSection(Section.ANSWER))
                    .singleElement()
                    .satisfies(r -> assertThat(((PTRRecord) r).getTarget()).isEqualTo(name("mx.example.com")));
            assertThat(cname.getSection(Section.ANSWER))
                    .extracting(Record::getType)
                    .containsExactly(Type.CNAME, Type.A);
        }
    }

    @Test
    void tellsNxdomainFromNodata() throws Exception {
        Message noName = ask("nowhere.example.com", Type.TXT);
        Message noData = ask("mx.example.com", Type.TXT);

        assertThat(noName.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(noData.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(noData.getSection(Section.ANSWER)).isEmpty();
    }

    @Test
    void aNameWithSpfAndTxtEntriesServesOnlyItsTxtEntriesAsTxt() throws Exception {
        Zone zone = OpenSpfZoneData.fromYaml(Map.of(
                "both.example", List.of(Map.of("SPF", "v=spf1 -all"), Map.of("TXT", "v=spf1 +all")),
                "spf.example", List.of(Map.of("SPF", "v=spf1 ?all"))));
        try (EmbeddedDnsServer spf = EmbeddedDnsServer.start(zone)) {
            SimpleResolver resolver = resolver(spf, false, PATIENT);

            assertThat(Dns.texts(resolver.send(query("both.example", Type.TXT))))
                    .containsExactly("v=spf1 +all");
            assertThat(Dns.texts(resolver.send(query("both.example", Type.SPF))))
                    .containsExactly("v=spf1 -all");
            assertThat(Dns.texts(resolver.send(query("spf.example", Type.TXT)))).containsExactly("v=spf1 ?all");
        }
    }

    // dnsjava says a query timed out in two words, whichever of its clocks runs out first: the resolver's ("Timed out
    // while trying to resolve ...") or, over TCP, the NIO client's ("Query timed out"). Both are the same outcome.
    @Test
    void timeoutEntriesGetNoReplyOverUdpOrTcp() throws Exception {
        for (boolean tcp : new boolean[] {false, true}) {
            SimpleResolver impatient = resolver(server, tcp, IMPATIENT);
            long answeredBefore = server.queriesAnswered();

            assertThatThrownBy(() -> impatient.send(query("dead.example.com", Type.TXT)))
                    .as("tcp=%s", tcp)
                    .isInstanceOf(IOException.class)
                    .hasMessageMatching("(?is).*timed out.*");
            assertThatThrownBy(() -> impatient.send(query("slow.example.com", Type.A)))
                    .isInstanceOf(IOException.class)
                    .hasMessageMatching("(?is).*timed out.*");
            assertThat(Dns.texts(impatient.send(query("slow.example.com", Type.TXT))))
                    .containsExactly("v=spf1 -all");
            assertThat(server.queriesAnswered()).isEqualTo(answeredBefore + 1);
        }
    }

    @Test
    void droppedUdpRepliesTimeOutWhileTcpStillAnswers() throws Exception {
        server.faults().dropUdpReplies(1.0);
        long answeredBefore = server.queriesAnswered();

        assertThatThrownBy(() -> resolver(server, false, IMPATIENT).send(query("example.com", Type.TXT)))
                .isInstanceOf(IOException.class)
                .hasMessageMatching("(?is).*timed out.*");
        assertThat(Dns.texts(resolver(server, true, PATIENT).send(query("example.com", Type.TXT))))
                .containsExactly("v=spf1 mx -all");
        assertThat(server.queriesAnswered()).as("only the TCP reply was sent").isEqualTo(answeredBefore + 1);
        server.faults().clear();
        assertThat(Dns.texts(ask("example.com", Type.TXT)))
                .as("clear() ends the drops")
                .containsExactly("v=spf1 mx -all");
    }

    @Test
    void faultsChangeWhileTheServerRuns() throws Exception {
        SimpleResolver impatient = resolver(server, false, IMPATIENT);

        server.faults().servfail(name("example.com"));
        Message servfail = ask("example.com", Type.TXT);
        server.faults().clear().timeout(name("mx.example.com"));
        assertThatThrownBy(() -> impatient.send(query("mx.example.com", Type.A)))
                .isInstanceOf(IOException.class)
                .hasMessageMatching("(?is).*timed out.*");
        server.faults().clear();

        assertThat(servfail.getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(servfail.getSection(Section.ANSWER)).isEmpty();
        assertThat(ask("example.com", Type.TXT).getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(ask("mx.example.com", Type.A).getSection(Section.ANSWER)).hasSize(1);
    }

    @Test
    void delayedAnswersArrive() throws Exception {
        server.faults().latency(name("example.com"), Duration.ofMillis(50), Duration.ofMillis(50));
        server.faults().latencyForAll(Duration.ofMillis(10), Duration.ofMillis(10));

        assertThat(Dns.texts(ask("example.com", Type.TXT))).containsExactly("v=spf1 mx -all");
        assertThat(Dns.texts(resolver(server, true, PATIENT).send(query("example.com", Type.TXT))))
                .containsExactly("v=spf1 mx -all");
        assertThat(ask("mx.example.com", Type.A).getSection(Section.ANSWER)).hasSize(1);
    }

    @Test
    void aHeldAnswerDoesNotHoldUpOtherQueries() throws Exception {
        // Held for an hour: if holding blocked the UDP loop or the TCP reader, the next queries could not be answered.
        server.faults().latency(name("example.com"), Duration.ofHours(1), Duration.ZERO);
        CompletableFuture<Message> held = resolver(server, false, Duration.ofSeconds(10))
                .sendAsync(query("example.com", Type.TXT))
                .toCompletableFuture();
        try (Socket socket = new Socket()) {
            socket.connect(server.address(), 5_000);
            socket.setSoTimeout(5_000);
            writeFramed(socket, query("example.com", Type.TXT), query("mx.example.com", Type.A));

            assertThat(ask("mx.example.com", Type.A).getSection(Section.ANSWER)).hasSize(1);
            assertThat(readFramed(socket).getQuestion().getName()).isEqualTo(name("mx.example.com"));
            assertThat(held).isNotDone();
        } finally {
            held.cancel(true);
        }
    }

    @Test
    void truncatesLongAnswersOnUdpAndServesThemWholeOnTcp() throws Exception {
        SimpleResolver udp = resolver(server, false, PATIENT);
        udp.setIgnoreTruncation(true);

        Message truncated = udp.send(query("big.example.com", Type.TXT));
        Message whole = resolver(server, true, PATIENT).send(query("big.example.com", Type.TXT));
        Message fallback = resolver(server, false, PATIENT).send(query("big.example.com", Type.TXT));

        assertThat(truncated.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(truncated.getSection(Section.ANSWER)).isEmpty();
        assertThat(whole.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(whole.getSection(Section.ANSWER)).hasSize(BIG_RECORDS);
        // without setIgnoreTruncation dnsjava retries over TCP by itself
        assertThat(fallback.getSection(Section.ANSWER)).hasSize(BIG_RECORDS);
    }

    @Test
    void aTcpConnectionCarriesSeveralQueriesAndStaysOpenPastATimeout() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(server.address(), 5_000);
            socket.setSoTimeout(5_000);
            Message first = query("example.com", Type.TXT);
            Message silent = query("dead.example.com", Type.TXT);
            Message second = query("mx.example.com", Type.A);

            writeFramed(socket, first, silent, second);
            Message reply1 = readFramed(socket);
            Message reply2 = readFramed(socket);
            writeFramed(socket, query("big.example.com", Type.TXT));
            Message reply3 = readFramed(socket);

            assertThat(List.of(reply1.getHeader().getID(), reply2.getHeader().getID()))
                    .containsExactly(
                            first.getHeader().getID(), second.getHeader().getID());
            assertThat(reply3.getSection(Section.ANSWER)).hasSize(BIG_RECORDS);
            assertThat(server.queriesReceived()).isEqualTo(4);
            assertThat(server.queriesAnswered()).isEqualTo(3);
        }
    }

    @Test
    void malformedPacketsNeverStopTheServer() throws Exception {
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            client.setSoTimeout(5_000);
            // a header claiming one question whose name runs off the end: the id is readable, so FORMERR
            send(client, new byte[] {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0x3F, 'a'});
            Message formErr = receive(client);
            send(client, new byte[] {0x12});
            send(client, new byte[0]);
            Random random = new Random(905214);
            for (int i = 0; i < 20; i++) {
                byte[] garbage = new byte[1 + random.nextInt(600)];
                random.nextBytes(garbage);
                send(client, garbage);
            }
            // a bad TCP length prefix: 100 bytes promised, 5 sent, then the client gives up
            try (Socket socket = new Socket()) {
                socket.connect(server.address(), 5_000);
                socket.setSoTimeout(5_000);
                socket.getOutputStream().write(new byte[] {0, 100, 1, 2, 3, 4, 5});
                socket.shutdownOutput();
                assertThat(socket.getInputStream().read())
                        .as("server closes the broken stream")
                        .isEqualTo(-1);
            }

            assertThat(formErr.getHeader().getID()).isEqualTo(0x1234);
            assertThat(formErr.getRcode()).isEqualTo(Rcode.FORMERR);
            assertThat(ask("example.com", Type.TXT).getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(resolver(server, true, PATIENT)
                            .send(query("example.com", Type.TXT))
                            .getRcode())
                    .isEqualTo(Rcode.NOERROR);
            assertThat(server.malformedQueries()).isGreaterThanOrEqualTo(4);
            assertThat(server.queriesReceived()).isEqualTo(1 + 2 + 20 + 1 + 2);
        }
    }

    @Test
    void countsQueriesReceivedAndAnswered() throws Exception {
        ask("example.com", Type.TXT);
        ask("nowhere.example.com", Type.A);
        resolver(server, true, PATIENT).send(query("example.com", Type.MX));
        assertThatThrownBy(() -> resolver(server, false, IMPATIENT).send(query("dead.example.com", Type.A)))
                .isInstanceOf(IOException.class);

        assertThat(server.queriesAnswered()).isEqualTo(3);
        assertThat(server.queriesReceived()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void closeFreesThePortAndStopsItsThreadsEvenWithAnOpenSilentConnection() throws Exception {
        int port = server.port();
        Socket silent = new Socket();
        silent.connect(server.address(), 5_000);
        writeFramed(silent, query("dead.example.com", Type.TXT));
        assertThatThrownBy(() -> resolver(server, false, IMPATIENT).send(query("dead.example.com", Type.A)))
                .isInstanceOf(IOException.class);
        assertThat(threadNames()).contains("embedded-dns-udp-" + port, "embedded-dns-tcp-" + port);

        server.close();
        server.close(); // idempotent

        assertThat(threadNames()).noneMatch(n -> n.startsWith("embedded-dns-") && n.contains("-" + port));
        silent.setSoTimeout(5_000);
        assertThat(silent.getInputStream().read())
                .as("the server closed the connection")
                .isEqualTo(-1);
        silent.close();
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                ServerSocket tcp = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            assertThat(udp.getLocalPort()).isEqualTo(tcp.getLocalPort()).isEqualTo(port);
        }
        try (EmbeddedDnsServer again = EmbeddedDnsServer.start(
                OpenSpfZoneData.fromYaml(Map.of("again.example", List.of(Map.of("TXT", "back")))), port)) {
            assertThat(again.port()).isEqualTo(port);
            assertThat(Dns.texts(resolver(again, true, PATIENT).send(query("again.example", Type.TXT))))
                    .containsExactly("back");
        }
    }

    @Test
    void startsOnTheSamePortForUdpAndTcp() throws Exception {
        try (DatagramSocket udpProbe = new DatagramSocket(null);
                Socket tcpProbe = new Socket()) {
            tcpProbe.connect(server.address(), 5_000);
            assertThat(tcpProbe.getPort()).isEqualTo(server.port());
            assertThat(udpProbe).isNotNull();
        }
        assertThat(server.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(ask("example.com", Type.TXT).getRcode()).isEqualTo(Rcode.NOERROR);
        assertThatThrownBy(() -> new DatagramSocket(server.address())).isInstanceOf(IOException.class);
    }

    private static List<String> threadNames() {
        List<String> names = new ArrayList<>();
        Thread.getAllStackTraces().keySet().forEach(t -> names.add(t.getName()));
        return names;
    }

    private void send(DatagramSocket client, byte[] bytes) throws IOException {
        client.send(new DatagramPacket(bytes, bytes.length, server.address()));
    }

    private static Message receive(DatagramSocket client) throws IOException {
        byte[] buffer = new byte[0xFFFF];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            client.receive(packet);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no reply within the socket timeout", e);
        }
        return new Message(Arrays.copyOf(buffer, packet.getLength()));
    }

    /** Writes the queries back to back in one write, as a pipelining client does. */
    private static void writeFramed(Socket socket, Message... queries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (Message query : queries) {
            byte[] wire = query.toWire();
            out.writeShort(wire.length);
            out.write(wire);
        }
        socket.getOutputStream().write(bytes.toByteArray());
        socket.getOutputStream().flush();
    }

    private static Message readFramed(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] message = new byte[in.readUnsignedShort()];
        in.readFully(message);
        return new Message(message);
    }
}
