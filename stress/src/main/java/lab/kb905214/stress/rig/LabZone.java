package lab.kb905214.stress.rig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lab.kb905214.senderid.dns.server.MasterFileWriter;
import lab.kb905214.senderid.dns.server.OpenSpfZoneData;
import lab.kb905214.senderid.dns.server.Zone;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** The lab's demonstration zone: one domain per Sender ID result, for clients connecting from 127.0.0.1. */
public final class LabZone {
    /** A domain whose records pass 127.0.0.1 for both scopes. */
    public static final String PASS = "pass.example";
    /** A domain whose records fail 127.0.0.1. */
    public static final String FAIL = "fail.example";
    /** A domain whose name server never answers: TempError. */
    public static final String TEMPERROR = "temperror.example";
    /** A domain with a broken record: PermError. */
    public static final String PERMERROR = "permerror.example";
    /**
     * A sender domain whose check a rig with injected defects fails as a defect would (its stage completes
     * exceptionally): the error path. Not in the zone: no query is ever asked for it.
     */
    public static final String DEFECT = "defect.example";

    private LabZone() {}

    /** The zone, read from the module's {@code lab-zone.yml}. */
    public static Zone load() {
        return OpenSpfZoneData.fromYaml(zoneData());
    }

    /**
     * The same zone as an RFC 1035 master file of the root zone, for a real authoritative server (NSD) to serve. A
     * name the embedded server makes time out ({@link #TEMPERROR}) becomes a comment, so NSD says NXDOMAIN for it.
     */
    public static String masterFile() {
        return MasterFileWriter.ofOpenSpf(zoneData());
    }

    /** The top-level names the zone's names sit under ("example."), which a resolver must send to its server. */
    public static List<Name> topLevelNames() {
        Set<Name> names = new LinkedHashSet<>();
        for (String host : zoneData().keySet()) {
            try {
                Name name = Name.fromString(host, Name.root);
                names.add(new Name(name, name.labels() - 2));
            } catch (TextParseException e) {
                throw new IllegalStateException("lab-zone.yml holds a name that is not a DNS name: " + host, e);
            }
        }
        return List.copyOf(names);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> zoneData() {
        try (InputStream in = LabZone.class.getResourceAsStream("lab-zone.yml")) {
            if (in == null) {
                throw new IllegalStateException("lab-zone.yml is missing from the classpath");
            }
            return (Map<String, ?>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
