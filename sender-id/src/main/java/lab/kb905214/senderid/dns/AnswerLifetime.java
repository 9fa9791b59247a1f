package lab.kb905214.senderid.dns;

import java.time.Duration;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/** How long an answer may be reused: its TTL (RFC 1035 §3.2.1), or for a negative answer RFC 2308 §5's SOA rule. */
final class AnswerLifetime {
    private AnswerLifetime() {}

    /**
     * The lifetime of {@code answer}, read from the {@code message} it came in, capped at {@code cap}; zero when it
     * must not be cached: a TIMEOUT or SERVER_FAILURE (RFC 2308 §7 allows at most five minutes; this client keeps
     * none, so a transient failure ends with the next check), a zero TTL, or a negative answer without an SOA.
     */
    static Duration of(DnsAnswer answer, Message message, Duration cap) {
        long seconds = switch (answer.status()) {
            // The smallest TTL in the answer section, CNAMEs of the chain included: the whole chain expires together.
            case ANSWERS -> smallestTtl(message.getSection(Section.ANSWER));
            // RFC 2308 §5: the SOA's own TTL or its MINIMUM field, whichever is less; no SOA, no negative caching.
            case NXDOMAIN, NODATA -> negativeTtl(message);
            case TIMEOUT, SERVER_FAILURE -> 0;
        };
        return seconds <= 0 ? Duration.ZERO : Duration.ofSeconds(Math.min(seconds, cap.toSeconds()));
    }

    private static long smallestTtl(Iterable<Record> records) {
        long smallest = Long.MAX_VALUE;
        for (Record r : records) {
            smallest = Math.min(smallest, r.getTTL());
        }
        return smallest == Long.MAX_VALUE ? 0 : smallest;
    }

    private static long negativeTtl(Message message) {
        for (Record r : message.getSection(Section.AUTHORITY)) {
            if (r instanceof SOARecord soa) {
                return Math.min(soa.getTTL(), soa.getMinimum());
            }
        }
        return 0;
    }
}
