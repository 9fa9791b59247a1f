package lab.kb905214.bench.spf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import lab.kb905214.senderid.dns.server.OpenSpfZoneData;
import lab.kb905214.senderid.dns.server.Zone;
import lab.kb905214.senderid.spf.SpfResult;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The OpenSPF RFC 7208 suite (a copy of sender-id's, see {@code openspf/SOURCE.md} in this module's resources):
 * its cases and one in-memory zone per scenario.
 */
public final class OpenSpfSuite {
    /** The suite's classpath resource. */
    public static final String RESOURCE = "/openspf/rfc7208-tests.yml";

    private final List<SuiteCase> cases;
    private final List<Zone> zones;
    private final List<String> scenarioNames;

    private OpenSpfSuite(List<SuiteCase> cases, List<Zone> zones, List<String> scenarioNames) {
        this.cases = List.copyOf(cases);
        this.zones = List.copyOf(zones);
        this.scenarioNames = List.copyOf(scenarioNames);
    }

    /** Reads the suite from this module's resources. */
    @SuppressWarnings("unchecked")
    public static OpenSpfSuite load() {
        List<SuiteCase> cases = new ArrayList<>();
        List<Zone> zones = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (InputStream in = OpenSpfSuite.class.getResourceAsStream(RESOURCE)) {
            Objects.requireNonNull(in, RESOURCE);
            for (Object document : new Load(LoadSettings.builder().build()).loadAllFromInputStream(in)) {
                if (!(document instanceof Map<?, ?> doc)) {
                    continue;
                }
                int scenario = zones.size();
                Map<String, Object> zonedata = doc.get("zonedata") == null
                        ? Map.of()
                        : new LinkedHashMap<>((Map<String, Object>) doc.get("zonedata"));
                zones.add(OpenSpfZoneData.fromYaml(zonedata));
                names.add(String.valueOf(doc.get("description")).trim());
                for (Map.Entry<String, Object> entry : ((Map<String, Object>) doc.get("tests")).entrySet()) {
                    Map<String, Object> t = (Map<String, Object>) entry.getValue();
                    cases.add(new SuiteCase(
                            scenario,
                            entry.getKey(),
                            text(t.get("host")),
                            text(t.get("mailfrom")),
                            text(t.get("helo")),
                            results(t.get("result"))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new OpenSpfSuite(cases, zones, names);
    }

    /** Every case, in the suite's order. */
    public List<SuiteCase> cases() {
        return cases;
    }

    /** The zone of scenario {@code index}. */
    public Zone zone(int index) {
        return zones.get(index);
    }

    /** The number of scenarios (YAML documents). */
    public int scenarioCount() {
        return zones.size();
    }

    /** The description of scenario {@code index}. */
    public String scenarioName(int index) {
        return scenarioNames.get(index);
    }

    private static Set<SpfResult> results(Object value) {
        Set<SpfResult> results = EnumSet.noneOf(SpfResult.class);
        if (value instanceof List<?> list) {
            list.forEach(v -> results.add(SpfResult.ofKeyword(String.valueOf(v))));
        } else {
            results.add(SpfResult.ofKeyword(String.valueOf(value)));
        }
        return results;
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
