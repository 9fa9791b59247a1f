package lab.kb905214.senderid.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import lab.kb905214.senderid.spf.SpfResult;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** A test suite in the OpenSPF YAML form: scenarios, each with its tests and its zone data. */
record OpenSpfSuite(String file, List<Scenario> scenarios) {

    /** One YAML document: a description, test cases, and the DNS data they run against. */
    record Scenario(String description, List<Case> cases, Map<String, Object> zonedata) {}

    /**
     * One test case.
     *
     * @param expected the acceptable results (a list in the YAML means any of them)
     * @param explanation the expected explanation, "DEFAULT" for the receiver's own default, or null
     */
    record Case(
            String scenario,
            String name,
            String spec,
            String helo,
            String host,
            String mailfrom,
            Set<SpfResult> expected,
            String explanation) {
        String displayName() {
            return scenario + " / " + name;
        }
    }

    static OpenSpfSuite load(String resource) {
        try (InputStream in = OpenSpfSuite.class.getResourceAsStream(resource)) {
            Objects.requireNonNull(in, resource);
            List<Scenario> scenarios = new ArrayList<>();
            for (Object document : new Load(LoadSettings.builder().build()).loadAllFromInputStream(in)) {
                if (document instanceof Map<?, ?> map) {
                    scenarios.add(scenario(map));
                }
            }
            return new OpenSpfSuite(resource.substring(resource.lastIndexOf('/') + 1), scenarios);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int caseCount() {
        return scenarios.stream().mapToInt(s -> s.cases().size()).sum();
    }

    @SuppressWarnings("unchecked")
    private static Scenario scenario(Map<?, ?> document) {
        String description = String.valueOf(document.get("description")).trim();
        List<Case> cases = new ArrayList<>();
        Map<String, Object> tests = (Map<String, Object>) document.get("tests");
        for (Map.Entry<String, Object> entry : tests.entrySet()) {
            Map<String, Object> t = (Map<String, Object>) entry.getValue();
            cases.add(new Case(
                    description,
                    entry.getKey(),
                    text(t.get("spec")),
                    text(t.get("helo")),
                    text(t.get("host")),
                    text(t.get("mailfrom")),
                    results(t.get("result")),
                    t.containsKey("explanation") ? text(t.get("explanation")).trim() : null));
        }
        Map<String, Object> zonedata = document.get("zonedata") == null
                ? Map.of()
                : new LinkedHashMap<>((Map<String, Object>) document.get("zonedata"));
        return new Scenario(description, cases, zonedata);
    }

    private static Set<SpfResult> results(Object value) {
        Set<SpfResult> results = new TreeSet<>();
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
