package lab.kb905214.reports.shard;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lab.kb905214.reports.gate.GateProfile;
import lab.kb905214.reports.results.ThisBuild;

/**
 * The reports step of one shard's own build ({@code -Dlab.shard=K/N}): it holds part of the work, so there is nothing
 * to gate yet; it checks that the shard's folder is one shard of this build and profile, so that a broken shard fails
 * on its own runner, and leaves the gate to the merge of every shard's folder.
 */
public final class ShardCheck {
    /** The system property the reports module's build passes {@code lab.shard} on as (tests never see it set). */
    public static final String SHARD_PROPERTY = "lab.report.shard";

    private ShardCheck() {}

    /**
     * Checks {@code resultsDir}'s folder of {@code shardText}; 0 = one shard of this build, 1 = not, 2 = unreadable.
     */
    public static int run(
            Path resultsDir,
            String shardText,
            Optional<String> buildId,
            GateProfile profile,
            PrintStream out,
            PrintStream err) {
        ShardId shard = ShardId.parse(shardText)
                .orElseThrow(() -> new IllegalArgumentException("lab.shard '" + shardText
                        + "' is not K/N with 1 <= K <= N (e.g. 1/2: the first of two parts)"));
        Path dir = resultsDir.resolve(shard.folderName());
        ShardFolder folder;
        try {
            folder = ShardFolder.read(dir);
        } catch (ShardMergeException e) {
            e.problems().forEach(problem -> err.println("lab report: shard " + shard + ": " + problem));
            return 2;
        }
        List<String> problems = new ArrayList<>();
        if (!folder.shard().equals(shard)) {
            problems.add(dir + " holds shard " + folder.shard() + "'s results, this build ran shard " + shard);
        }
        if (!folder.profile().equals(profile.id())) {
            problems.add(
                    dir + " ran the " + folder.profile() + " profile, this build's gate profile is " + profile.id());
        }
        Optional<ThisBuild> build = ThisBuild.of(folder.runs(), buildId);
        build.ifPresent(b -> folder.runs().forEach(run -> problems.addAll(b.check(run))));
        if (!problems.isEmpty()) {
            err.println("lab report: shard " + shard + " is not one shard of this build (" + problems.size()
                    + " problem(s)):");
            problems.forEach(problem -> err.println("  - " + problem));
            return 1;
        }
        out.println("lab report: shard " + shard + ": " + folder.runs().size() + " results files of build "
                + folder.buildId() + " (commit " + folder.commit() + ", profile " + folder.profile() + ") in " + dir);
        out.println("lab gate: not judged here: a shard holds part of the work; the merge of all " + shard.count()
                + " shards' folders is gated (lab report --merge DIR...)");
        return 0;
    }
}
