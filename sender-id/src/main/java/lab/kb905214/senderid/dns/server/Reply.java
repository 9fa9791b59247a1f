package lab.kb905214.senderid.dns.server;

import java.time.Duration;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Section;

/** What the server does with one query: send this message (after a delay) or stay silent. */
final class Reply {
    /** The classic DNS-over-UDP limit (RFC 1035 §4.2.1) for clients that sent no EDNS OPT record. */
    static final int CLASSIC_UDP_LIMIT = 512;
    /** The largest TCP message: its length prefix is 16 bits (RFC 1035 §4.2.2). */
    static final int TCP_LIMIT = 0xFFFF;

    private final Message message;
    private final Duration delay;
    private final int udpLimit;
    private final boolean malformed;

    private Reply(Message message, Duration delay, int udpLimit, boolean malformed) {
        this.message = message;
        this.delay = delay;
        this.udpLimit = udpLimit;
        this.malformed = malformed;
    }

    /** No reply at all (a timeout, or a packet too broken to answer). */
    static Reply silent(boolean malformed) {
        return new Reply(null, Duration.ZERO, CLASSIC_UDP_LIMIT, malformed);
    }

    /** Sends {@code message} after {@code delay}; over UDP it must fit in {@code udpLimit} bytes. */
    static Reply send(Message message, Duration delay, int udpLimit) {
        return new Reply(message, delay, udpLimit, false);
    }

    /** A FORMERR answer to a packet that could not be parsed. */
    static Reply formErr(Message message) {
        return new Reply(message, Duration.ZERO, CLASSIC_UDP_LIMIT, true);
    }

    /** True if nothing is to be sent. */
    boolean isSilent() {
        return message == null;
    }

    /** True if the query could not be parsed (answered with FORMERR or dropped). */
    boolean isMalformed() {
        return malformed;
    }

    /** The reply message, or null when silent. */
    Message message() {
        return message;
    }

    /** How long to hold the reply before sending it. */
    Duration delay() {
        return delay;
    }

    /** The largest UDP reply the client accepts: 512, or its EDNS payload size. */
    int udpLimit() {
        return udpLimit;
    }

    /**
     * The reply's bytes for UDP: whole if they fit, else a copy with the TC flag and no records but the OPT,
     * which tells the client to ask again over TCP (RFC 1035 §4.2.1, RFC 7766 §5).
     */
    byte[] udpBytes() {
        byte[] whole = message.toWire();
        if (whole.length <= udpLimit) {
            return whole;
        }
        Message truncated = message.clone();
        OPTRecord opt = truncated.getOPT();
        truncated.removeAllRecords(Section.ANSWER);
        truncated.removeAllRecords(Section.AUTHORITY);
        truncated.removeAllRecords(Section.ADDITIONAL);
        if (opt != null) {
            truncated.addRecord(opt, Section.ADDITIONAL);
        }
        truncated.getHeader().setFlag(Flags.TC);
        return truncated.toWire();
    }

    /** The reply's bytes for TCP (without the 2-byte length prefix). */
    byte[] tcpBytes() {
        // toWire(max) drops whole RRsets and sets TC if even TCP's 64 KiB cannot hold the answer.
        return message.toWire(TCP_LIMIT);
    }
}
