package lab.kb905214.senderid.spf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.stream.Stream;
import lab.kb905214.senderid.spf.SpfRecord.Directive;
import lab.kb905214.senderid.spf.SpfRecord.Mechanism;
import lab.kb905214.senderid.spf.SpfRecord.Qualifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The RFC 7208 record grammar (§4.6, §5, §6, §12), term by term, and CIDR matching (§5.6, KB910272). */
class SpfRecordTest {

    // ---- mechanisms that parse ---------------------------------------------------------------------------------

    static Stream<Arguments> validTerms() {
        return Stream.of(
                Arguments.of("all", Qualifier.PASS, new SpfRecord.All()),
                Arguments.of("+all", Qualifier.PASS, new SpfRecord.All()),
                Arguments.of("-all", Qualifier.FAIL, new SpfRecord.All()),
                Arguments.of("~all", Qualifier.SOFTFAIL, new SpfRecord.All()),
                Arguments.of("?all", Qualifier.NEUTRAL, new SpfRecord.All()),
                Arguments.of("ALL", Qualifier.PASS, new SpfRecord.All()),
                Arguments.of("ip4:192.0.2.1", Qualifier.PASS, new SpfRecord.Ip4(ip("192.0.2.1"), 32)),
                Arguments.of("-ip4:192.0.2.0/24", Qualifier.FAIL, new SpfRecord.Ip4(ip("192.0.2.0"), 24)),
                Arguments.of("ip4:10.0.0.128/25", Qualifier.PASS, new SpfRecord.Ip4(ip("10.0.0.128"), 25)),
                Arguments.of("ip4:0.0.0.0/0", Qualifier.PASS, new SpfRecord.Ip4(ip("0.0.0.0"), 0)),
                Arguments.of("IP4:192.0.2.1/32", Qualifier.PASS, new SpfRecord.Ip4(ip("192.0.2.1"), 32)),
                Arguments.of("ip6:2001:db8::1", Qualifier.PASS, new SpfRecord.Ip6(ip("2001:db8::1"), 128)),
                Arguments.of("ip6:2001:db8::/32", Qualifier.PASS, new SpfRecord.Ip6(ip("2001:db8::"), 32)),
                Arguments.of("ip6:::/0", Qualifier.PASS, new SpfRecord.Ip6(ip("::"), 0)),
                Arguments.of("a", Qualifier.PASS, new SpfRecord.A(null, 32, 128)),
                Arguments.of("a/24", Qualifier.PASS, new SpfRecord.A(null, 24, 128)),
                Arguments.of("a//64", Qualifier.PASS, new SpfRecord.A(null, 32, 64)),
                Arguments.of("a/24//64", Qualifier.PASS, new SpfRecord.A(null, 24, 64)),
                Arguments.of("mx/0//0", Qualifier.PASS, new SpfRecord.Mx(null, 0, 0)),
                Arguments.of("~mx", Qualifier.SOFTFAIL, new SpfRecord.Mx(null, 32, 128)),
                Arguments.of("ptr", Qualifier.PASS, new SpfRecord.Ptr(null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validTerms")
    void aValidTermParses(String term, Qualifier qualifier, Mechanism mechanism) throws Exception {
        Directive directive = only(SpfRecord.parse(" " + term));

        assertThat(directive.qualifier()).isEqualTo(qualifier);
        assertThat(directive.mechanism()).isEqualTo(mechanism);
        assertThat(directive.text()).isEqualTo(term);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a:example.com               | a  | example.com | 32 | 128
            a:example.com/24            | a  | example.com | 24 | 128
            a:example.com//64           | a  | example.com | 32 | 64
            a:example.com/24//64        | a  | example.com | 24 | 64
            A:Example.COM/0             | a  | Example.COM | 0  | 128
            mx:mail.example.com/30      | mx | mail.example.com | 30 | 128
            mx:%{d}/24//48              | mx | %{d}        | 24 | 48
            a:%{ir}.%{v}._spf.%{d2}     | a  | %{ir}.%{v}._spf.%{d2} | 32 | 128
            a:example.com.              | a  | example.com. | 32 | 128
            """)
    void dualCidrLengthsAfterADomain(String term, String kind, String domain, int cidr4, int cidr6) throws Exception {
        Mechanism mechanism = only(SpfRecord.parse(term)).mechanism();

        if (kind.equals("a")) {
            assertThat(mechanism).isInstanceOfSatisfying(SpfRecord.A.class, a -> {
                assertThat(a.domain()).hasToString(domain);
                assertThat(a.cidr4()).isEqualTo(cidr4);
                assertThat(a.cidr6()).isEqualTo(cidr6);
            });
        } else {
            assertThat(mechanism).isInstanceOfSatisfying(SpfRecord.Mx.class, mx -> {
                assertThat(mx.domain()).hasToString(domain);
                assertThat(mx.cidr4()).isEqualTo(cidr4);
                assertThat(mx.cidr6()).isEqualTo(cidr6);
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            include:example.com                     | include | example.com
            include:_spf.%{d}                       | include | _spf.%{d}
            exists:%{ir}.%{l1r+-}._spf.%{d}         | exists  | %{ir}.%{l1r+-}._spf.%{d}
            ptr:example.com                         | ptr     | example.com
            ?include:foo-bar.example                | include | foo-bar.example
            exists:example.xn--p1ai                 | exists  | example.xn--p1ai
            """)
    void domainMechanismsKeepTheirDomainSpec(String term, String kind, String domain) throws Exception {
        Mechanism mechanism = only(SpfRecord.parse(term)).mechanism();

        MacroString spec = switch (kind) {
            case "include" -> ((SpfRecord.Include) mechanism).domain();
            case "exists" -> ((SpfRecord.Exists) mechanism).domain();
            default -> ((SpfRecord.Ptr) mechanism).domain();
        };
        assertThat(spec).hasToString(domain);
        assertThat(mechanism.queriesDns()).isTrue();
    }

    // ---- terms that do not parse -------------------------------------------------------------------------------

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                "foo",
                "all:example.com",
                "all/24",
                "-",
                "+-all",
                "include",
                "include:",
                "exists",
                "exists:",
                "ip4",
                "ip4:",
                "ip4:192.0.2",
                "ip4:192.0.2.256",
                "ip4:192.0.2.1/33",
                "ip4:192.0.2.0/024",
                "ip4:192.0.2.0/",
                "ip4:192.0.2.0/-1",
                "ip4:192.0.2.0/a",
                "ip4:2001:db8::1",
                "ip4:example.com",
                "ip6:192.0.2.1",
                "ip6:2001:db8::/129",
                "ip6:2001:db8::/",
                "ip6:2001:db8:::1",
                "ip6:gggg::1",
                "a/33",
                "a//129",
                "a/24/",
                "a:example.com/",
                "a:example.com//",
                "a:example.com/24//",
                "a:/24",
                "a:example",
                "a:example.123",
                "a:example.-com",
                "a:example.com-",
                "mx:",
                "ptr:",
                "exists:%{x}.example.com",
                "include:%{l",
                "a:ex ample.com",
                "include:example.com:80",
                "moo:example.com",
                "a:example.com/1/2/3"
            })
    void anInvalidTermIsASyntaxError(String term) {
        assertThatThrownBy(() -> SpfRecord.parse(" " + term + " -all")).isInstanceOf(SpfSyntaxException.class);
    }

    // ---- modifiers ---------------------------------------------------------------------------------------------

    @Test
    void redirectAndExpAreKeptAsDomainSpecs() throws Exception {
        SpfRecord record = SpfRecord.parse(" mx -all redirect=_spf.example.com exp=explain.%{d}");

        assertThat(record.redirect()).hasValueSatisfying(r -> assertThat(r).hasToString("_spf.example.com"));
        assertThat(record.explanation()).hasValueSatisfying(e -> assertThat(e).hasToString("explain.%{d}"));
        assertThat(record.directives()).extracting(Directive::text).containsExactly("mx", "-all");
    }

    @Test
    void modifierNamesIgnoreCase() throws Exception {
        SpfRecord record = SpfRecord.parse(" REDIRECT=_spf.example.com Exp=explain.example.com");

        assertThat(record.redirect()).isPresent();
        assertThat(record.explanation()).isPresent();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                " redirect=a.example.com redirect=b.example.com",
                " exp=a.example.com exp=b.example.com",
                " -all exp=a.example.com EXP=a.example.com",
                " redirect=",
                " exp=",
                " redirect=example",
                " exp=%{x}.example.com",
                " foo=%{x}",
                " foo=%",
                " 1foo=bar",
                " =bar"
            })
    void aBrokenOrRepeatedModifierIsASyntaxError(String terms) {
        assertThatThrownBy(() -> SpfRecord.parse(terms)).isInstanceOf(SpfSyntaxException.class);
    }

    @Test
    void unknownModifiersAreIgnoredEvenTwice() throws Exception {
        SpfRecord record = SpfRecord.parse(" moo.cow-far_out=man:dog/cat foo=bar foo=baz x=%{d}.example -all");

        assertThat(record.directives()).extracting(Directive::text).containsExactly("-all");
        assertThat(record.redirect()).isEmpty();
        assertThat(record.explanation()).isEmpty();
    }

    // ---- the record as a whole ---------------------------------------------------------------------------------

    @Test
    void termsAreSeparatedBySpacesAndOrderIsKept() throws Exception {
        SpfRecord record = SpfRecord.parse("  ip4:192.0.2.0/24   a:example.com  ~all ");

        assertThat(record.directives())
                .extracting(Directive::text)
                .containsExactly("ip4:192.0.2.0/24", "a:example.com", "~all");
        assertThat(record).hasToString("ip4:192.0.2.0/24   a:example.com  ~all");
    }

    @Test
    void anEmptyRecordHasNoTerms() throws Exception {
        SpfRecord record = SpfRecord.parse("");

        assertThat(record.directives()).isEmpty();
        assertThat(record.redirect()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {" -all caf\u00e9", " ip4:192.0.2.1\t-all", " -all\r\n", " a:\u0080.example.com"})
    void nonAsciiOrControlCharactersAnywhereAreASyntaxError(String terms) {
        assertThatThrownBy(() -> SpfRecord.parse(terms))
                .isInstanceOf(SpfSyntaxException.class)
                .hasMessageContaining("non-ASCII or control character");
    }

    @Test
    void onlyTermsThatQueryDnsCountTowardsTheLimit() throws Exception {
        SpfRecord record =
                SpfRecord.parse(" all ip4:192.0.2.1 ip6:2001:db8::1 a mx ptr include:x.example exists:y.example");

        assertThat(record.directives())
                .extracting(d -> d.mechanism().queriesDns())
                .containsExactly(false, false, false, true, true, true, true, true);
    }

    // ---- CIDR matching (§5.6) ----------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} in {1}/{2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            10.0.0.200     | 10.0.0.128  | 25  | true
            10.0.0.128     | 10.0.0.128  | 25  | true
            10.0.0.255     | 10.0.0.128  | 25  | true
            10.0.0.100     | 10.0.0.128  | 25  | false
            10.0.0.127     | 10.0.0.128  | 25  | false
            10.0.1.200     | 10.0.0.128  | 25  | false
            192.0.2.77     | 192.0.2.64  | 26  | true
            192.0.2.130    | 192.0.2.64  | 26  | false
            172.16.5.4     | 172.16.0.0  | 12  | true
            172.32.0.1     | 172.16.0.0  | 12  | false
            192.0.2.1      | 192.0.2.1   | 32  | true
            192.0.2.2      | 192.0.2.1   | 32  | false
            203.0.113.9    | 0.0.0.0     | 0   | true
            10.0.0.200     | 10.0.0.201  | 31  | true
            10.0.0.199     | 10.0.0.201  | 31  | false
            2001:db8::1    | 2001:db8::  | 32  | true
            2001:db9::1    | 2001:db8::  | 32  | false
            2001:db8::ff   | 2001:db8::80 | 121 | true
            2001:db8::7f   | 2001:db8::80 | 121 | false
            2001:db8::1    | 0.0.0.0     | 0   | false
            """)
    void networksMatchOnTheirLeadingBitsOnly(String address, String network, int prefix, boolean matches) {
        assertThat(AddressMatch.inNetwork(ip(address), ip(network), prefix)).isEqualTo(matches);
    }

    @Test
    void anIp6NetworkWrittenAsMappedIpv4NeverMatchesAnIpv4Client() throws Exception {
        Mechanism mechanism = only(SpfRecord.parse(" ip6:::ffff:192.0.2.0/120")).mechanism();

        assertThat(mechanism).isInstanceOfSatisfying(SpfRecord.Ip6.class, ip6 -> {
            assertThat(ip6.network().getAddress()).hasSize(16);
            assertThat(AddressMatch.inNetwork(ip("192.0.2.1"), ip6.network(), ip6.prefix()))
                    .isFalse();
        });
    }

    /** KB910272: Exchange mishandled non-classful masks; here the whole path, record to result, gets /25 right. */
    @Test
    void aNonClassfulIp4NetworkDecidesTheCheck() throws Exception {
        try (LoopbackEvaluator spf = LoopbackEvaluator.zone()
                .txt("kb910272.example", "v=spf1 ip4:10.0.0.128/25 -all")
                .start()) {
            assertThat(spf.check("10.0.0.200", "alice@kb910272.example").result())
                    .isEqualTo(SpfResult.PASS);
            assertThat(spf.check("10.0.0.100", "alice@kb910272.example").result())
                    .isEqualTo(SpfResult.FAIL);
        }
    }

    private static Directive only(SpfRecord record) {
        List<Directive> directives = record.directives();
        assertThat(directives).hasSize(1);
        return directives.get(0);
    }

    private static InetAddress ip(String literal) {
        return IpLiteral.any(literal).orElseThrow(() -> new IllegalArgumentException(literal));
    }
}
