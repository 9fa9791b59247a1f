package lab.kb905214.reports.shard;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of the stress work a results file says it came from ({@code provenance.shard}, written "K/N" by a build
 * run with {@code -Dlab.shard=K/N}).
 *
 * @param index which part, from 1
 * @param count how many parts the work was split into
 */
public record ShardId(int index, int count) implements Comparable<ShardId> {
    private static final Pattern K_OF_N = Pattern.compile("^(\\d{1,4})/(\\d{1,4})$");

    /** The shard {@code text} names, or empty when it is not K/N with 1 <= K <= N. */
    static Optional<ShardId> parse(String text) {
        Matcher m = K_OF_N.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        int index = Integer.parseInt(m.group(1));
        int count = Integer.parseInt(m.group(2));
        return index >= 1 && index <= count ? Optional.of(new ShardId(index, count)) : Optional.empty();
    }

    /** The folder a shard's build writes its results to, under the results folder. */
    String folderName() {
        return "shard-" + index + "-of-" + count;
    }

    @Override
    public int compareTo(ShardId other) {
        return index != other.index ? Integer.compare(index, other.index) : Integer.compare(count, other.count);
    }

    /** "K/N". */
    @Override
    public String toString() {
        return index + "/" + count;
    }
}
