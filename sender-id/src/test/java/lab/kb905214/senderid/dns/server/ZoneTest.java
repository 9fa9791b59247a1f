package lab.kb905214.senderid.dns.server;

import static lab.kb905214.senderid.dns.server.Dns.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

class ZoneTest {
    private static ARecord a(String owner, String ip) throws Exception {
        return new ARecord(name(owner), DClass.IN, 300, InetAddress.getByName(ip));
    }

    @Test
    void findsRecordsByExactOwnerAndTypeIgnoringCase() throws Exception {
        Zone zone = Zone.builder()
                .add(a("mail.example.com", "192.0.2.1"))
                .add(a("mail.example.com", "192.0.2.2"))
                .add(new MXRecord(name("example.com"), DClass.IN, 300, 10, name("mail.example.com")))
                .build();

        assertThat(zone.records(name("MAIL.Example.COM"), Type.A)).hasSize(2);
        assertThat(zone.records(name("mail.example.com"), Type.MX)).isEmpty();
        assertThat(zone.records(name("example.com"), Type.MX)).hasSize(1);
        assertThat(zone.records(name("example.com"), Type.ANY)).hasSize(1);
        assertThat(zone.records(name("other.example.com"), Type.A)).isEmpty();
        assertThat(zone.size()).isEqualTo(3);
    }

    @Test
    void keepsAnIdenticalRecordOnce() throws Exception {
        Zone zone = Zone.builder()
                .add(a("x.example", "192.0.2.1"))
                .add(a("X.example", "192.0.2.1"))
                .build();

        assertThat(zone.size()).isEqualTo(1);
    }

    @Test
    void namesAboveAnOwnerExistButHaveNoRecordsOfTheirOwn() throws Exception {
        Zone zone = Zone.builder().add(a("a.b.example.com", "192.0.2.1")).build();

        assertThat(zone.hasName(name("a.b.example.com"))).isTrue();
        assertThat(zone.hasName(name("b.example.com"))).isFalse();
        assertThat(zone.exists(name("b.example.com"))).isTrue();
        assertThat(zone.exists(name("example.com"))).isTrue();
        assertThat(zone.exists(Name.root)).isTrue();
        assertThat(zone.exists(name("c.example.com"))).isFalse();
        assertThat(zone.exists(name("x.a.b.example.com"))).isFalse();
    }

    @Test
    void timesOutOnlyForTypesNotAnswered() {
        Zone zone = Zone.builder()
                .timeout(name("slow.example"), Set.of(Type.TXT))
                .timeout(name("dead.example"), Set.of())
                .build();

        assertThat(zone.timesOut(name("slow.example"), Type.TXT)).isFalse();
        assertThat(zone.timesOut(name("slow.example"), Type.A)).isTrue();
        assertThat(zone.timesOut(name("dead.example"), Type.TXT)).isTrue();
        assertThat(zone.timesOut(name("alive.example"), Type.A)).isFalse();
        assertThat(zone.hasName(name("dead.example"))).isTrue();
        assertThat(zone.size()).isZero();
    }

    @Test
    void remembersRcodesAndDeclaredNames() {
        Zone zone = Zone.builder()
                .rcode(name("broken.example"), Rcode.REFUSED)
                .name(name("empty.example"))
                .build();

        assertThat(zone.rcode(name("broken.example"))).hasValue(Rcode.REFUSED);
        assertThat(zone.rcode(name("empty.example"))).isEmpty();
        assertThat(zone.hasName(name("empty.example"))).isTrue();
    }

    @Test
    void rejectsRelativeNamesAndImpossibleRcodes() throws Exception {
        Name relative = Name.fromString("relative");
        assertThatThrownBy(() -> Zone.builder().timeout(relative, Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("absolute");
        assertThatThrownBy(() -> Zone.builder().rcode(name("x.example"), 16))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
