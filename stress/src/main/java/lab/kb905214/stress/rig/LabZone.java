package lab.kb905214.stress.rig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import lab.kb905214.senderid.dns.server.OpenSpfZoneData;
import lab.kb905214.senderid.dns.server.Zone;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

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

    private LabZone() {}

    /** The zone, read from the module's {@code lab-zone.yml}. */
    @SuppressWarnings("unchecked")
    public static Zone load() {
        try (InputStream in = LabZone.class.getResourceAsStream("lab-zone.yml")) {
            if (in == null) {
                throw new IllegalStateException("lab-zone.yml is missing from the classpath");
            }
            Object yaml = new Load(LoadSettings.builder().build()).loadFromInputStream(in);
            return OpenSpfZoneData.fromYaml((Map<String, ?>) yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
