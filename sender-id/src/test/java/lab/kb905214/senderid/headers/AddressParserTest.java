package lab.kb905214.senderid.headers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AddressParserTest {

    private static Mailbox mailbox(String displayName, String localPart, String domain) {
        return new Mailbox(displayName, localPart, domain);
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                arguments("bare addr-spec", "a@example.com", List.of(mailbox("", "a", "example.com"))),
                arguments(
                        "display name",
                        " John Doe <john@example.com>",
                        List.of(mailbox("John Doe", "john", "example.com"))),
                arguments(
                        "quoted display name with a comma",
                        "\"Doe, John\" <john@example.com>",
                        List.of(mailbox("Doe, John", "john", "example.com"))),
                arguments(
                        "quoted-pairs in a display name",
                        "\"say \\\"hi\\\" \\\\o/\" <x@example.com>",
                        List.of(mailbox("say \"hi\" \\o/", "x", "example.com"))),
                arguments(
                        "quoted local part",
                        "\"john doe\"@example.com",
                        List.of(mailbox("", "john doe", "example.com"))),
                arguments(
                        "trailing comment", "john@example.com (John Doe)", List.of(mailbox("", "john", "example.com"))),
                arguments(
                        "nested comments with a quoted-pair",
                        "john(a (nested \\) one) here)@(x)example.com",
                        List.of(mailbox("", "john", "example.com"))),
                arguments(
                        "comments around an angle address",
                        "(lead) <john@example.com> (trail)",
                        List.of(mailbox("", "john", "example.com"))),
                arguments(
                        "obs-phrase with a dot",
                        "John Q. Public <jqp@example.com>",
                        List.of(mailbox("John Q. Public", "jqp", "example.com"))),
                arguments(
                        "white space collapses in a display name",
                        "John \t (x)  Doe <j@example.com>",
                        List.of(mailbox("John Doe", "j", "example.com"))),
                arguments(
                        "folding white space",
                        "John\r\n Doe\r\n <john@example.com>",
                        List.of(mailbox("John Doe", "john", "example.com"))),
                arguments(
                        "fold inside a quoted string",
                        "\"John\r\n Doe\" <john@example.com>",
                        List.of(mailbox("John Doe", "john", "example.com"))),
                arguments(
                        "obs-local-part and obs-domain with CFWS",
                        "john . doe @ example . com",
                        List.of(mailbox("", "john.doe", "example.com"))),
                arguments(
                        "obs-local-part mixing quoted and atom",
                        "\"john doe\".smith@example.com",
                        List.of(mailbox("", "john doe.smith", "example.com"))),
                arguments(
                        "lenient dots in a local part",
                        ".john..doe.@example.com",
                        List.of(mailbox("", ".john..doe.", "example.com"))),
                arguments(
                        "obs-route",
                        "<@relay1.example,@relay2.example:john@example.com>",
                        List.of(mailbox("", "john", "example.com"))),
                arguments(
                        "obs-route with empty elements",
                        "Joe <,@relay1.example,,@relay2.example:j@example.com>",
                        List.of(mailbox("Joe", "j", "example.com"))),
                arguments("domain literal", "john@[192.0.2.1]", List.of(mailbox("", "john", "[192.0.2.1]"))),
                arguments(
                        "IPv6 domain literal",
                        "<john@[IPv6:2001:db8::1]>",
                        List.of(mailbox("", "john", "[IPv6:2001:db8::1]"))),
                arguments("empty group", "undisclosed-recipients:;", List.of()),
                arguments("empty group with CFWS and commas", "Undisclosed recipients: (none) , ;", List.of()),
                arguments(
                        "group members expand",
                        "Team: a@x.example, B <b@y.example>;, c@z.example",
                        List.of(
                                mailbox("", "a", "x.example"),
                                mailbox("B", "b", "y.example"),
                                mailbox("", "c", "z.example"))),
                arguments(
                        "obs empty list elements",
                        ", a@x.example, ,b@y.example,",
                        List.of(mailbox("", "a", "x.example"), mailbox("", "b", "y.example"))),
                arguments(
                        "8-bit display name",
                        "J\u00f6rg M\u00fcller <joerg@example.com>",
                        List.of(mailbox("J\u00f6rg M\u00fcller", "joerg", "example.com"))),
                arguments(
                        "UTF-8 read as ISO-8859-1",
                        "J\u00c3\u00b6rg <joerg@example.com>",
                        List.of(mailbox("J\u00c3\u00b6rg", "joerg", "example.com"))),
                arguments(
                        "RFC 2047 word kept as written",
                        "=?utf-8?q?J=C3=B6rg?= <j@example.com>",
                        List.of(mailbox("=?utf-8?q?J=C3=B6rg?=", "j", "example.com"))),
                arguments("empty quoted local part", "\"\"@example.com", List.of(mailbox("", "", "example.com"))),
                arguments("nothing but CFWS", " (just a comment) ", List.of()),
                arguments("empty body", "", List.of()));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("valid")
    void parsesValidAddressLists(String what, String input, List<Mailbox> expected) throws AddressParseException {
        assertThat(AddressParser.parseMailboxList(input)).isEqualTo(expected);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments("no @ and no domain", "john", 0, "has no '@' and no domain"),
                arguments("no domain in an angle address", "John <john>", 6, "has no '@' and no domain"),
                arguments("nothing after @", "john@", 5, "no domain after '@'"),
                arguments("no local part", "@example.com", 0, "no local part before '@'"),
                arguments("no local part in an angle address", "<@example.com>", 13, "expected ':' to end the route"),
                arguments("trailing garbage", "john@example.com garbage", 17, "expected ',' or the end"),
                arguments("stray closing bracket", "john@example.com>", 16, "expected ',' or the end"),
                arguments("unclosed angle address", "John Doe <john@example.com", 26, "expected '>'"),
                arguments("empty angle address", "<>", 0, "empty angle address"),
                arguments("empty domain label", "john@example..com", 13, "domain label missing"),
                arguments("domain ending with a dot", "john@example.com.", 17, "domain label missing"),
                arguments("two words in a local part", "john doe@example.com", 5, "two words in a local part"),
                arguments("unclosed comment", "a@example.com (unclosed (nested)", 14, "comment not closed"),
                arguments("unclosed quoted string", "\"unclosed@example.com", 0, "quoted string not closed"),
                arguments("unclosed domain literal", "john@[192.0.2.1", 5, "domain literal not closed"),
                arguments("domain literal outside a domain", "[192.0.2.1] <a@example.com>", 0, "expected an address"),
                arguments("unclosed group", "Team: a@x.example", 17, "group not closed by ';'"),
                arguments("group inside a group", "A: B: c@example.com;;", 4, "a group inside a group"),
                arguments("group without a name", ": a@example.com;", 0, "group without a display name"),
                arguments("non-ASCII domain", "john@ex\u00e4mple.com", 5, "non-ASCII character in domain"),
                arguments("stray parenthesis", "a@example.com)", 13, "')' without a matching '('"),
                arguments("control character", "a\u0001b@example.com", 1, "character U+0001"),
                arguments("unquoted comma in a display name", "Doe, John <j@example.com>", 0, "has no '@'"),
                arguments("@ in an unquoted display name", "john@home <j@example.com>", 10, "expected ',' or the end"),
                arguments("route without colon", "<@relay.example john@example.com>", 16, "expected ':'"),
                arguments("backslash outside quotes", "jo\\hn@example.com", 2, "backslash"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("invalid")
    void rejectsInvalidInputSayingWhatAndWhere(String what, String input, int offset, String problem) {
        assertThatThrownBy(() -> AddressParser.parseMailboxList(input))
                .isInstanceOfSatisfying(AddressParseException.class, e -> {
                    assertThat(e.offset()).isEqualTo(offset);
                    assertThat(e.problem()).contains(problem);
                    assertThat(e).hasMessageContaining("at offset " + offset);
                });
    }

    @Test
    void errorMessagesCarryNoLineBreaksFromTheInput() {
        assertThatThrownBy(() -> AddressParser.parseMailboxList("x\r\n y\r\nz"))
                .isInstanceOfSatisfying(
                        AddressParseException.class,
                        e -> assertThat(e.getMessage())
                                .doesNotContain("\r", "\n")
                                .contains("\\x0D\\x0A"));
    }

    @Test
    void deeplyNestedCommentsDoNotExhaustTheStack() throws AddressParseException {
        String deep = "(".repeat(200_000) + ")".repeat(200_000);

        assertThat(AddressParser.parseMailboxList("a@example.com " + deep)).hasSize(1);
    }

    @Test
    void addressRequotesALocalPartThatIsNotADotAtom() {
        assertThat(mailbox("", "john", "example.com").address()).isEqualTo("john@example.com");
        assertThat(mailbox("", "john.q.public", "example.com").address()).isEqualTo("john.q.public@example.com");
        assertThat(mailbox("", "john doe", "example.com").address()).isEqualTo("\"john doe\"@example.com");
        assertThat(mailbox("", "a\"b\\c", "example.com").address()).isEqualTo("\"a\\\"b\\\\c\"@example.com");
        assertThat(mailbox("", ".john.", "example.com").address()).isEqualTo("\".john.\"@example.com");
        assertThat(mailbox("", "", "example.com").address()).isEqualTo("\"\"@example.com");
        assertThat(mailbox("", "x", "[192.0.2.1]").hasDomainLiteral()).isTrue();
        assertThat(mailbox("", "x", "example.com").hasDomainLiteral()).isFalse();
    }

    @Test
    void aParsedQuotedLocalPartRoundTripsThroughAddress() throws AddressParseException {
        Mailbox parsed = AddressParser.parseMailboxList("\"john \\\"q\\\" doe\"@example.com")
                .get(0);

        assertThat(parsed.localPart()).isEqualTo("john \"q\" doe");
        assertThat(AddressParser.parseMailboxList(parsed.address())).containsExactly(parsed);
    }
}
