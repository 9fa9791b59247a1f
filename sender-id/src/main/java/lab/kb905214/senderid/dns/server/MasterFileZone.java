package lab.kb905214.senderid.dns.server;

import java.io.IOException;
import java.nio.file.Path;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/** Reads RFC 1035 master files (zone files) into a Zone, through dnsjava's {@link Master}. */
public final class MasterFileZone {
    /** A bound on records read, so a runaway $GENERATE cannot exhaust memory. */
    private static final int MAX_RECORDS = 1_000_000;

    private MasterFileZone() {}

    /**
     * Loads every record of {@code file}; relative names are completed with {@code defaultOrigin} until a
     * {@code $ORIGIN} line changes it (null: the file must set $ORIGIN before its first relative name).
     */
    public static Zone load(Path file, Name defaultOrigin) throws IOException {
        Zone.Builder zone = Zone.builder();
        try (Master master = new Master(file.toString(), defaultOrigin)) {
            int count = 0;
            for (Record record = master.nextRecord(); record != null; record = master.nextRecord()) {
                if (++count > MAX_RECORDS) {
                    throw new IOException(file + " holds more than " + MAX_RECORDS + " records");
                }
                zone.add(record);
            }
        }
        return zone.build();
    }
}
