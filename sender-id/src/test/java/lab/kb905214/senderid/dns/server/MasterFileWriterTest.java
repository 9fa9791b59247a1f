package lab.kb905214.senderid.dns.server;

import static lab.kb905214.senderid.dns.server.Dns.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

class MasterFileWriterTest {
    private static final List<Integer> TYPES =
            List.of(Type.SOA, Type.A, Type.AAAA, Type.CNAME, Type.MX, Type.PTR, Type.SPF, Type.TXT);

    @Test
    void everyRecordReadsBackTheSameThroughAMasterFileParser(@TempDir Path dir) throws Exception {
        Name apex = name("example.test");
        List<Name> owners = List.of(
                apex,
                name("mail.example.test"),
                name("www.example.test"),
                name("4.3.2.1.example.test"),
                name("odd.example.test"),
                name("macro%percent  space.example.test"));
        Zone zone = Zone.builder()
                .add(new MXRecord(apex, DClass.IN, 300, 10, name("mail.example.test")))
                .add(TextRecords.of(apex, Type.SPF, 300, List.of("v=spf1 mx -all")))
                .add(TextRecords.of(apex, Type.TXT, 300, List.of("v=spf1 mx -all")))
                .add(new ARecord(name("mail.example.test"), DClass.IN, 300, InetAddress.getByName("192.0.2.25")))
                .add(new AAAARecord(name("mail.example.test"), DClass.IN, 300, InetAddress.getByName("2001:db8::25")))
                .add(new CNAMERecord(name("www.example.test"), DClass.IN, 300, name("mail.example.test")))
                .add(new PTRRecord(name("4.3.2.1.example.test"), DClass.IN, 300, name("mail.example.test")))
                // Raw bytes, quotes, backslashes, control characters, a string over 255 bytes, and no string at all.
                .add(TextRecords.of(
                        name("odd.example.test"), Type.TXT, 300, List.of("\u0080a\"b\\c\u0000\r\n", "x".repeat(300))))
                .add(TextRecords.of(name("odd.example.test"), Type.TXT, 300, List.of()))
                .add(TextRecords.of(name("odd.example.test"), Type.SPF, 300, List.of("", "v=spf1")))
                .add(new ARecord(
                        name("macro%percent  space.example.test"), DClass.IN, 300, InetAddress.getByName("1.2.3.4")))
                .build();

        Path file = dir.resolve("example.zone");
        Files.writeString(file, MasterFileWriter.write(zone, apex, owners));
        Zone read = MasterFileZone.load(file, null);

        for (Name owner : owners) {
            for (int type : TYPES) {
                if (type == Type.SOA) {
                    continue; // written from the default, checked below
                }
                assertThat(read.records(owner, type))
                        .as("%s %s", owner, Type.string(type))
                        .containsExactlyInAnyOrderElementsOf(zone.records(owner, type));
            }
        }
        assertThat(read.size()).isEqualTo(zone.size() + 1);
        assertThat(read.records(apex, Type.SOA))
                .singleElement()
                .satisfies(soa -> assertThat(((SOARecord) soa).getMinimum()).isEqualTo(300));
    }

    @Test
    void emptyRdataIsWrittenInTheGenericForm() {
        Zone zone = Zone.builder()
                .add(TextRecords.of(name("null.example.test"), Type.TXT, 300, List.of()))
                .build();

        assertThat(MasterFileWriter.write(zone, name("example.test"), List.of(name("null.example.test"))))
                .contains("null.example.test.\t300\tIN\tTXT\t\\# 0\n");
    }

    @Test
    void aZonesOwnSoaComesFirstAndOnce() throws Exception {
        Name apex = name("example.test");
        SOARecord soa =
                new SOARecord(apex, DClass.IN, 60, name("ns.example.test"), name("h.example.test"), 7, 1, 1, 1, 30);
        Zone zone = Zone.builder()
                .add(new ARecord(apex, DClass.IN, 60, InetAddress.getByName("192.0.2.1")))
                .add(soa)
                .build();

        List<String> records = MasterFileWriter.write(zone, apex, List.of(apex))
                .lines()
                .filter(line -> !line.startsWith(";"))
                .toList();

        assertThat(records)
                .containsExactly(
                        "example.test.\t60\tIN\tSOA\tns.example.test. h.example.test. 7 1 1 1 30",
                        "example.test.\t60\tIN\tA\t192.0.2.1");
    }

    @Test
    void anOpenSpfScenarioBecomesARootZoneWithItsSpfCopiedToTxt() {
        Map<String, Object> zonedata = new LinkedHashMap<>();
        zonedata.put("example.com", List.of(Map.of("SPF", "v=spf1 a -all"), Map.of("A", "192.0.2.1")));
        zonedata.put("Example.COM", List.of()); // the same name: written once
        zonedata.put("slow.example.com", List.of(Map.of("TXT", "v=spf1 -all"), "TIMEOUT"));

        List<String> lines = MasterFileWriter.ofOpenSpf(zonedata).lines().toList();

        assertThat(lines)
                .contains(
                        ".\t300\tIN\tSOA\t" + MasterFileWriter.DEFAULT_SOA,
                        "example.com.\t300\tIN\tSPF\t\"v=spf1 a -all\"",
                        "example.com.\t300\tIN\tTXT\t\"v=spf1 a -all\"",
                        "example.com.\t300\tIN\tA\t192.0.2.1",
                        "slow.example.com.\t300\tIN\tTXT\t\"v=spf1 -all\"",
                        "; not expressible: slow.example.com. times out for A AAAA CNAME MX PTR SPF");
        assertThat(lines)
                .filteredOn(line -> line.startsWith("example.com.\t300\tIN\tA\t"))
                .hasSize(1);
    }

    @Test
    void saysWhatAMasterFileCannotHold() {
        Zone zone = Zone.builder()
                .rcode(name("broken.example.test"), Rcode.SERVFAIL)
                .name(name("empty.example.test"))
                .name(name("x.parent.example.test"))
                .name(name("parent.example.test"))
                .timeout(name("slow.example.test"), Set.of(Type.A))
                .build();

        String file = MasterFileWriter.write(
                zone,
                name("example.test"),
                List.of(
                        name("broken.example.test"),
                        name("empty.example.test"),
                        name("parent.example.test"),
                        name("x.parent.example.test"),
                        name("slow.example.test")));

        assertThat(file.lines().filter(line -> line.startsWith("; not expressible")))
                .containsExactly(
                        "; not expressible: broken.example.test. answers rcode SERVFAIL",
                        "; not expressible: empty.example.test. exists with no records",
                        "; not expressible: x.parent.example.test. exists with no records",
                        "; not expressible: slow.example.test. times out for AAAA CNAME MX PTR SPF TXT");
    }

    @Test
    void refusesANameOutsideTheApex() {
        Zone zone = Zone.builder().name(name("example.org")).build();

        assertThatThrownBy(() -> MasterFileWriter.write(zone, name("example.test"), List.of(name("example.org"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("example.org. is not at or below the apex example.test.");
    }

    @Test
    void keepsTheOrderOfAnRrset() throws Exception {
        Name owner = name("example.test");
        Record first = new ARecord(owner, DClass.IN, 300, InetAddress.getByName("192.0.2.2"));
        Record second = new ARecord(owner, DClass.IN, 300, InetAddress.getByName("192.0.2.1"));
        Zone zone = Zone.builder().add(first).add(second).build();

        assertThat(MasterFileWriter.write(zone, owner, List.of(owner)).lines().filter(line -> line.contains("\tA\t")))
                .containsExactly("example.test.\t300\tIN\tA\t192.0.2.2", "example.test.\t300\tIN\tA\t192.0.2.1");
    }
}
