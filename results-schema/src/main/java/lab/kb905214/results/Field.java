package lab.kb905214.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * One named, typed field of a results file: at the top level, in {@code counters}, or in an object nested there.
 *
 * <p>The harnesses write a field through its constant ({@link Fields#put}, which checks the value's type at compile
 * time) and the gate reads it through the same constant ({@link #in}), so a renamed field is one edit, and a field
 * the writer no longer knows is a compile error on both sides instead of a check that silently stops checking. The
 * files stay JSON, read leniently: a field absent or of another type reads as Jackson's missing node, which the gate
 * reports as a finding.
 *
 * @param <T> what the writer puts: {@code Long}, {@code Double}, {@code Boolean}, {@code String}, a list of strings,
 *     or {@code Object} for a nested object or array
 */
// T is a phantom type: it is checked where a field is put (Fields.put) and read, and nothing here needs it at run time.
@SuppressWarnings("UnusedTypeParameter")
public final class Field<T> {
    private final String name;

    private Field(String name) {
        this.name = Objects.requireNonNull(name);
    }

    /** A whole number. */
    public static Field<Long> whole(String name) {
        return new Field<>(name);
    }

    /** A number with a fraction. */
    public static Field<Double> decimal(String name) {
        return new Field<>(name);
    }

    /** A boolean. */
    public static Field<Boolean> flag(String name) {
        return new Field<>(name);
    }

    /** A string. */
    public static Field<String> text(String name) {
        return new Field<>(name);
    }

    /** A list of strings. */
    public static Field<List<String>> texts(String name) {
        return new Field<>(name);
    }

    /** A nested object or array: written as a map, a list, a record or {@link Fields}; read as a JSON tree. */
    public static Field<Object> tree(String name) {
        return new Field<>(name);
    }

    /** The field's name in the file. */
    public String name() {
        return name;
    }

    /** This field of {@code parent}: Jackson's missing node when {@code parent} has no such field. */
    public JsonNode in(JsonNode parent) {
        return parent.path(name);
    }

    /** Whether {@code parent} has this field (even as JSON null). */
    public boolean isIn(JsonNode parent) {
        return parent.has(name);
    }

    /** The name, so that a message naming a field reads as the file does. */
    @Override
    public String toString() {
        return name;
    }
}
