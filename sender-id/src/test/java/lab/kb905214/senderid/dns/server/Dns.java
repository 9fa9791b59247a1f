package lab.kb905214.senderid.dns.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;

/** Small helpers the server tests share: names, queries, resolvers, and reading TXT answers. */
final class Dns {
    private Dns() {}

    /** An absolute name from text relative to the root. */
    static Name name(String text) {
        try {
            return Name.fromString(text, Name.root);
        } catch (IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** A standard query (RD set, as dnsjava sends it) for name and type. */
    static Message query(String name, int type) {
        return Message.newQuery(Record.newRecord(name(name), type, DClass.IN));
    }

    /** A resolver talking to the server over UDP (or TCP) with a bounded timeout. */
    static SimpleResolver resolver(EmbeddedDnsServer server, boolean tcp, Duration timeout) {
        SimpleResolver resolver = new SimpleResolver(server.address());
        resolver.setTCP(tcp);
        resolver.setTimeout(timeout);
        return resolver;
    }

    /** The answer section's TXT/SPF strings, one joined string per record, decoded byte-for-char (ISO-8859-1). */
    static List<String> texts(Message response) {
        List<String> texts = new ArrayList<>();
        for (Record record : response.getSection(Section.ANSWER)) {
            texts.add(joined(record));
        }
        return texts;
    }

    /** The record's character-strings glued together, each byte as one char (ISO-8859-1). */
    static String joined(Record record) {
        byte[] rdata = record.rdataToWireCanonical();
        StringBuilder text = new StringBuilder();
        for (int at = 0; at < rdata.length; ) {
            int length = rdata[at] & 0xFF;
            text.append(new String(rdata, at + 1, length, StandardCharsets.ISO_8859_1));
            at += 1 + length;
        }
        return text.toString();
    }

    /** The character-strings of a TXT record as raw byte arrays. */
    static List<byte[]> strings(Record record) {
        return ((TXTRecord) record).getStringsAsByteArrays();
    }
}
