package lab.kb905214.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import lab.kb905214.senderid.dns.server.Zone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/** A zone file's form is told by its extension, else by its content; a bad file gets a message, not a trace. */
class ZoneFileTest {
    private static final String YAML = "# zonedata\nown.test:\n  - TXT: \"v=spf1 -all\"\n";
    private static final String MASTER = "; a zone\nown.test. 300 IN TXT \"v=spf1 ip4:192.0.2.1 -all\"\n";

    @TempDir
    Path dir;

    @Test
    void theExtensionDecides() throws Exception {
        assertThat(ZoneFile.formOf(write("a.yml", MASTER))).isEqualTo(ZoneFile.Form.OPENSPF_YAML);
        assertThat(ZoneFile.formOf(write("a.yaml", MASTER))).isEqualTo(ZoneFile.Form.OPENSPF_YAML);
        assertThat(ZoneFile.formOf(write("a.zone", YAML))).isEqualTo(ZoneFile.Form.MASTER_FILE);
        assertThat(ZoneFile.formOf(write("a.db", YAML))).isEqualTo(ZoneFile.Form.MASTER_FILE);
    }

    @Test
    void otherwiseTheContentDecides() throws Exception {
        assertThat(ZoneFile.formOf(write("zonedata", YAML))).isEqualTo(ZoneFile.Form.OPENSPF_YAML);
        assertThat(ZoneFile.formOf(write("records", MASTER))).isEqualTo(ZoneFile.Form.MASTER_FILE);
        assertThat(ZoneFile.formOf(write("directives", "$ORIGIN own.test.\n@ TXT \"v=spf1 -all\"\n")))
                .isEqualTo(ZoneFile.Form.MASTER_FILE);
    }

    @Test
    void bothFormsLoad() throws Exception {
        Zone yaml = ZoneFile.load(write("zonedata", YAML));
        Zone master = ZoneFile.load(write("records", MASTER));

        assertThat(yaml.records(Name.fromString("own.test."), Type.TXT)).hasSize(1);
        assertThat(master.records(Name.fromString("own.test."), Type.TXT)).hasSize(1);
    }

    @Test
    void aBrokenFileSaysWhatIsWrong() throws Exception {
        Path broken = write("broken.yml", "own.test:\n  - 42\n");

        assertThatThrownBy(() -> ZoneFile.load(broken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("broken.yml")
                .hasMessageContaining("OpenSPF YAML zonedata");
        assertThatThrownBy(() -> ZoneFile.load(dir.resolve("missing.zone"))).hasMessageContaining("does not exist");
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
