package lab.kb905214.reports.shard;

import java.util.List;
import lab.kb905214.reports.gate.GateProfile;
import lab.kb905214.reports.results.BuildCheck;
import lab.kb905214.reports.results.LabResults;

/**
 * The results of every shard as one set for one report and one gate, with the shards they came from.
 *
 * @param results every shard's files together
 * @param shards the shards' folders, in shard order
 * @param profile the profile every shard ran, which the gate judges by
 */
public record MergedResults(LabResults results, List<ShardFolder> shards, GateProfile profile) {

    /** Freezes the list. */
    public MergedResults {
        shards = List.copyOf(shards);
    }

    /** Each file must come from the build of its own shard's folder: shards are separate Maven invocations. */
    public BuildCheck buildCheck() {
        return run -> shards.stream()
                .filter(shard -> run.file().toAbsolutePath().normalize().startsWith(shard.dir()))
                .findFirst()
                .flatMap(ShardFolder::build)
                .map(build -> build.check(run))
                .orElse(List.of());
    }
}
