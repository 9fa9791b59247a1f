package lab.kb905214.results;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON object being written (a results file's {@code counters}, or an object nested there), in insertion order.
 *
 * <p>A field the gate reads is put through its {@link Field}; {@link #note} adds one that only the report shows (the
 * gate cannot read a note: its reader takes a {@code Field}, never a name).
 */
public final class Fields {
    private final Map<String, Object> values = new LinkedHashMap<>();

    /** Puts {@code value} (null allowed: written as JSON null) under {@code field}. */
    public <T> Fields put(Field<T> field, T value) {
        values.put(field.name(), value);
        return this;
    }

    /** Puts a whole number (so that an {@code int} needs no cast). */
    public Fields put(Field<Long> field, long value) {
        values.put(field.name(), value);
        return this;
    }

    /** Puts a number with a fraction (so that an {@code int} or a {@code long} needs no cast). */
    public Fields put(Field<Double> field, double value) {
        values.put(field.name(), value);
        return this;
    }

    /** Adds a figure the report shows and the gate does not read. */
    public Fields note(String name, Object value) {
        values.put(name, value);
        return this;
    }

    /** Adds every field of {@code other}, in its order. */
    public Fields putAll(Fields other) {
        values.putAll(other.values);
        return this;
    }

    /** The value put under {@code field}, or null. */
    public Object get(Field<?> field) {
        return values.get(field.name());
    }

    /** Whether {@code field} was put. */
    public boolean has(Field<?> field) {
        return values.containsKey(field.name());
    }

    /** The object as written: name to value, in insertion order. */
    @JsonValue
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }
}
