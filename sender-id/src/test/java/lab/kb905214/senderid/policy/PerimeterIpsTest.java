package lab.kb905214.senderid.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import lab.kb905214.senderid.headers.HeaderField;
import lab.kb905214.senderid.headers.HeaderReader;
import lab.kb905214.senderid.spf.IpLiteral;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exchange's perimeter IP list: which client address a Sender ID check is about. */
class PerimeterIpsTest {
    private static final InetAddress RELAY_1 = ip("10.0.0.1");
    private static final InetAddress RELAY_2 = ip("10.0.0.2");
    private static final InetAddress SENDER = ip("192.0.2.7");
    private static final PerimeterIps PERIMETER = PerimeterIps.of(List.of(RELAY_1, RELAY_2));

    @Test
    void aConnectingAddressOutsideThePerimeterIsTheOneChecked() {
        List<HeaderField> headers = headers(
                "Received: from other.example (other.example [198.51.100.9]) by somewhere.example; Mon, 1 Jan 2024 00:00:00 +0000");

        assertThat(PERIMETER.clientIpFor(SENDER, headers)).isEqualTo(SENDER);
        assertThat(PerimeterIps.none().clientIpFor(RELAY_1, headers))
                .as("no perimeter configured")
                .isEqualTo(RELAY_1);
    }

    @Test
    void aPerimeterRelayIsReplacedByTheClientItRecordedInTheTopmostReceived() {
        List<HeaderField> headers = headers(
                "Received: from client.example (client.example [192.0.2.7]) by edge1.corp.example with ESMTP; Mon, 1 Jan 2024 00:00:02 +0000",
                "Received: from earlier.example ([203.0.113.5]) by client.example; Mon, 1 Jan 2024 00:00:01 +0000",
                "From: alice@example.com");

        assertThat(PERIMETER.clientIpFor(RELAY_1, headers)).isEqualTo(SENDER);
    }

    @Test
    void twoPerimeterHopsLeadToTheFirstAddressOutsideThePerimeter() {
        List<HeaderField> headers = headers(
                "Received: from edge1.corp.example ([10.0.0.1]) by edge2.corp.example; Mon, 1 Jan 2024 00:00:03 +0000",
                "Received: from client.example (client.example [192.0.2.7]) by edge1.corp.example; Mon, 1 Jan 2024 00:00:02 +0000",
                "Received: from earlier.example ([203.0.113.5]) by client.example; Mon, 1 Jan 2024 00:00:01 +0000");

        assertThat(PERIMETER.clientIpFor(RELAY_2, headers)).isEqualTo(SENDER);
    }

    @Test
    void ipv6ClientsAndFoldedHeadersAreRead() {
        List<HeaderField> headers = headers(
                "Received: from client.example\r\n\t(client.example [IPv6:2001:db8::7])\r\n\tby edge1.corp.example; Mon, 1 Jan 2024 00:00:02 +0000");

        assertThat(PERIMETER.clientIpFor(RELAY_1, headers)).isEqualTo(ip("2001:db8::7"));
    }

    @Test
    void withoutAUsableReceivedTheConnectingAddressIsKept() {
        assertThat(PERIMETER.clientIpFor(RELAY_1, headers("From: alice@example.com")))
                .as("no Received")
                .isEqualTo(RELAY_1);
        assertThat(PERIMETER.clientIpFor(
                        RELAY_1,
                        headers("Received: from client.example by edge1.corp.example; Mon, 1 Jan 2024 00:00:02 +0000")))
                .as("no address in the from-clause")
                .isEqualTo(RELAY_1);
        assertThat(
                        PERIMETER.clientIpFor(
                                RELAY_1,
                                headers(
                                        "Received: from edge2.corp.example ([10.0.0.2]) by edge1.corp.example; Mon, 1 Jan 2024 00:00:02 +0000")))
                .as("only perimeter hops")
                .isEqualTo(RELAY_1);
        assertThat(
                        PERIMETER.clientIpFor(
                                RELAY_1,
                                headers(
                                        "X-Originating-IP: [192.0.2.99]",
                                        "Received: by edge1.corp.example (Postfix, from userid 1000); Mon, 1 Jan 2024 00:00:02 +0000")))
                .as("addresses outside a Received from-clause")
                .isEqualTo(RELAY_1);
    }

    @Test
    void anAddressInTheByClauseIsNotTheClient() {
        List<HeaderField> headers = headers(
                "Received: from client.example by edge1.corp.example ([198.51.100.1]); Mon, 1 Jan 2024 00:00:02 +0000");

        assertThat(PERIMETER.clientIpFor(RELAY_1, headers)).isEqualTo(RELAY_1);
    }

    /**
     * Only headers written by perimeter relays can be trusted: everything below the last one was written by the
     * sender. When the connecting relay's own Received names no usable client, the walk must stop there instead of
     * taking an address from a lower header, which the sender may have forged to match the domain's SPF record.
     */
    @Test
    void aForgedReceivedBelowAnUnusablePerimeterHeaderIsNotBelieved() {
        List<HeaderField> headers = headers(
                "Received: from unknown by edge1.corp.example; Mon, 1 Jan 2024 00:00:02 +0000",
                "Received: from mail.victim.example ([198.51.100.25]) by mx.victim.example; Mon, 1 Jan 2024 00:00:01 +0000");

        assertThat(PERIMETER.clientIpFor(RELAY_1, headers)).isEqualTo(RELAY_1);
    }

    /**
     * Garbage where an address should be is never resolved: the literals are parsed by IpLiteral alone. A DNS or
     * hosts-file lookup would turn "localhost" into 127.0.0.1, and InetAddress would read "1.2.3" as 1.2.0.3 and
     * "0x7f.1" as nothing sane; none of them may become the client address.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "[localhost]",
                "[1.2.3]",
                "[127.1]",
                "[0x7f.0.0.1]",
                "[192.0.2.256]",
                "[example.com]",
                "[IPv6:gggg::1]",
                "[::ffff:1.2.3]",
                "[2001:db8::1%eth0]",
                "[]",
                "[[192.0.2.7]",
                "[ 192.0.2.7 ]"
            })
    void garbageInReceivedIsNeverResolved(String garbage) {
        List<HeaderField> headers = headers("Received: from client.example (client.example " + garbage
                + ") by edge1.corp.example; Mon, 1 Jan 2024 00:00:02 +0000");

        InetAddress chosen = PERIMETER.clientIpFor(RELAY_1, headers);

        if (garbage.equals("[[192.0.2.7]")) {
            // The inner bracket pair is a well-formed literal.
            assertThat(chosen).isEqualTo(SENDER);
        } else {
            assertThat(chosen).isEqualTo(RELAY_1);
        }
    }

    @Test
    void containsTellsThePerimeterRelaysApart() {
        assertThat(PERIMETER.contains(RELAY_1)).isTrue();
        assertThat(PERIMETER.contains(RELAY_2)).isTrue();
        assertThat(PERIMETER.contains(SENDER)).isFalse();
        assertThat(PerimeterIps.none().contains(RELAY_1)).isFalse();
    }

    private static List<HeaderField> headers(String... lines) {
        return HeaderReader.parse(String.join("\r\n", lines) + "\r\n\r\n");
    }

    private static InetAddress ip(String literal) {
        return IpLiteral.any(literal).orElseThrow(() -> new IllegalArgumentException(literal));
    }
}
