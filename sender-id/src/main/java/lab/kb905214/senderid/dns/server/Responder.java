package lab.kb905214.senderid.dns.server;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Turns the bytes of one query into a Reply from a Zone and the current Faults; no I/O, never throws. */
final class Responder {
    /** How many CNAMEs one answer follows; a longer chain (or a loop) just ends the answer there. */
    static final int MAX_CNAME_HOPS = 8;
    /** The EDNS payload size this server advertises, and the most it sends over UDP whatever a client offers. */
    static final int MAX_UDP_PAYLOAD = 4096;

    private final Zone zone;
    private final Faults faults;

    Responder(Zone zone, Faults faults) {
        this.zone = zone;
        this.faults = faults;
    }

    /** Decides the reply to one query packet (UDP datagram or TCP message without its length prefix). */
    Reply respond(byte[] packet) {
        Message query;
        try {
            query = new Message(packet);
        } catch (Exception e) { // WireParseException, or a RuntimeException from a record's rdata parser
            return malformed(packet);
        }
        Header header = query.getHeader();
        if (header.getFlag(Flags.QR)) {
            return Reply.silent(true); // never answer a response: two servers could bounce packets forever
        }
        Message reply = new Message(header.getID());
        Header replyHeader = reply.getHeader();
        replyHeader.setFlag(Flags.QR);
        replyHeader.setOpcode(header.getOpcode());
        if (header.getFlag(Flags.RD)) {
            replyHeader.setFlag(Flags.RD);
        }
        OPTRecord clientOpt = query.getOPT();
        int udpLimit = Reply.CLASSIC_UDP_LIMIT;
        if (clientOpt != null) {
            // RFC 6891 §6.2.5: a payload size below 512 is treated as 512.
            udpLimit = Math.max(Reply.CLASSIC_UDP_LIMIT, Math.min(clientOpt.getPayloadSize(), MAX_UDP_PAYLOAD));
            reply.addRecord(new OPTRecord(MAX_UDP_PAYLOAD, 0, 0), Section.ADDITIONAL);
        }
        Record question = query.getQuestion();
        if (question == null || header.getCount(Section.QUESTION) != 1) {
            replyHeader.setRcode(Rcode.FORMERR);
            return Reply.send(reply, Duration.ZERO, udpLimit);
        }
        reply.addRecord(question, Section.QUESTION);
        if (header.getOpcode() != Opcode.QUERY) {
            replyHeader.setRcode(Rcode.NOTIMP);
            return Reply.send(reply, Duration.ZERO, udpLimit);
        }
        if (question.getDClass() != DClass.IN && question.getDClass() != DClass.ANY) {
            replyHeader.setRcode(Rcode.REFUSED); // this server holds IN data only
            return Reply.send(reply, Duration.ZERO, udpLimit);
        }

        Name name = question.getName();
        int type = question.getType();
        if (faults.timesOut(name) || zone.timesOut(name, type)) {
            return Reply.silent(false);
        }
        replyHeader.setFlag(Flags.AA);
        OptionalInt zoneRcode = zone.rcode(name);
        if (faults.servfails(name)) {
            replyHeader.setRcode(Rcode.SERVFAIL);
        } else if (zoneRcode.isPresent()) {
            replyHeader.setRcode(zoneRcode.getAsInt());
        } else {
            answer(name, type, reply);
        }
        return Reply.send(reply, faults.delayFor(name), udpLimit);
    }

    /** Fills the answer section (following CNAMEs inside the zone) and sets NXDOMAIN for a missing name. */
    private void answer(Name name, int type, Message reply) {
        Name current = name;
        Set<Name> visited = new HashSet<>();
        for (int hop = 0; hop <= MAX_CNAME_HOPS && visited.add(current); hop++) {
            List<Record> exact = zone.records(current, type);
            List<Record> cname = type == Type.CNAME || type == Type.ANY ? List.of() : zone.records(current, Type.CNAME);
            if (!exact.isEmpty() || cname.isEmpty()) {
                exact.forEach(record -> reply.addRecord(record, Section.ANSWER));
                if (exact.isEmpty()) {
                    if (!zone.exists(current)) {
                        // RFC 6604: after a CNAME chain the rcode describes the last name of the chain.
                        reply.getHeader().setRcode(Rcode.NXDOMAIN);
                    }
                    addEnclosingSoa(current, reply);
                }
                return;
            }
            Record alias = cname.get(0);
            reply.addRecord(alias, Section.ANSWER);
            Name target = ((CNAMERecord) alias).getTarget();
            if (zone.timesOut(target, type) || zone.rcode(target).isPresent()) {
                return; // the client asks for the target itself and meets its fault there
            }
            current = target;
        }
    }

    /** Puts the SOA of the closest enclosing zone apex in the authority section (RFC 2308), if the zone has one. */
    private void addEnclosingSoa(Name name, Message reply) {
        for (int strip = 0; strip < name.labels(); strip++) {
            List<Record> soa = zone.records(new Name(name, strip), Type.SOA);
            if (!soa.isEmpty()) {
                reply.addRecord(soa.get(0), Section.AUTHORITY);
                return;
            }
        }
    }

    /** A packet that does not parse: FORMERR if its query id can be read, silence otherwise. */
    private static Reply malformed(byte[] packet) {
        if (packet.length < 2) {
            return Reply.silent(true);
        }
        if (packet.length >= 3 && (packet[2] & 0x80) != 0) {
            return Reply.silent(true); // a broken response: answering it could start a packet loop
        }
        int id = ((packet[0] & 0xFF) << 8) | (packet[1] & 0xFF);
        Message reply = new Message(id);
        reply.getHeader().setFlag(Flags.QR);
        reply.getHeader().setRcode(Rcode.FORMERR);
        return Reply.formErr(reply);
    }
}
