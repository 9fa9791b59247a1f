package lab.kb905214.results;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine a results file is about, by the name the file carries ({@code <harness>-<engine>-<scenario>.json}): one
 * of the lab's two engines, the control of Lincheck's specification, or a mutant of engine-fixed.
 *
 * <p>A value type rather than an enum because the mutants are an open set; a name that is none of these cannot be
 * made ({@link #of} says so, and the gate reports a file that carries one).
 *
 * @param id the name in the file: {@code buggy}, {@code fixed}, {@code control} or {@code mutant-M<n>}
 */
public record Engine(String id) {
    /** engine-buggy, the coordinator with both races of KB905214. */
    public static final Engine BUGGY = new Engine("buggy");
    /** engine-fixed, the coordinator with the hotfix. */
    public static final Engine FIXED = new Engine("fixed");
    /** No engine: Lincheck's specification checked against itself, the control of its harness. */
    public static final Engine CONTROL = new Engine("control");

    private static final Pattern MUTANT = Pattern.compile("mutant-(M\\d+)");

    /** Refuses a name no engine has. */
    public Engine {
        if (!id.equals("buggy")
                && !id.equals("fixed")
                && !id.equals("control")
                && !MUTANT.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "no engine is called '" + id + "' (buggy, fixed, control or mutant-M<n>)");
        }
    }

    /** The engine built around mutant {@code mutant} ("M1") of engine-fixed. */
    public static Engine mutant(String mutant) {
        return new Engine("mutant-" + mutant);
    }

    /** The engine {@code id} names, or empty when no engine has that name. */
    public static Optional<Engine> of(String id) {
        try {
            return Optional.of(new Engine(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Which mutant this engine is built around ("M1"), or empty for buggy, fixed and the control. */
    public Optional<String> mutant() {
        Matcher m = MUTANT.matcher(id);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The name in the file. */
    @JsonValue
    @Override
    public String id() {
        return id;
    }

    /** The name in the file, so that "engine-" + engine reads as the lab names it. */
    @Override
    public String toString() {
        return id;
    }
}
