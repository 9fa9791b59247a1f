package lab.kb905214.reports.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import lab.kb905214.results.Counters;
import lab.kb905214.results.Engine;
import lab.kb905214.results.Field;
import lab.kb905214.results.Harness;
import lab.kb905214.results.ResultFields;

/**
 * One results file as read: its path and its JSON tree, with lenient accessors.
 *
 * <p>The tree is kept as written (files from any version of a harness are readable); accessors return empty
 * when a field is absent or has the wrong type, and the gate reports that as a finding instead of failing here.
 * Every field is read through its constant in results-schema ({@link ResultFields}, the {@code *Counters} classes),
 * the one the harness wrote it with: there is no reading by name.
 *
 * @param file the results file
 * @param tree the file's top-level JSON object
 */
public record HarnessRun(Path file, JsonNode tree) {

    /** The file's name, e.g. {@code schedule-buggy-H1.json}. */
    public String fileName() {
        return file.getFileName().toString();
    }

    /** The harness (schedule, lincheck, jcstress, load), or "?" when the file does not say. */
    public String harness() {
        return text(ResultFields.HARNESS).orElse("?");
    }

    /** The harness, when the file names one that exists. */
    public Optional<Harness> harnessKind() {
        return Harness.of(harness());
    }

    /** Whether this file is {@code harness}'s. */
    public boolean is(Harness harness) {
        return harness.id().equals(harness());
    }

    /** The engine (buggy or fixed), or "?" when the file does not say. */
    public String engine() {
        return text(ResultFields.ENGINE).orElse("?");
    }

    /** The scenario (H1, H2, ...), or "?" when the file does not say. */
    public String scenario() {
        return text(ResultFields.SCENARIO).orElse("?");
    }

    /** The unit {@code explored} is counted in, or "?". */
    public String unit() {
        return text(ResultFields.UNIT).orElse("?");
    }

    /** How many units were explored, when the file holds a whole number there. */
    public OptionalLong explored() {
        return whole(ResultFields.EXPLORED.in(tree));
    }

    /** How many explored units hung. */
    public OptionalLong hangs() {
        return whole(ResultFields.HANGS.in(tree));
    }

    /** Verdicts that existed but never reached their waiter. */
    public OptionalLong lostVerdicts() {
        return whole(ResultFields.LOST_VERDICTS.in(tree));
    }

    /** The index (from 1) of the first unit that hung; empty when null, absent or not a whole number. */
    public OptionalLong firstHangAt() {
        return whole(ResultFields.FIRST_HANG_AT.in(tree));
    }

    /** Whether {@code firstHangAt} holds anything other than JSON null (or is absent). */
    public boolean hasFirstHangAt() {
        JsonNode node = ResultFields.FIRST_HANG_AT.in(tree);
        return !node.isMissingNode() && !node.isNull();
    }

    /** Wall time of the run in seconds. */
    public OptionalDouble seconds() {
        JsonNode node = ResultFields.SECONDS.in(tree);
        return node.isNumber() ? OptionalDouble.of(node.asDouble()) : OptionalDouble.empty();
    }

    /** The evidence text (trace, cycle, or a path to a hang report); empty string when absent. */
    public String evidence() {
        return text(ResultFields.EVIDENCE).orElse("");
    }

    /** Whether failpoints paused threads in this run; empty when the file does not say. */
    public Optional<Boolean> failpointsArmed() {
        JsonNode node = ResultFields.FAILPOINTS_ARMED.in(tree);
        return node.isBoolean() ? Optional.of(node.asBoolean()) : Optional.empty();
    }

    /**
     * Why the harness could not observe {@code field} (e.g. {@code lostVerdicts} in a model), when the file says so
     * in {@code notObserved} instead of writing a value; empty otherwise.
     */
    public Optional<String> notObserved(Field<?> field) {
        JsonNode reason = field.in(ResultFields.NOT_OBSERVED.in(tree));
        return reason.isTextual() && !reason.asText().isBlank() ? Optional.of(reason.asText()) : Optional.empty();
    }

    /** What kept the harness from running at all ({@code counters.harnessError}), when it says so. */
    public Optional<String> harnessError() {
        JsonNode error = Counters.HARNESS_ERROR.in(counters());
        return error.isMissingNode() || error.isNull() ? Optional.empty() : Optional.of(error.asText());
    }

    /** The failpoint steps reached. */
    public List<String> failpointsHit() {
        return strings(ResultFields.FAILPOINTS_HIT.in(tree));
    }

    /** The counters object as written (an empty object when absent); read one counter through its {@link Field}. */
    public JsonNode counters() {
        JsonNode node = ResultFields.COUNTERS.in(tree);
        return node.isObject() ? node : JsonNodeFactory.instance.objectNode();
    }

    /** A counter that is a whole number. */
    public OptionalLong counter(Field<Long> field) {
        return whole(field.in(counters()));
    }

    /** A counter that is a list of strings (empty when absent). */
    public List<String> counterStrings(Field<List<String>> field) {
        return strings(field.in(counters()));
    }

    /** A list of strings under {@code field} of an object nested in the counters (empty when absent). */
    public static List<String> strings(JsonNode parent, Field<List<String>> field) {
        return strings(field.in(parent));
    }

    /** Whether the counters have {@code field} (even as JSON null). */
    public boolean hasCounter(Field<?> field) {
        return field.isIn(counters());
    }

    /** A counter that is a string (empty when absent, null or not a string). */
    public Optional<String> counterText(Field<String> field) {
        JsonNode node = field.in(counters());
        return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }

    /** A counter as written (an object, an array, or any value): Jackson's missing node when absent. */
    public JsonNode counterNode(Field<?> field) {
        return field.in(counters());
    }

    /** The provenance object (an empty object when absent). */
    public JsonNode provenance() {
        JsonNode node = ResultFields.PROVENANCE.in(tree);
        return node.isObject() ? node : JsonNodeFactory.instance.objectNode();
    }

    /** A non-blank text field of the provenance ({@code buildId}, {@code commit}, {@code shard}, ...). */
    public Optional<String> provenanceText(Field<String> field) {
        JsonNode node = field.in(provenance());
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }

    /** Whether this is an engine-buggy run. */
    public boolean isBuggy() {
        return key().is(Engine.BUGGY);
    }

    /** Whether this is an engine-fixed run. */
    public boolean isFixed() {
        return key().is(Engine.FIXED);
    }

    /** The key that identifies the run: harness, engine and scenario. */
    public RunKey key() {
        return new RunKey(harness(), engine(), scenario());
    }

    private Optional<String> text(Field<String> field) {
        JsonNode node = field.in(tree);
        return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }

    /** A whole number: an integral JSON number, or a float with no fraction (some writers emit 20.0). */
    public static OptionalLong whole(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return OptionalLong.empty();
        }
        if (node.canConvertToExactIntegral() && node.canConvertToLong()) {
            return OptionalLong.of(node.asLong());
        }
        return OptionalLong.empty();
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null && node.getNodeType() == JsonNodeType.ARRAY) {
            node.forEach(item -> out.add(item.asText()));
        }
        return out;
    }
}
