package lab.kb905214.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import lab.kb905214.senderid.dns.server.MasterFileZone;
import lab.kb905214.senderid.dns.server.OpenSpfZoneData;
import lab.kb905214.senderid.dns.server.Zone;
import org.xbill.DNS.Name;

/**
 * A zone file given on the command line: the OpenSPF test-suite YAML zonedata form or an RFC 1035 master file,
 * told apart by the extension (.yml/.yaml; .zone/.db) or, failing that, by the content.
 */
final class ZoneFile {
    private ZoneFile() {}

    /** The two forms. */
    enum Form {
        /** OpenSPF zonedata: host -> list of {TYPE: value} entries. */
        OPENSPF_YAML,
        /** An RFC 1035 master file. */
        MASTER_FILE
    }

    /**
     * Loads {@code file}; relative names in a master file without $ORIGIN are taken as relative to the root.
     *
     * @throws IllegalArgumentException when the file cannot be read or parsed, with a message that says why
     */
    static Zone load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("zone file " + file + " does not exist or is not a file");
        }
        Form form = formOf(file);
        try {
            return form == Form.OPENSPF_YAML ? OpenSpfZoneData.load(file) : MasterFileZone.load(file, Name.root);
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(
                    "cannot read " + file + " as " + describe(form) + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // snakeyaml and the zonedata reader report malformed input as runtime exceptions
            throw new IllegalArgumentException(
                    "cannot read " + file + " as " + describe(form) + ": " + e.getMessage(), e);
        }
    }

    /** Which form {@code file} is in: by extension, else by content. */
    static Form formOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".yml") || name.endsWith(".yaml")) {
            return Form.OPENSPF_YAML;
        }
        if (name.endsWith(".zone") || name.endsWith(".db") || name.endsWith(".hosts")) {
            return Form.MASTER_FILE;
        }
        try {
            return sniff(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Form.MASTER_FILE; // unreadable either way; the loader reports it
        }
    }

    // Master files have $ORIGIN/$TTL directives or "owner [ttl] [IN] TYPE data" lines; zonedata has "host:" keys and
    // "- TYPE: value" items. A master file's owner name never ends in a colon, so "host:" decides for YAML.
    private static Form sniff(List<String> lines) {
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#") || line.equals("---")) {
                continue;
            }
            if (line.startsWith("$")) {
                return Form.MASTER_FILE;
            }
            if (line.startsWith("- ") || line.matches("^[^\\s:\"]+:(\\s.*)?$")) {
                return Form.OPENSPF_YAML;
            }
            if (line.matches("(?i)^\\S*\\s+.*\\b(TXT|SPF|A|AAAA|MX|PTR|CNAME|SOA|NS)\\b.*")) {
                return Form.MASTER_FILE;
            }
        }
        return Form.MASTER_FILE;
    }

    /** The form as a person names it. */
    static String describe(Form form) {
        return form == Form.OPENSPF_YAML ? "OpenSPF YAML zonedata" : "an RFC 1035 master file";
    }
}
