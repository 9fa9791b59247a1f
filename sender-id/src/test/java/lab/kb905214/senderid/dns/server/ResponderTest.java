package lab.kb905214.senderid.dns.server;

import static lab.kb905214.senderid.dns.server.Dns.name;
import static lab.kb905214.senderid.dns.server.Dns.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class ResponderTest {
    private final Faults faults = new Faults();

    private static Record a(String owner, String ip) throws Exception {
        return new ARecord(name(owner), DClass.IN, 300, InetAddress.getByName(ip));
    }

    private static Record cname(String owner, String target) {
        return new CNAMERecord(name(owner), DClass.IN, 300, name(target));
    }

    private Message ask(Zone zone, Message query) throws Exception {
        Reply reply = new Responder(zone, faults).respond(query.toWire());
        assertThat(reply.isSilent()).as("silent").isFalse();
        return new Message(reply.udpBytes());
    }

    private static List<Record> answers(Message reply) {
        return reply.getSection(Section.ANSWER);
    }

    @Test
    void answersAuthoritativelyEchoingIdQuestionAndRd() throws Exception {
        Zone zone = Zone.builder().add(a("mail.example.com", "192.0.2.1")).build();
        Message query = query("mail.example.com", Type.A);

        Message reply = ask(zone, query);

        assertThat(reply.getHeader().getID()).isEqualTo(query.getHeader().getID());
        assertThat(reply.getHeader().getFlag(Flags.QR)).isTrue();
        assertThat(reply.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(reply.getHeader().getFlag(Flags.RD)).isTrue();
        assertThat(reply.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(reply.getQuestion()).isEqualTo(query.getQuestion());
        assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(answers(reply)).containsExactly(a("mail.example.com", "192.0.2.1"));
    }

    @Test
    void tellsNoDataFromNoSuchNameIncludingEmptyNonTerminals() throws Exception {
        Zone zone = Zone.builder().add(a("host.sub.example.com", "192.0.2.1")).build();

        Message noData = ask(zone, query("host.sub.example.com", Type.TXT));
        Message emptyNonTerminal = ask(zone, query("sub.example.com", Type.A));
        Message noName = ask(zone, query("nohost.sub.example.com", Type.A));

        assertThat(noData.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(answers(noData)).isEmpty();
        assertThat(emptyNonTerminal.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(answers(emptyNonTerminal)).isEmpty();
        assertThat(noName.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(answers(noName)).isEmpty();
        assertThat(noName.getHeader().getFlag(Flags.AA)).isTrue();
    }

    @Test
    void putsTheEnclosingSoaInNegativeAnswers() throws Exception {
        SOARecord soa = new SOARecord(
                name("example.com"),
                DClass.IN,
                300,
                name("ns.example.com"),
                name("hostmaster.example.com"),
                1,
                3600,
                600,
                86400,
                60);
        Zone zone =
                Zone.builder().add(soa).add(a("www.example.com", "192.0.2.1")).build();

        Message noName = ask(zone, query("nope.example.com", Type.A));
        Message noData = ask(zone, query("www.example.com", Type.MX));

        assertThat(noName.getSection(Section.AUTHORITY)).containsExactly(soa);
        assertThat(noData.getSection(Section.AUTHORITY)).containsExactly(soa);
    }

    @Test
    void followsCnamesInsideTheZone() throws Exception {
        Zone zone = Zone.builder()
                .add(cname("www.example.com", "web.example.com"))
                .add(cname("web.example.com", "host.example.com"))
                .add(a("host.example.com", "192.0.2.7"))
                .build();

        Message reply = ask(zone, query("www.example.com", Type.A));
        Message cnameOnly = ask(zone, query("www.example.com", Type.CNAME));

        assertThat(answers(reply))
                .containsExactly(
                        cname("www.example.com", "web.example.com"),
                        cname("web.example.com", "host.example.com"),
                        a("host.example.com", "192.0.2.7"));
        assertThat(answers(cnameOnly)).containsExactly(cname("www.example.com", "web.example.com"));
    }

    @Test
    void aCnameToNothingIsNxdomainAndALoopStops() throws Exception {
        Zone zone = Zone.builder()
                .add(cname("dangling.example.com", "gone.example.com"))
                .add(cname("loop.example.com", "LOOP.example.com"))
                .add(cname("ping.example.com", "pong.example.com"))
                .add(cname("pong.example.com", "ping.example.com"))
                .build();

        Message dangling = ask(zone, query("dangling.example.com", Type.A));
        Message self = ask(zone, query("loop.example.com", Type.A));
        Message pingPong = ask(zone, query("ping.example.com", Type.TXT));

        assertThat(dangling.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(answers(dangling)).hasSize(1);
        assertThat(self.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(answers(self)).hasSize(1);
        assertThat(answers(pingPong)).hasSize(2);
    }

    @Test
    void aLongChainEndsAfterTheHopLimit() throws Exception {
        Zone.Builder builder = Zone.builder();
        for (int i = 0; i < 20; i++) {
            builder.add(cname("c" + i + ".example", "c" + (i + 1) + ".example"));
        }
        Message reply = ask(builder.build(), query("c0.example", Type.A));

        assertThat(answers(reply)).hasSize(Responder.MAX_CNAME_HOPS + 1);
    }

    @Test
    void anyQueriesGetEveryRecordOfTheName() throws Exception {
        Zone zone = Zone.builder()
                .add(a("multi.example", "192.0.2.1"))
                .add(new TXTRecord(name("multi.example"), DClass.IN, 300, "hello"))
                .build();

        assertThat(answers(ask(zone, query("multi.example", Type.ANY)))).hasSize(2);
    }

    @Test
    void typeSpfQueriesGetOnlyTypeSpfRecords() throws Exception {
        Zone zone = OpenSpfZoneData.fromYaml(
                Map.of("both.example", List.of(Map.of("SPF", "v=spf1 -all"), Map.of("TXT", "text"))));

        Message spf = ask(zone, query("both.example", Type.SPF));

        assertThat(answers(spf)).extracting(Record::getType).containsExactly(Type.SPF);
        assertThat(Dns.texts(spf)).containsExactly("v=spf1 -all");
    }

    @Test
    void timeoutsFromZoneOrFaultAreSilent() throws Exception {
        Zone zone = Zone.builder()
                .add(new TXTRecord(name("half.example"), DClass.IN, 300, "v=spf1 -all"))
                .timeout(name("half.example"), Set.of(Type.TXT))
                .add(a("faulty.example", "192.0.2.1"))
                .build();
        Responder responder = new Responder(zone, faults.timeout(name("faulty.example")));

        assertThat(responder.respond(query("half.example", Type.TXT).toWire()).isSilent())
                .isFalse();
        assertThat(responder.respond(query("half.example", Type.A).toWire()).isSilent())
                .isTrue();
        assertThat(responder.respond(query("faulty.example", Type.A).toWire()).isSilent())
                .isTrue();
        assertThat(responder.respond(query("faulty.example", Type.A).toWire()).isMalformed())
                .isFalse();
    }

    @Test
    void servfailFaultAndZoneRcodeAnswerWithoutRecords() throws Exception {
        Zone zone = Zone.builder()
                .add(a("sick.example", "192.0.2.1"))
                .rcode(name("refusing.example"), Rcode.REFUSED)
                .build();
        faults.servfail(name("sick.example"));

        Message sick = ask(zone, query("sick.example", Type.A));
        Message refusing = ask(zone, query("refusing.example", Type.TXT));

        assertThat(sick.getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(answers(sick)).isEmpty();
        assertThat(refusing.getRcode()).isEqualTo(Rcode.REFUSED);

        faults.clear();
        assertThat(ask(zone, query("sick.example", Type.A)).getRcode()).isEqualTo(Rcode.NOERROR);
    }

    @Test
    void latencyFaultsSetTheDelayWithinTheirBounds() throws Exception {
        Zone zone = Zone.builder().add(a("slow.example", "192.0.2.1")).build();
        Responder responder = new Responder(zone, faults);
        byte[] slow = query("slow.example", Type.A).toWire();
        byte[] other = query("other.example", Type.A).toWire();

        assertThat(responder.respond(slow).delay()).isZero();
        faults.latencyForAll(Duration.ofMillis(5), Duration.ZERO);
        faults.latency(name("slow.example"), Duration.ofMillis(100), Duration.ofMillis(50));
        for (int i = 0; i < 50; i++) {
            assertThat(responder.respond(slow).delay()).isBetween(Duration.ofMillis(100), Duration.ofMillis(150));
        }
        assertThat(responder.respond(other).delay()).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void udpRepliesOverTheLimitAreTruncatedAndTcpRepliesAreWhole() throws Exception {
        Zone.Builder builder = Zone.builder();
        for (int i = 0; i < 8; i++) {
            builder.add(new TXTRecord(name("big.example"), DClass.IN, 300, i + "-" + "x".repeat(100)));
        }
        Reply reply = new Responder(builder.build(), faults)
                .respond(query("big.example", Type.TXT).toWire());

        Message udp = new Message(reply.udpBytes());
        Message tcp = new Message(reply.tcpBytes());

        assertThat(reply.udpLimit()).isEqualTo(512);
        assertThat(reply.tcpBytes().length).isGreaterThan(512);
        assertThat(udp.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(answers(udp)).isEmpty();
        assertThat(udp.getQuestion()).isEqualTo(tcp.getQuestion());
        assertThat(tcp.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(answers(tcp)).hasSize(8);
    }

    @Test
    void anEdnsClientGetsItsPayloadSizeAndAnOptBack() throws Exception {
        Zone.Builder builder = Zone.builder();
        for (int i = 0; i < 8; i++) {
            builder.add(new TXTRecord(name("big.example"), DClass.IN, 300, i + "-" + "x".repeat(100)));
        }
        Message query = query("big.example", Type.TXT);
        query.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        Reply reply = new Responder(builder.build(), faults).respond(query.toWire());

        Message udp = new Message(reply.udpBytes());

        assertThat(reply.udpLimit()).isEqualTo(1232);
        assertThat(udp.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(answers(udp)).hasSize(8);
        assertThat(udp.getOPT()).isNotNull();
        assertThat(udp.getOPT().getPayloadSize()).isEqualTo(Responder.MAX_UDP_PAYLOAD);
    }

    @Test
    void aTruncatedEdnsReplyKeepsItsOpt() throws Exception {
        Zone.Builder builder = Zone.builder();
        for (int i = 0; i < 30; i++) {
            builder.add(new TXTRecord(name("huge.example"), DClass.IN, 300, i + "-" + "x".repeat(100)));
        }
        Message query = query("huge.example", Type.TXT);
        query.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);

        Message udp = new Message(
                new Responder(builder.build(), faults).respond(query.toWire()).udpBytes());

        assertThat(udp.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(answers(udp)).isEmpty();
        assertThat(udp.getOPT()).isNotNull();
    }

    @Test
    void garbageWithAReadableIdGetsFormerrAndShorterGarbageIsDropped() {
        Responder responder = new Responder(Zone.builder().build(), faults);
        // id 0x1234, a standard query header claiming one question, then a label running off the end
        byte[] broken = {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0x3F, 'a', 'b'};

        Reply formErr = responder.respond(broken);
        Reply tiny = responder.respond(new byte[] {0x12});
        Reply brokenResponse = responder.respond(new byte[] {0x12, 0x34, (byte) 0x81, 0, 0});

        assertThat(formErr.isMalformed()).isTrue();
        assertThat(formErr.message().getHeader().getID()).isEqualTo(0x1234);
        assertThat(formErr.message().getRcode()).isEqualTo(Rcode.FORMERR);
        assertThat(formErr.message().getHeader().getFlag(Flags.QR)).isTrue();
        assertThat(tiny.isSilent()).isTrue();
        assertThat(tiny.isMalformed()).isTrue();
        assertThat(brokenResponse.isSilent()).isTrue();
    }

    @Test
    void refusesToAnswerResponsesAndOtherOpcodesOrQuestionCounts() throws Exception {
        Responder responder = new Responder(Zone.builder().build(), faults);
        Message response = query("x.example", Type.A);
        response.getHeader().setFlag(Flags.QR);
        Message notify = query("x.example", Type.SOA);
        notify.getHeader().setOpcode(Opcode.NOTIFY);
        Message noQuestion = new Message(77);

        assertThat(responder.respond(response.toWire()).isSilent()).isTrue();
        assertThat(responder.respond(notify.toWire()).message().getRcode()).isEqualTo(Rcode.NOTIMP);
        assertThat(responder.respond(noQuestion.toWire()).message().getRcode()).isEqualTo(Rcode.FORMERR);
    }

    @Test
    void otherClassesAreRefused() throws Exception {
        Message chaos = Message.newQuery(Record.newRecord(Name.fromString("version.bind."), Type.TXT, DClass.CH));

        Message reply = ask(Zone.builder().build(), chaos);

        assertThat(reply.getRcode()).isEqualTo(Rcode.REFUSED);
    }
}
