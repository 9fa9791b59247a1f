package lab.kb905214.reports.shard;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import lab.kb905214.reports.gate.GateProfile;
import lab.kb905214.reports.results.HarnessRun;
import lab.kb905214.reports.results.LabResults;
import lab.kb905214.reports.results.MutantMatrix;
import lab.kb905214.reports.results.UnreadableFile;

/**
 * Merges the results folders of a sharded {@code -Pstress} run ({@code -Dlab.shard=K/N} on N machines) into one set
 * for one report and one gate. It refuses what would make that gate judge something else than all the work of one
 * commit under one profile: a folder that is not one shard's, two folders of one shard, a shard missing, folders
 * of different splits, commits or profiles, and a results file that two shards both wrote.
 */
public final class ShardMerge {

    private ShardMerge() {}

    /** Reads and merges {@code dirs}, or throws with every reason they do not make one whole run. */
    public static MergedResults merge(List<Path> dirs) throws ShardMergeException {
        if (dirs.isEmpty()) {
            throw new ShardMergeException(List.of("no folders given: name every shard's results folder"));
        }
        List<String> problems = new ArrayList<>();
        List<ShardFolder> folders = new ArrayList<>();
        for (Path dir : dirs) {
            try {
                folders.add(ShardFolder.read(dir));
            } catch (ShardMergeException e) {
                problems.addAll(e.problems());
            }
        }
        if (problems.isEmpty()) {
            problems.addAll(everyShardOnce(folders));
            differing(folders, "commits", ShardFolder::commit, "of").ifPresent(problems::add);
            differing(folders, "profiles", ShardFolder::profile, "ran").ifPresent(problems::add);
            problems.addAll(filesOfTwoShards(folders));
        }
        if (!problems.isEmpty()) {
            throw new ShardMergeException(problems);
        }
        folders.sort(Comparator.comparing(ShardFolder::shard));
        List<HarnessRun> runs = new ArrayList<>();
        List<UnreadableFile> unreadable = new ArrayList<>();
        for (ShardFolder folder : folders) {
            runs.addAll(folder.results().runs());
            unreadable.addAll(folder.results().unreadable());
        }
        runs.sort(Comparator.comparing(HarnessRun::fileName));
        unreadable.sort(Comparator.comparing(UnreadableFile::fileName));
        GateProfile profile;
        try {
            profile = GateProfile.named(folders.get(0).profile());
        } catch (IllegalArgumentException e) {
            throw new ShardMergeException(List.of(names(folders) + ": " + e.getMessage()));
        }
        MutantMatrix mutants = MutantMatrix.merge(
                folders.stream().map(f -> f.results().mutants()).toList());
        LabResults results = new LabResults(commonParent(folders), runs, unreadable, mutants);
        return new MergedResults(results, folders, profile);
    }

    /** Every shard 1..N exactly once, all of one N. */
    private static List<String> everyShardOnce(List<ShardFolder> folders) {
        Map<Integer, List<ShardFolder>> byCount = group(folders, f -> f.shard().count());
        if (byCount.size() > 1) {
            return List.of("the folders split the work in different numbers of shards: " + names(folders)
                    + "; every folder must come from the same -Dlab.shard=K/N split");
        }
        int count = byCount.keySet().iterator().next();
        List<String> problems = new ArrayList<>();
        Map<Integer, List<ShardFolder>> byIndex = group(folders, f -> f.shard().index());
        byIndex.forEach((index, same) -> {
            if (same.size() > 1) {
                problems.add("duplicate shard " + index + "/" + count + ": " + names(same)
                        + "; each shard's folder is merged once");
            }
        });
        for (int index = 1; index <= count; index++) {
            if (!byIndex.containsKey(index)) {
                problems.add("missing shard " + index + "/" + count + ": the folders given are " + names(folders)
                        + "; without it part of the work was not judged");
            }
        }
        return problems;
    }

    /** A problem naming each folder's value when the folders do not all share one. */
    private static Optional<String> differing(
            List<ShardFolder> folders, String what, Function<ShardFolder, String> value, String verb) {
        if (group(folders, value).size() < 2) {
            return Optional.empty();
        }
        List<String> each = folders.stream()
                .map(f -> f.describe() + " " + verb + " '" + value.apply(f) + "'")
                .toList();
        return Optional.of(
                "mixed " + what + ": " + String.join(", ", each) + "; one gate judges the shards of one run");
    }

    /** A results file two shards both wrote: the split gave one unit of work to both, or a folder was copied. */
    private static List<String> filesOfTwoShards(List<ShardFolder> folders) {
        Map<String, List<ShardFolder>> byFile = new TreeMap<>();
        for (ShardFolder folder : folders) {
            Path root = folder.dir();
            for (HarnessRun run : folder.runs()) {
                String name =
                        root.relativize(run.file().toAbsolutePath().normalize()).toString();
                byFile.computeIfAbsent(name, n -> new ArrayList<>()).add(folder);
            }
        }
        List<String> problems = new ArrayList<>();
        byFile.forEach((file, in) -> {
            if (in.size() > 1) {
                problems.add(file + " is in more than one shard: " + names(in) + "; each unit of work runs in one");
            }
        });
        return problems;
    }

    private static <K extends Comparable<K>> Map<K, List<ShardFolder>> group(
            List<ShardFolder> folders, Function<ShardFolder, K> key) {
        Map<K, List<ShardFolder>> groups = new TreeMap<>();
        folders.forEach(f ->
                groups.computeIfAbsent(key.apply(f), k -> new ArrayList<>()).add(f));
        return groups;
    }

    private static String names(List<ShardFolder> folders) {
        return String.join(", ", folders.stream().map(ShardFolder::describe).toList());
    }

    /** The deepest folder holding every shard's folder: where the report says its results came from. */
    private static Path commonParent(List<ShardFolder> folders) {
        Path common = folders.get(0).dir();
        for (ShardFolder folder : folders) {
            while (!folder.dir().startsWith(common)) {
                common = common.getParent();
            }
        }
        return common;
    }
}
