package lab.kb905214.senderid.dns.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Reads zones in the OpenSPF test-suite YAML {@code zonedata} form, serving them as the suite's reference
 * driver (pyspf's testspf.py) does.
 *
 * <ul>
 *   <li>Each host maps to a list of one-key mappings {@code {TYPE: value}} or the bare string {@code TIMEOUT}.
 *   <li>A name's SPF entries are also served as TXT, unless the name has a TXT entry of its own.
 *   <li>{@code TYPE: NONE} adds no record; it only counts as "has a TXT entry" for the rule above
 *       ({@code TXT: NONE} suppresses the TXT copy of SPF entries).
 *   <li>{@code TIMEOUT} makes the name time out for every type not listed before it; a NONE entry does not
 *       count as listed (so {@code [SPF, TXT: NONE, TIMEOUT]} times out for TXT). Entries after it are ignored,
 *       since the reference driver never reads past it.
 *   <li>{@code RCODE: n} makes every query for the name answer with rcode n.
 * </ul>
 */
public final class OpenSpfZoneData {
    /** The TTL of every record; the suite sets none and its clients never look. */
    public static final long TTL = 300;

    private static final String TIMEOUT = "TIMEOUT";
    private static final String NONE = "NONE";

    private OpenSpfZoneData() {}

    /** Builds the zone of one scenario's parsed {@code zonedata} mapping (host -> list of entries). */
    public static Zone fromYaml(Map<String, ?> zonedata) {
        Zone.Builder zone = Zone.builder();
        for (Map.Entry<String, ?> host : zonedata.entrySet()) {
            addHost(zone, String.valueOf(host.getKey()), host.getValue());
        }
        return zone.build();
    }

    /**
     * Loads a YAML file whose documents are either zonedata mappings (host -> entries) or scenarios with a
     * {@code zonedata:} key; the zonedata of all documents is merged, a host's lists concatenated in order.
     */
    public static Zone load(Path yamlFile) {
        Map<String, List<Object>> merged = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(yamlFile)) {
            Load load = new Load(
                    LoadSettings.builder().setLabel(yamlFile.toString()).build());
            int document = 0;
            for (Object doc : load.loadAllFromInputStream(in)) {
                document++;
                if (doc == null) {
                    continue; // an empty document ("---" at the end)
                }
                if (!(doc instanceof Map)) {
                    throw new IllegalArgumentException(yamlFile + ": document " + document + " is not a mapping");
                }
                mergeInto(merged, zonedataOf((Map<?, ?>) doc, yamlFile, document));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + yamlFile, e);
        }
        return fromYaml(merged);
    }

    private static Map<?, ?> zonedataOf(Map<?, ?> doc, Path file, int document) {
        boolean scenario = doc.containsKey("zonedata") || doc.containsKey("tests") || doc.containsKey("description");
        if (!scenario) {
            return doc;
        }
        Object zonedata = doc.get("zonedata");
        if (zonedata == null) {
            return Map.of();
        }
        if (!(zonedata instanceof Map)) {
            throw new IllegalArgumentException(file + ": zonedata of document " + document + " is not a mapping");
        }
        return (Map<?, ?>) zonedata;
    }

    private static void mergeInto(Map<String, List<Object>> merged, Map<?, ?> zonedata) {
        for (Map.Entry<?, ?> host : zonedata.entrySet()) {
            // Host names are case-insensitive: "Example.com" in one document and "example.com" in another meet.
            String key = String.valueOf(host.getKey()).toLowerCase(Locale.ROOT);
            List<Object> entries = merged.computeIfAbsent(key, k -> new ArrayList<>());
            if (host.getValue() instanceof List) {
                entries.addAll((List<?>) host.getValue());
            } else if (host.getValue() != null) {
                entries.add(host.getValue());
            }
        }
    }

    private static void addHost(Zone.Builder zone, String host, Object value) {
        Name owner = hostName(host);
        List<?> entries = value == null ? List.of() : value instanceof List ? (List<?>) value : List.of(value);
        zone.name(owner);

        List<List<String>> spfStrings = new ArrayList<>();
        boolean hasTxtEntry = false;
        Set<Integer> listedTypes = new HashSet<>();
        boolean timesOut = false;
        for (Object entry : entries) {
            if (TIMEOUT.equals(entry)) {
                timesOut = true;
                break;
            }
            if (!(entry instanceof Map) || ((Map<?, ?>) entry).size() != 1) {
                throw new IllegalArgumentException(
                        "zonedata host '" + host + "': entry is neither TIMEOUT nor a one-key mapping: " + entry);
            }
            Map.Entry<?, ?> typed = ((Map<?, ?>) entry).entrySet().iterator().next();
            String type = String.valueOf(typed.getKey()).toUpperCase(Locale.ROOT);
            Object data = typed.getValue();
            if (type.equals("TXT")) {
                hasTxtEntry = true;
            }
            if (NONE.equals(data)) {
                continue;
            }
            try {
                switch (type) {
                    case "RCODE" -> zone.rcode(owner, ((Number) data).intValue());
                    case "SPF" -> {
                        spfStrings.add(strings(data));
                        zone.add(TextRecords.of(owner, Type.SPF, TTL, strings(data)));
                        listedTypes.add(Type.SPF);
                    }
                    default -> {
                        Record record = record(owner, type, data);
                        zone.add(record);
                        listedTypes.add(record.getType());
                    }
                }
            } catch (IllegalArgumentException | ClassCastException | IOException e) {
                throw new IllegalArgumentException(
                        "zonedata host '" + host + "': bad " + type + " entry " + data + ": " + e.getMessage(), e);
            }
        }
        if (!hasTxtEntry) {
            for (List<String> strings : spfStrings) {
                zone.add(TextRecords.of(owner, Type.TXT, TTL, strings));
            }
            if (!spfStrings.isEmpty()) {
                listedTypes.add(Type.TXT);
            }
        }
        if (timesOut) {
            zone.timeout(owner, listedTypes);
        }
    }

    private static Record record(Name owner, String type, Object data) throws IOException {
        return switch (type) {
            case "TXT" -> TextRecords.of(owner, Type.TXT, TTL, strings(data));
            case "A" -> new ARecord(owner, DClass.IN, TTL, address(data, Address.IPv4));
            case "AAAA" -> new AAAARecord(owner, DClass.IN, TTL, address(data, Address.IPv6));
            case "PTR" -> new PTRRecord(owner, DClass.IN, TTL, target(data));
            case "CNAME" -> new CNAMERecord(owner, DClass.IN, TTL, target(data));
            case "MX" -> {
                List<?> mx = (List<?>) data;
                if (mx.size() != 2) {
                    throw new IllegalArgumentException("MX needs [preference, host]");
                }
                yield new MXRecord(owner, DClass.IN, TTL, ((Number) mx.get(0)).intValue(), target(mx.get(1)));
            }
            default -> {
                // Any other type dnsjava knows is read from its zone-file text form, e.g. {NS: "ns1.example.com."}.
                int code = Type.value(type);
                if (code < 0) {
                    throw new IllegalArgumentException("unknown record type");
                }
                yield Record.fromString(owner, code, DClass.IN, TTL, String.valueOf(data), Name.root);
            }
        };
    }

    /** A string is one character-string; a list is several character-strings of one record ([] = none). */
    private static List<String> strings(Object data) {
        if (data instanceof List) {
            List<String> strings = new ArrayList<>();
            for (Object element : (List<?>) data) {
                strings.add(String.valueOf(element));
            }
            return strings;
        }
        return List.of(String.valueOf(data));
    }

    private static InetAddress address(Object data, int family) throws UnknownHostException {
        return Address.getByAddress(String.valueOf(data), family);
    }

    /** A domain name in the data, relative to the root; "" is the root itself (as in {@code MX: [0, ""]}). */
    private static Name target(Object data) throws TextParseException {
        String text = String.valueOf(data);
        return text.isEmpty() ? Name.root : Name.fromString(text, Name.root);
    }

    private static Name hostName(String host) {
        try {
            return Name.fromString(host, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException(
                    "zonedata host '" + host + "' is not a valid DNS name: " + e.getMessage(), e);
        }
    }
}
