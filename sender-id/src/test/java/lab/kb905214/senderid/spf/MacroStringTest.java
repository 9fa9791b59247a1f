package lab.kb905214.senderid.spf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 7208 §7 macro-strings: what parses where, and what expands to what (the §7.4 examples and more). */
class MacroStringTest {
    /** The identities of RFC 7208 §7.4's examples. */
    private static final String SENDER = "strong-bad@email.example.com";

    private static final InetAddress IP4 = IpLiteral.any("192.0.2.3").orElseThrow();
    private static final InetAddress IP6 = IpLiteral.any("2001:db8::cb01").orElseThrow();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            %{s}                                  | strong-bad@email.example.com
            %{o}                                  | email.example.com
            %{d}                                  | email.example.com
            %{d4}                                 | email.example.com
            %{d3}                                 | email.example.com
            %{d2}                                 | example.com
            %{d1}                                 | com
            %{dr}                                 | com.example.email
            %{d2r}                                | example.email
            %{l}                                  | strong-bad
            %{l-}                                 | strong.bad
            %{lr}                                 | strong-bad
            %{lr-}                                | bad.strong
            %{l1r-}                               | strong
            %{ir}.%{v}._spf.%{d2}                 | 3.2.0.192.in-addr._spf.example.com
            %{lr-}.lp._spf.%{d2}                  | bad.strong.lp._spf.example.com
            %{lr-}.lp.%{ir}.%{v}._spf.%{d2}       | bad.strong.lp.3.2.0.192.in-addr._spf.example.com
            %{ir}.%{v}.%{l1r-}.lp._spf.%{d2}      | 3.2.0.192.in-addr.strong.lp._spf.example.com
            %{d2}.trusted-domains.example.net     | example.com.trusted-domains.example.net
            """)
    void theRfcExamplesExpandAsPrinted(String macroString, String expected) throws Exception {
        assertThat(expand(MacroString.parse(macroString), IP4, SENDER)).isEqualTo(expected);
    }

    @Test
    void ipv6AddressesExpandToDottedNibbles() throws Exception {
        // RFC 7208 §7.4 prints the nibbles in lower case; this evaluator writes upper case, as pyspf (the suite's
        // reference) does. DNS names ignore case, so both ask for the same name.
        assertThat(expand(MacroString.parse("%{ir}.%{v}._spf.%{d2}"), IP6, SENDER))
                .isEqualToIgnoringCase(
                        "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            %{l+}          | a+b=c_d.e-f    | a.b=c_d.e-f
            %{l+=}         | a+b=c_d.e-f    | a.b.c_d.e-f
            %{l+=_.-}      | a+b=c_d.e-f    | a.b.c.d.e.f
            %{l2r+=_.-}    | a+b=c_d.e-f    | b.a
            %{l,/}         | x,y/z          | x.y.z
            %{l999}        | a.b.c          | a.b.c
            %{l99999999999999999999} | a.b.c | a.b.c
            %{lR}          | a.b.c          | c.b.a
            """)
    void delimitersAndTransformersSplitReverseAndKeep(String macroString, String localPart, String expected)
            throws Exception {
        assertThat(expand(MacroString.parse(macroString), IP4, localPart + "@example.com"))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            %{S}           | strong-bad%40email.example.com
            %{L}           | strong-bad
            %{O}           | email.example.com
            x%%y           | x%y
            x%_y           | x y
            x%-y           | x%20y
            """)
    void escapesAndUrlEscapingOfUpperCaseLetters(String macroString, String expected) throws Exception {
        assertThat(expand(MacroString.parse(macroString), IP4, SENDER)).isEqualTo(expected);
    }

    @Test
    void upperCaseLettersEscapeEveryByteOutsideTheUnreservedSet() throws Exception {
        MacroString upper = MacroString.parse("%{L}");
        MacroString lower = MacroString.parse("%{l}");
        String sender = "a b/c+d~e_f.g!h@example.com";

        assertThat(expand(upper, IP4, sender)).isEqualTo("a%20b%2Fc%2Bd~e_f.g%21h");
        assertThat(expand(lower, IP4, sender)).isEqualTo("a b/c+d~e_f.g!h");
    }

    @Test
    void anEmptyLocalPartExpandsAsPostmasterInARealCheck() throws Exception {
        // §4.3: the evaluator, not the expander, turns an empty local part into "postmaster".
        try (LoopbackEvaluator spf = LoopbackEvaluator.zone()
                .txt("lp.example", "v=spf1 exists:%{l}.%{o}.lp.example -all")
                .start()) {
            SpfOutcome outcome = spf.check("192.0.2.1", "@lp.example");

            assertThat(outcome.dnsQueries()).contains("A postmaster.lp.example.lp.example. -> NXDOMAIN");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"%{c}", "%{r}", "%{t}", "%{C}", "%{R}", "%{T}", "%{c}.example.com", "%{t1r}"})
    void expOnlyLettersAreRejectedOutsideExplanations(String macroString) throws Exception {
        assertThatThrownBy(() -> MacroString.parse(macroString)).isInstanceOf(SpfSyntaxException.class);
        assertThat(MacroString.parseExplanation(macroString)).hasToString(macroString);
    }

    @Test
    void expOnlyLettersExpandInExplanations() throws Exception {
        MacroString explanation = MacroString.parseExplanation("%{i} (%{c}) is not allowed by %{r} at %{t}");

        String nibbles = "2.0.0.1.0.D.B.8." + "0.".repeat(20) + "C.B.0.1";
        assertThat(expand(explanation, IP6, SENDER))
                .isEqualTo(nibbles + " (2001:db8::cb01) is not allowed by receiver.example at 1700000000");
    }

    @Test
    void explanationsMayHoldSpacesDomainSpecsMayNot() throws Exception {
        assertThat(MacroString.parseExplanation("not allowed, see %{d}")).hasToString("not allowed, see %{d}");
        assertThatThrownBy(() -> MacroString.parse("not allowed")).isInstanceOf(SpfSyntaxException.class);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                "%",
                "x%",
                "%x",
                "%{",
                "%{}",
                "%{l",
                "%{x}",
                "%{ld}",
                "%{d0}",
                "%{d00}",
                "%{l!}",
                "%{l@}",
                "%{lr2}",
                "%{ d}",
                "%{d }",
                "%{dr r}",
                "caf\u00e9.example.com",
                "a\tb",
                "%{\u00e9}",
                "%{p-r}"
            })
    void malformedMacroStringsAreSyntaxErrors(String macroString) {
        assertThatThrownBy(() -> MacroString.parse(macroString)).isInstanceOf(SpfSyntaxException.class);
        assertThatThrownBy(() -> MacroString.parseExplanation(macroString)).isInstanceOf(SpfSyntaxException.class);
    }

    @Test
    void onlyThePMacroNeedsTheValidatedDomain() throws Exception {
        assertThat(MacroString.parse("%{p}.example.com").usesValidatedDomain()).isTrue();
        assertThat(MacroString.parse("%{P2r}.example.com").usesValidatedDomain())
                .isTrue();
        assertThat(MacroString.parse("%{d}.%{i}.%{l}.%{s}.%{o}.%{h}.%{v}").usesValidatedDomain())
                .isFalse();
    }

    @Test
    void aMacroStringKeepsItsSourceText() throws Exception {
        assertThat(MacroString.parse("%{ir}.%{l1r+-}._spf.%{d}")).hasToString("%{ir}.%{l1r+-}._spf.%{d}");
    }

    /** Expands with the values an evaluator would give for this client and sender (HELO, receiver, time fixed). */
    private static String expand(MacroString string, InetAddress ip, String sender) {
        int at = sender.lastIndexOf('@');
        String local = sender.substring(0, at);
        String domain = sender.substring(at + 1);
        return MacroExpander.expand(string, letter -> switch (letter) {
            case 's' -> local + "@" + domain;
            case 'l' -> local;
            case 'o', 'd' -> domain;
            case 'i' -> AddressMatch.macroForm(ip);
            case 'p' -> "unknown";
            case 'v' -> AddressMatch.version(ip);
            case 'h' -> "mx.example.org";
            case 'c' -> AddressMatch.readableForm(ip);
            case 'r' -> "receiver.example";
            case 't' -> "1700000000";
            default -> throw new IllegalArgumentException("letter " + letter);
        });
    }
}
