package lab.kb905214.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An engine is written by its name, and a name no engine has cannot be made. */
class EngineTest {

    @Test
    void isWrittenAsTheNameTheFilesCarry() throws Exception {
        String json = new ObjectMapper().writeValueAsString(Map.of("engine", Engine.mutant("M5")));

        assertThat(json).isEqualTo("{\"engine\":\"mutant-M5\"}");
        assertThat(Engine.of("mutant-M5")).contains(Engine.mutant("M5"));
        assertThat(Engine.mutant("M5").mutant()).contains("M5");
        assertThat(Engine.FIXED.mutant()).isEmpty();
    }

    @Test
    void refusesANameNoEngineHas() {
        assertThat(Engine.of("fixd")).isEmpty();
        assertThat(Engine.of("mutant-M7+M8")).isEmpty();
        assertThatThrownBy(() -> new Engine("Buggy")).hasMessageContaining("no engine is called 'Buggy'");
    }
}
