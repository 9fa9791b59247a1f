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

/**
 * One results file as read: its path and its JSON tree, with lenient accessors.
 *
 * <p>The tree is kept as written (files from any version of a harness are readable); accessors return empty
 * when a field is absent or has the wrong type, and the gate reports that as a finding instead of failing here.
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
        return text("harness").orElse("?");
    }

    /** The engine (buggy or fixed), or "?" when the file does not say. */
    public String engine() {
        return text("engine").orElse("?");
    }

    /** The scenario (H1, H2, ...), or "?" when the file does not say. */
    public String scenario() {
        return text("scenario").orElse("?");
    }

    /** The unit {@code explored} is counted in, or "?". */
    public String unit() {
        return text("unit").orElse("?");
    }

    /** How many units were explored, when the file holds a whole number there. */
    public OptionalLong explored() {
        return whole(tree.get("explored"));
    }

    /** How many explored units hung. */
    public OptionalLong hangs() {
        return whole(tree.get("hangs"));
    }

    /** Verdicts that existed but never reached their waiter. */
    public OptionalLong lostVerdicts() {
        return whole(tree.get("lostVerdicts"));
    }

    /** The index (from 1) of the first unit that hung; empty when null, absent or not a whole number. */
    public OptionalLong firstHangAt() {
        return whole(tree.get("firstHangAt"));
    }

    /** Whether {@code firstHangAt} holds anything other than JSON null (or is absent). */
    public boolean hasFirstHangAt() {
        JsonNode node = tree.get("firstHangAt");
        return node != null && !node.isNull();
    }

    /** Wall time of the run in seconds. */
    public OptionalDouble seconds() {
        JsonNode node = tree.get("seconds");
        return node != null && node.isNumber() ? OptionalDouble.of(node.asDouble()) : OptionalDouble.empty();
    }

    /** The evidence text (trace, cycle, or a path to a hang report); empty string when absent. */
    public String evidence() {
        return text("evidence").orElse("");
    }

    /** Whether failpoints paused threads in this run; empty when the file does not say. */
    public Optional<Boolean> failpointsArmed() {
        JsonNode node = tree.get("failpointsArmed");
        return node != null && node.isBoolean() ? Optional.of(node.asBoolean()) : Optional.empty();
    }

    /**
     * Why the harness could not observe {@code field} (e.g. {@code lostVerdicts} in a model), when the file says so
     * in {@code notObserved} instead of writing a value; empty otherwise.
     */
    public Optional<String> notObserved(String field) {
        JsonNode reasons = tree.get("notObserved");
        JsonNode reason = reasons == null ? null : reasons.get(field);
        return reason != null && reason.isTextual() && !reason.asText().isBlank() ? Optional.of(reason.asText())
                : Optional.empty();
    }

    /** What kept the harness from running at all ({@code counters.harnessError}), when it says so. */
    public Optional<String> harnessError() {
        JsonNode error = counters().get("harnessError");
        return error == null || error.isNull() ? Optional.empty() : Optional.of(error.asText());
    }

    /** The failpoint steps reached. */
    public List<String> failpointsHit() {
        return strings(tree.get("failpointsHit"));
    }

    /** The free map of independent counters (an empty object when absent). */
    public JsonNode counters() {
        JsonNode node = tree.get("counters");
        return node != null && node.isObject() ? node : JsonNodeFactory.instance.objectNode();
    }

    /** A counter that is a whole number. */
    public OptionalLong counter(String name) {
        return whole(counters().get(name));
    }

    /** A counter that is a list of strings (empty when absent). */
    public List<String> counterStrings(String name) {
        return strings(counters().get(name));
    }

    /** A counter that is a boolean. */
    public Optional<Boolean> counterFlag(String name) {
        JsonNode node = counters().get(name);
        return node != null && node.isBoolean() ? Optional.of(node.asBoolean()) : Optional.empty();
    }

    /** The provenance object (an empty object when absent). */
    public JsonNode provenance() {
        JsonNode node = tree.get("provenance");
        return node != null && node.isObject() ? node : JsonNodeFactory.instance.objectNode();
    }

    /** A non-blank text field of the provenance ({@code buildId}, {@code commit}, {@code shard}, ...). */
    public Optional<String> provenanceText(String field) {
        JsonNode node = provenance().get(field);
        return node != null && node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText())
                : Optional.empty();
    }

    /** Whether this is an engine-buggy run. */
    public boolean isBuggy() {
        return "buggy".equals(engine());
    }

    /** Whether this is an engine-fixed run. */
    public boolean isFixed() {
        return "fixed".equals(engine());
    }

    /** The key that identifies the run: harness, engine and scenario. */
    public RunKey key() {
        return new RunKey(harness(), engine(), scenario());
    }

    private Optional<String> text(String field) {
        JsonNode node = tree.get(field);
        return node != null && node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
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
