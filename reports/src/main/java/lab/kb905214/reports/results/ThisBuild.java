package lab.kb905214.reports.results;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import lab.kb905214.results.Field;
import lab.kb905214.results.ProvenanceFields;

/**
 * The build whose results the gate judges: its build id (one per Maven invocation, {@code lab.buildId}) and the
 * commit its results were made from. A file of another build or commit is left over from an earlier run and proves
 * nothing about this one.
 *
 * @param buildId the build id every file must carry
 * @param commit the commit every file must carry, when any file of this build says one
 * @param source where the build id came from, for the reasons ("given" or the newest file's name)
 */
public record ThisBuild(String buildId, Optional<String> commit, String source) implements BuildCheck {

    /**
     * The build to judge: the one named by {@code givenBuildId} (Maven passes its own), or else the build of the
     * newest file (by {@code provenance.startedAt}), as when {@code lab report} rereads a folder. Empty when nothing
     * names a build; every file then fails for its missing build id.
     */
    public static Optional<ThisBuild> of(List<HarnessRun> runs, Optional<String> givenBuildId) {
        List<HarnessRun> newestFirst = runs.stream()
                .filter(r -> text(r, ProvenanceFields.BUILD_ID).isPresent()
                        && startedAt(r).isPresent())
                .sorted(Comparator.comparing((HarnessRun r) -> startedAt(r).orElseThrow())
                        .reversed())
                .toList();
        if (givenBuildId.isPresent()) {
            String id = givenBuildId.get();
            Optional<String> commit = newestFirst.stream()
                    .filter(r ->
                            text(r, ProvenanceFields.BUILD_ID).orElseThrow().equals(id))
                    .findFirst()
                    .flatMap(r -> text(r, ProvenanceFields.COMMIT));
            return Optional.of(new ThisBuild(id, commit, "given"));
        }
        return newestFirst.stream()
                .findFirst()
                .map(newest -> new ThisBuild(
                        text(newest, ProvenanceFields.BUILD_ID).orElseThrow(),
                        text(newest, ProvenanceFields.COMMIT),
                        "the newest file, " + newest.fileName()));
    }

    /** Why {@code run} is not a result of this build, if it is not; a missing build id is a provenance check's. */
    @Override
    public List<String> check(HarnessRun run) {
        List<String> reasons = new ArrayList<>();
        Optional<String> id = text(run, ProvenanceFields.BUILD_ID);
        if (id.isPresent() && !id.get().equals(buildId)) {
            reasons.add("from another build: " + run.fileName() + " has provenance.buildId '" + id.get()
                    + "', this build is '" + buildId + "' (" + source + "); a file an earlier build left behind"
                    + " proves nothing about this one");
        }
        Optional<String> fileCommit = text(run, ProvenanceFields.COMMIT);
        if (commit.isPresent() && fileCommit.isPresent() && !fileCommit.get().equals(commit.get())) {
            reasons.add("from another commit: " + run.fileName() + " has provenance.commit '" + fileCommit.get()
                    + "', this build's results are of '" + commit.get() + "'");
        }
        return reasons;
    }

    private static Optional<String> text(HarnessRun run, Field<String> field) {
        return run.provenanceText(field);
    }

    private static Optional<OffsetDateTime> startedAt(HarnessRun run) {
        try {
            return text(run, ProvenanceFields.STARTED_AT).map(OffsetDateTime::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty(); // the provenance check names it
        }
    }
}
