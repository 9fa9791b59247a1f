package lab.kb905214.reports.shard;

import java.util.List;

/** Result folders that cannot be merged into one report and one gate; each problem names the folders concerned. */
public final class ShardMergeException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ShardMergeException(List<String> problems) {
        super("cannot merge the shards' results: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, one sentence each. */
    public List<String> problems() {
        return problems;
    }
}
