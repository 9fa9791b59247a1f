package lab.kb905214.senderid.spf;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** CIDR matching and the address forms macros need (RFC 7208 §5.6, §7.3). */
final class AddressMatch {
    private static final String HEX = "0123456789ABCDEF";

    private AddressMatch() {}

    /** Whether {@code address} lies in {@code network}/{@code prefix}; addresses of different families never match. */
    static boolean inNetwork(InetAddress address, InetAddress network, int prefix) {
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            return false;
        }
        int fullBytes = prefix / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (a[i] != n[i]) {
                return false;
            }
        }
        int remainingBits = prefix % 8;
        if (remainingBits == 0) {
            return true;
        }
        // Non-classful masks such as /25 compare only the leading bits of the boundary byte (KB910272).
        int mask = (0xff << (8 - remainingBits)) & 0xff;
        return (a[fullBytes] & mask) == (n[fullBytes] & mask);
    }

    /**
     * The %{i} form: dotted decimal for IPv4, dot-separated nibbles for IPv6 (upper-case hex, as pyspf, the
     * reference implementation of the OpenSPF suite, writes them; DNS names ignore case anyway).
     */
    static String macroForm(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        StringBuilder out = new StringBuilder();
        for (byte b : address.getAddress()) {
            out.append(HEX.charAt((b >> 4) & 0xf))
                    .append('.')
                    .append(HEX.charAt(b & 0xf))
                    .append('.');
        }
        return out.substring(0, out.length() - 1);
    }

    /** The %{c} form: RFC 5952 text (IPv6 compressed, lower case). */
    static String readableForm(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] bytes = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // RFC 5952 §4.2.2: a single zero group is not compressed
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /** The %{v} value: "in-addr" for IPv4, "ip6" for IPv6. */
    static String version(InetAddress address) {
        return address instanceof Inet4Address ? "in-addr" : "ip6";
    }
}
