package lab.kb905214.reports.shard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import lab.kb905214.reports.gate.Gate;
import lab.kb905214.reports.results.HarnessRun;
import lab.kb905214.reports.results.LabResults;
import lab.kb905214.reports.results.ResultsFolder;
import lab.kb905214.reports.results.ThisBuild;
import lab.kb905214.results.Field;
import lab.kb905214.results.ProvenanceFields;

/**
 * One shard's results folder as a merge reads it: its files, the shard and profile they all say they ran, and the
 * build of its newest file, which every file of the folder must share (a shard is one Maven invocation).
 *
 * @param dir the folder
 * @param results what it holds
 * @param shard the shard every file names
 * @param profile the profile every file names
 * @param build the folder's build (its newest file's), when any file names one
 */
public record ShardFolder(Path dir, LabResults results, ShardId shard, String profile, Optional<ThisBuild> build) {

    /** Reads {@code dir}, or refuses with every reason it cannot be one shard's results. */
    static ShardFolder read(Path dir) throws ShardMergeException {
        Path folder = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new ShardMergeException(List.of(folder + " is not a folder"));
        }
        LabResults results = ResultsFolder.read(folder);
        List<HarnessRun> runs = Gate.everyRun(results);
        if (runs.isEmpty()) {
            throw new ShardMergeException(List.of(folder + " holds no readable results files: it is no shard's results"
                    + " (is it the folder a -Dlab.shard=K/N build wrote, shard-K-of-N?)"));
        }
        List<String> problems = new ArrayList<>();
        Optional<String> shardText = theOne(folder, runs, ProvenanceFields.SHARD, problems);
        Optional<String> profile = theOne(folder, runs, ProvenanceFields.PROFILE, problems);
        Optional<ShardId> shard = shardText.flatMap(ShardId::parse);
        if (shardText.isPresent() && shard.isEmpty()) {
            problems.add(folder + ": provenance.shard '" + shardText.get() + "' is not K/N with 1 <= K <= N");
        }
        if (!problems.isEmpty()) {
            throw new ShardMergeException(problems);
        }
        return new ShardFolder(
                folder, results, shard.orElseThrow(), profile.orElseThrow(), ThisBuild.of(runs, Optional.empty()));
    }

    /** The commit of the folder's build, or "unknown" when no file says one. */
    public String commit() {
        return build.flatMap(ThisBuild::commit).orElse("unknown");
    }

    /** The folder's build id, or "unknown" when no file says one (the gate then fails every file for it). */
    public String buildId() {
        return build.map(ThisBuild::buildId).orElse("unknown");
    }

    /** Every file of the folder: the harnesses' results and the mutants' verdicts. */
    public List<HarnessRun> runs() {
        return Gate.everyRun(results);
    }

    /** "DIR (shard K/N)", the way the merge's messages name a folder. */
    String describe() {
        return dir + " (shard " + shard + ")";
    }

    /**
     * The one value every file gives {@code provenance.<field>}; adds a problem naming the files when there is not one.
     */
    private static Optional<String> theOne(
            Path folder, List<HarnessRun> runs, Field<String> field, List<String> problems) {
        Map<String, List<String>> filesByValue = new TreeMap<>();
        List<String> without = new ArrayList<>();
        for (HarnessRun run : runs) {
            Optional<String> value = run.provenanceText(field);
            if (value.isPresent()) {
                filesByValue
                        .computeIfAbsent(value.get(), v -> new ArrayList<>())
                        .add(run.fileName());
            } else {
                without.add(run.fileName());
            }
        }
        if (!without.isEmpty()) {
            problems.add(folder + ": " + without.size() + " file(s) without provenance." + field + " (" + first(without)
                    + "): not a shard's results; only a build run with -Dlab.shard=K/N writes folders to merge");
            return Optional.empty();
        }
        if (filesByValue.size() > 1) {
            problems.add(folder + " mixes " + field + "s " + describe(filesByValue)
                    + ": one folder holds one shard of one build");
            return Optional.empty();
        }
        return Optional.of(filesByValue.keySet().iterator().next());
    }

    private static String describe(Map<String, List<String>> filesByValue) {
        List<String> parts = new ArrayList<>();
        filesByValue.forEach(
                (value, files) -> parts.add("'" + value + "' (" + files.size() + " file(s): " + first(files) + ")"));
        return String.join(" and ", parts);
    }

    private static String first(List<String> files) {
        return files.size() == 1 ? files.get(0) : files.get(0) + ", ...";
    }
}
