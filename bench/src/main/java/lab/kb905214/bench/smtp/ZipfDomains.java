package lab.kb905214.bench.smtp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Random;
import lab.kb905214.senderid.dns.server.Zone;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;

/**
 * Sender domains as a mail host sees them: {@code count} domains under {@code zipf.example}, drawn with Zipf's law
 * (the k-th most frequent sender domain is drawn in proportion to 1/k^s), each publishing an SPF record that passes
 * 127.0.0.1 only after four queries (TXT, MX, the MX host's A, the domain's A), with real TTLs and an SOA.
 */
final class ZipfDomains {
    private static final String PARENT = "zipf.example";
    /** The records' TTL: an hour, as published records commonly have; longer than any benchmark run. */
    private static final long TTL = 3600;

    private final int count;
    private final double exponent;
    private final double[] cumulative;

    /** {@code count} domains drawn with exponent {@code exponent} (1.0 is the classic law). */
    ZipfDomains(int count, double exponent) {
        this.count = count;
        this.exponent = exponent;
        this.cumulative = new double[count];
        double sum = 0;
        for (int k = 1; k <= count; k++) {
            sum += 1 / Math.pow(k, exponent);
            cumulative[k - 1] = sum;
        }
        for (int i = 0; i < count; i++) {
            cumulative[i] /= sum;
        }
    }

    /** How many domains there are. */
    int count() {
        return count;
    }

    /** The Zipf exponent. */
    double exponent() {
        return exponent;
    }

    /** The domain of rank {@code k} (1 = the most frequent). */
    static String domain(int k) {
        return "d" + k + "." + PARENT;
    }

    /** One draw: a domain, the most frequent ones most often. */
    String draw(Random random) {
        double u = random.nextDouble();
        int low = 0;
        int high = count - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] < u) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return domain(low + 1);
    }

    /** The zone publishing every domain's record, its MX host and addresses. */
    Zone zone() {
        Zone.Builder zone = Zone.builder()
                .add(new SOARecord(
                        name(PARENT),
                        DClass.IN,
                        TTL,
                        name("ns." + PARENT),
                        name("hostmaster." + PARENT),
                        1,
                        3600,
                        600,
                        86_400,
                        300));
        for (int k = 1; k <= count; k++) {
            String domain = domain(k);
            zone.add(new TXTRecord(name(domain), DClass.IN, TTL, "v=spf1 mx a ip4:192.0.2.0/24 -all"))
                    .add(new MXRecord(name(domain), DClass.IN, TTL, 10, name("mx." + domain)))
                    .add(new ARecord(name("mx." + domain), DClass.IN, TTL, address(192, 0, 2, 1 + k % 250)))
                    .add(new ARecord(name(domain), DClass.IN, TTL, address(127, 0, 0, 1)));
        }
        return zone.build();
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Name name(String text) {
        try {
            return Name.fromString(text, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
