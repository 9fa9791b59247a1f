package lab.kb905214.senderid.dns.server;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Writes a {@link Zone} as an RFC 1035 master file, so that a real authoritative server (NSD, BIND) can serve the
 * data the embedded server serves.
 *
 * <p>Every record is one line, {@code owner TAB ttl TAB class TAB type TAB rdata}, with absolute names, so a
 * line can be traced back to its record. What a master file cannot say is written as a comment line instead, so
 * the file shows what it lacks: a name that times out, a name that answers a fixed rcode, a name that exists with
 * no records (a real server says NXDOMAIN for it).
 */
public final class MasterFileWriter {
    /** The SOA written when the zone has none at its apex; its last field is the negative-answer TTL. */
    static final String DEFAULT_SOA = "ns.lab.invalid. hostmaster.lab.invalid. 1 3600 600 86400 300";

    /** The types whose timeouts a comment names (the ones a zone of the lab holds or an SPF check asks for). */
    private static final int[] TYPES_NAMED_IN_COMMENTS = {
        Type.A, Type.AAAA, Type.CNAME, Type.MX, Type.PTR, Type.SPF, Type.TXT
    };

    private MasterFileWriter() {}

    /**
     * Converts one OpenSPF scenario's {@code zonedata} (as {@link OpenSpfZoneData#fromYaml} reads it) into a master
     * file for the root zone, so that every name outside the data gets NXDOMAIN, as from the embedded server.
     */
    public static String ofOpenSpf(Map<String, ?> zonedata) {
        List<Name> owners = new ArrayList<>();
        for (String host : zonedata.keySet()) {
            try {
                owners.add(Name.fromString(String.valueOf(host), Name.root));
            } catch (TextParseException e) {
                throw new IllegalArgumentException("zonedata host '" + host + "' is not a valid DNS name", e);
            }
        }
        return write(OpenSpfZoneData.fromYaml(zonedata), Name.root, owners);
    }

    /**
     * Writes the records of {@code owners} (each at or below {@code apex}) as the master file of the zone at
     * {@code apex}; the zone's SOA at the apex comes first, or {@link #DEFAULT_SOA} when it has none.
     */
    public static String write(Zone zone, Name apex, Collection<Name> owners) {
        StringBuilder out = new StringBuilder();
        out.append("; zone ").append(apex).append(", written by the KB905214 lab's MasterFileWriter\n");
        List<Record> soa = zone.records(apex, Type.SOA);
        if (soa.isEmpty()) {
            out.append(apex)
                    .append('\t')
                    .append(OpenSpfZoneData.TTL)
                    .append("\tIN\tSOA\t")
                    .append(DEFAULT_SOA)
                    .append('\n');
        } else {
            soa.forEach(record -> line(out, record));
        }
        // A Set, because names differing only in case are one name, and Name.equals ignores case.
        Set<Name> names = new LinkedHashSet<>(owners);
        for (Name owner : names) {
            if (!owner.subdomain(apex)) {
                throw new IllegalArgumentException(owner + " is not at or below the apex " + apex);
            }
            List<Record> records = zone.records(owner, Type.ANY);
            for (Record record : records) {
                if (!(record.getType() == Type.SOA && owner.equals(apex))) {
                    line(out, record);
                }
            }
            comments(out, zone, owner, records.isEmpty() && !hasDescendant(names, owner));
        }
        return out.toString();
    }

    // A name with a name below it exists in any master file (an empty non-terminal), records or not.
    private static boolean hasDescendant(Set<Name> names, Name owner) {
        return names.stream().anyMatch(name -> !name.equals(owner) && name.subdomain(owner));
    }

    private static void line(StringBuilder out, Record record) {
        byte[] rdata = record.rdataToWireCanonical();
        // Empty rdata (a TXT with no character-string) has no presentation form; RFC 3597's generic form has one.
        String text = rdata.length == 0 ? "\\# 0" : record.rdataToString();
        out.append(record.getName())
                .append('\t')
                .append(record.getTTL())
                .append('\t')
                .append(DClass.string(record.getDClass()))
                .append('\t')
                .append(Type.string(record.getType()))
                .append('\t')
                .append(text)
                .append('\n');
    }

    private static void comments(StringBuilder out, Zone zone, Name owner, boolean noRecords) {
        Set<String> timedOut = new LinkedHashSet<>();
        for (int type : TYPES_NAMED_IN_COMMENTS) {
            if (zone.timesOut(owner, type)) {
                timedOut.add(Type.string(type));
            }
        }
        if (!timedOut.isEmpty()) {
            out.append("; not expressible: ")
                    .append(owner)
                    .append(" times out for ")
                    .append(String.join(" ", timedOut))
                    .append('\n');
        }
        OptionalInt rcode = zone.rcode(owner);
        if (rcode.isPresent()) {
            out.append("; not expressible: ")
                    .append(owner)
                    .append(" answers rcode ")
                    .append(Rcode.string(rcode.getAsInt()))
                    .append('\n');
        }
        if (noRecords && timedOut.isEmpty() && rcode.isEmpty()) {
            out.append("; not expressible: ").append(owner).append(" exists with no records\n");
        }
    }
}
