package lab.kb905214.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a writer puts through a field, a reader finds through the same field, after a round trip through JSON. */
class FieldsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aFieldPutIsReadBackThroughTheSameFieldInOrder() throws Exception {
        Fields counters = new Fields()
                .put(SpinCounters.STATES_STORED, 2_510)
                .put(JudgeCounters.Cell.ABORT_RATE, 0.3)
                .put(Counters.EXHAUSTIVE, true)
                .put(Counters.CYCLE_METHODS, List.of("complete", "teardown"))
                .put(SpinCounters.NOT_REPLAYABLE, null)
                .note("panSeconds", 1.5)
                .put(
                        Counters.DETECTION_RATE,
                        new Fields().put(Counters.DetectionRate.FOUND, 3).put(Counters.DetectionRate.SAMPLES, 10));

        JsonNode read = JSON.readTree(JSON.writeValueAsString(counters));

        assertThat(SpinCounters.STATES_STORED.in(read).asLong()).isEqualTo(2_510);
        assertThat(JudgeCounters.Cell.ABORT_RATE.in(read).asDouble()).isEqualTo(0.3);
        assertThat(Counters.EXHAUSTIVE.in(read).asBoolean()).isTrue();
        assertThat(Counters.CYCLE_METHODS.in(read)).hasSize(2);
        assertThat(SpinCounters.NOT_REPLAYABLE.isIn(read)).isTrue();
        assertThat(SpinCounters.NOT_REPLAYABLE.in(read).isNull()).isTrue();
        assertThat(Counters.DetectionRate.SAMPLES
                        .in(Counters.DETECTION_RATE.in(read))
                        .asLong())
                .isEqualTo(10);
        assertThat(read.fieldNames())
                .toIterable()
                .containsExactly(
                        "statesStored",
                        "abortRate",
                        "exhaustive",
                        "cycleMethods",
                        "notReplayable",
                        "panSeconds",
                        "detectionRate");
    }

    @Test
    void aFieldNotWrittenReadsAsMissingNotAsNull() throws Exception {
        JsonNode read = JSON.readTree(JSON.writeValueAsString(new Fields().note("other", 1)));

        assertThat(SpinCounters.ERRORS.isIn(read)).isFalse();
        assertThat(SpinCounters.ERRORS.in(read).isMissingNode()).isTrue();
        assertThat(SpinCounters.ERRORS.in(read).asLong(-1)).isEqualTo(-1);
    }

    @Test
    void aHarnessIsWrittenAndFoundByTheNameItsFilesCarry() throws Exception {
        assertThat(JSON.writeValueAsString(Harness.EXPLORE)).isEqualTo("\"explore\"");
        for (Harness harness : Harness.values()) {
            assertThat(Harness.of(harness.id())).contains(harness);
        }
        assertThat(Harness.of("?")).isEmpty();
    }
}
