package lab.kb905214.stress.shard;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One part of the stress work, {@code -Dlab.shard=K/N}: part {@code index} of {@code count}, counted from 1.
 *
 * @param index which part, 1 to {@code count}
 * @param count how many parts the work is split into
 */
public record Shard(int index, int count) {
    /** The system property that selects a shard; unset or blank runs all the work, as an unsharded build does. */
    public static final String PROPERTY = "lab.shard";

    private static final Pattern TEXT = Pattern.compile("^\\s*(\\d{1,4})\\s*/\\s*(\\d{1,4})\\s*$");

    /** Rejects a shard outside 1..count. */
    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException(
                    "shard " + index + "/" + count + " does not exist: K/N needs 1 <= K <= N");
        }
    }

    /** The shard written as {@code K/N}, e.g. "2/3"; anything else is refused with a message saying what is wrong. */
    public static Shard parse(String text) {
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    PROPERTY + " '" + text + "' is not K/N (e.g. 1/2: the first of two parts)");
        }
        return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** The shard {@code lab.shard} selects, or empty when the build runs all the work. */
    public static Optional<Shard> fromSystemProperty() {
        String given = System.getProperty(PROPERTY);
        // Maven passes an unset property as an empty value (or, in an exec argument, as "${lab.shard}").
        if (given == null || given.isBlank() || given.startsWith("${")) {
            return Optional.empty();
        }
        return Optional.of(parse(given));
    }

    /** The name of the shard's results folder, e.g. {@code shard-2-of-3} (a path cannot hold "/"). */
    public String folderName() {
        return "shard-" + index + "-of-" + count;
    }

    /** {@code K/N}, as the provenance records it. */
    @Override
    public String toString() {
        return index + "/" + count;
    }
}
