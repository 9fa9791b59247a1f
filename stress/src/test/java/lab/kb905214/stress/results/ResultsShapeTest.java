package lab.kb905214.stress.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lab.kb905214.results.Counters;
import lab.kb905214.results.Engine;
import lab.kb905214.results.Field;
import lab.kb905214.results.Fields;
import lab.kb905214.results.Harness;
import lab.kb905214.results.ProvenanceFields;
import lab.kb905214.results.ResultFields;
import lab.kb905214.results.SpinCounters;
import lab.kb905214.stress.spin.SpinLeaves;
import lab.kb905214.stress.spin.TrailReplay;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The parts of a results file whose names come from Java records rather than from a {@link Field} (the file's own
 * top level, the provenance, SPIN's trail and leaf rows) carry exactly the names the gate reads them by.
 */
@Tag("shares-jvm") // starts no engine and leaves no thread behind: it may share a JVM
class ResultsShapeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aResultsFileHasExactlyTheTopLevelFieldsTheGateReads() {
        HarnessResult result = new HarnessResult(
                Harness.SPIN,
                Engine.FIXED,
                "H1",
                10,
                "states",
                0,
                0,
                null,
                1.5,
                "",
                false,
                List.of(),
                new Fields().put(Counters.EXHAUSTIVE, true),
                Provenance.now());

        JsonNode written = JSON.valueToTree(result);

        assertThat(written.fieldNames())
                .toIterable()
                .containsExactlyInAnyOrderElementsOf(names(ResultFields.ALL).stream()
                        .filter(name -> !name.equals(ResultFields.NOT_OBSERVED.name()))
                        .toList());
        assertThat(ResultFields.EXHAUSTIVE.in(written).asBoolean()).isTrue();
        assertThat(ResultFields.HARNESS.in(written).asText()).isEqualTo("spin");
    }

    @Test
    void aProvenanceHasOnlyFieldsTheGateKnows() {
        JsonNode written = JSON.valueToTree(Provenance.now());

        assertThat(names(ProvenanceFields.ALL)).containsAll(() -> written.fieldNames());
        assertThat(ProvenanceFields.BUILD_ID.in(written).isTextual()).isTrue();
        assertThat(ProvenanceFields.CORES.in(written).asLong()).isPositive();
    }

    @Test
    void spinRowsCarryTheFieldsTheGateComparesThemBy() {
        List<String> trail = Arrays.stream(TrailReplay.class.getRecordComponents())
                .map(c -> c.getName())
                .toList();
        List<String> leaf = Arrays.stream(SpinLeaves.SpinLeaf.class.getRecordComponents())
                .map(c -> c.getName())
                .toList();

        assertThat(trail)
                .containsAll(names(List.of(
                        SpinCounters.TrailReplay.TRAIL,
                        SpinCounters.TrailReplay.ORDER,
                        SpinCounters.TrailReplay.SPIN_KIND,
                        SpinCounters.TrailReplay.ENGINE_ORDER,
                        SpinCounters.TrailReplay.ENGINE_ENDING,
                        SpinCounters.TrailReplay.EXACT,
                        SpinCounters.TrailReplay.AGREE)));
        assertThat(leaf).containsExactlyElementsOf(names(List.of(SpinCounters.Order.ORDER, SpinCounters.Order.ENDING)));
    }

    private static List<String> names(List<? extends Field<?>> fields) {
        List<String> names = new ArrayList<>();
        fields.forEach(field -> names.add(field.name()));
        return names;
    }
}
