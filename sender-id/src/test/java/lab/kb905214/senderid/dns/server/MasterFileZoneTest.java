package lab.kb905214.senderid.dns.server;

import static lab.kb905214.senderid.dns.server.Dns.name;
import static lab.kb905214.senderid.dns.server.Dns.query;
import static lab.kb905214.senderid.dns.server.Dns.resolver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

@Timeout(30)
class MasterFileZoneTest {
    static Path exampleZone() throws Exception {
        return Path.of(
                MasterFileZoneTest.class.getResource("/zones/example.zone").toURI());
    }

    @Test
    void readsOriginTtlAndEveryRecord() throws Exception {
        Zone zone = MasterFileZone.load(exampleZone(), null);

        assertThat(zone.size()).isEqualTo(12);
        assertThat(zone.records(name("example.test"), Type.SOA))
                .singleElement()
                .satisfies(r -> assertThat(((SOARecord) r).getMinimum()).isEqualTo(300));
        assertThat(zone.records(name("example.test"), Type.MX))
                .extracting(r -> ((MXRecord) r).getTarget())
                .containsExactly(name("mail.example.test"), name("mail2.example.test"));
        assertThat(zone.records(name("mail.example.test"), Type.A))
                .singleElement()
                .satisfies(r -> assertThat(r.getTTL()).isEqualTo(3600));
        assertThat(zone.records(name("mail2.example.test"), Type.A))
                .singleElement()
                .satisfies(r -> assertThat(r.getTTL()).isEqualTo(600));
        assertThat(zone.exists(name("deep.example.test"))).isTrue();
    }

    @Test
    void usesTheDefaultOriginForFilesWithout(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bare.zone");
        Files.writeString(file, "$TTL 60\nhost IN A 192.0.2.9\n");

        Zone zone = MasterFileZone.load(file, name("lab.test"));

        assertThat(zone.records(name("host.lab.test"), Type.A))
                .singleElement()
                .satisfies(r ->
                        assertThat(((ARecord) r).getAddress().getHostAddress()).isEqualTo("192.0.2.9"));
    }

    @Test
    void reportsSyntaxErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.zone");
        Files.writeString(file, "$ORIGIN x.test.\n$TTL 60\nhost IN A not-an-address\n");

        assertThatThrownBy(() -> MasterFileZone.load(file, null)).isInstanceOf(IOException.class);
    }

    @Test
    void servesTheLoadedZone() throws Exception {
        try (EmbeddedDnsServer server = EmbeddedDnsServer.start(MasterFileZone.load(exampleZone(), null))) {
            SimpleResolver resolver = resolver(server, false, Duration.ofSeconds(5));

            Message txt = resolver.send(query("example.test", Type.TXT));
            Message split = resolver.send(query("split.example.test", Type.TXT));
            Message www = resolver.send(query("www.example.test", Type.MX));
            Message missing = resolver.send(query("nope.example.test", Type.A));

            assertThat(Dns.texts(txt)).containsExactly("v=spf1 mx ip4:192.0.2.0/24 -all");
            assertThat(Dns.texts(split)).containsExactly("v=spf1 ip4:192.0.2.5 -all");
            assertThat(www.getSection(Section.ANSWER))
                    .extracting(Record::getType)
                    .containsExactly(Type.CNAME, Type.MX, Type.MX);
            assertThat(missing.getRcode()).isEqualTo(Rcode.NXDOMAIN);
            assertThat(missing.getSection(Section.AUTHORITY))
                    .extracting(Record::getType)
                    .containsExactly(Type.SOA);
        }
    }
}
