package lab.kb905214.reports.results;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything found in a results folder: the runs that could be read, the files that could not, and the kill matrix
 * of the mutants' sub-folder.
 *
 * @param dir the folder
 * @param runs readable runs, ordered by file name
 * @param unreadable files that are not valid results JSON, ordered by file name
 * @param mutants the kill matrix (empty when no mutant was run)
 */
public record LabResults(Path dir, List<HarnessRun> runs, List<UnreadableFile> unreadable, MutantMatrix mutants) {

    /** Freezes the lists, so the results read cannot change under the report. */
    public LabResults {
        runs = List.copyOf(runs);
        unreadable = List.copyOf(unreadable);
    }

    /** Results with no mutant runs. */
    public LabResults(Path dir, List<HarnessRun> runs, List<UnreadableFile> unreadable) {
        this(dir, runs, unreadable, MutantMatrix.empty());
    }

    /** The run written under the file name of {@code key}, if any. */
    public Optional<HarnessRun> find(RunKey key) {
        return runs.stream().filter(r -> r.fileName().equals(key.fileName())).findFirst();
    }

    /** Whether a file named after {@code key} exists but could not be read. */
    public boolean isUnreadable(RunKey key) {
        return unreadable.stream().anyMatch(u -> u.fileName().equals(key.fileName()));
    }
}
