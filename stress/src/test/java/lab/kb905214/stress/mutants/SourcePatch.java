package lab.kb905214.stress.mutants;

import java.util.List;

/**
 * A mutant's change: exact edits of one shipped source file, named relative to the reactor's root
 * ("engine-fixed/src/main/java/..."). Edits apply in order, each to the result of the ones before it.
 *
 * @param file the shipped source file, relative to the reactor's root
 * @param edits the replacements, each required to match exactly once
 */
record SourcePatch(String file, List<SourceEdit> edits) {
    /** engine-fixed's coordinator, which the coordinator mutants change. */
    static final String FIXED_COORDINATOR =
            "engine-fixed/src/main/java/lab/kb905214/engine/fixed/FixedCoordinator.java";

    SourcePatch {
        edits = List.copyOf(edits);
    }

    /** A patch of engine-fixed's coordinator. */
    static SourcePatch ofFixedCoordinator(SourceEdit... edits) {
        return new SourcePatch(FIXED_COORDINATOR, List.of(edits));
    }

    /**
     * The shipped {@code source} with every edit applied.
     *
     * @throws PatchNoLongerApplies naming {@code mutant} when an edit's search text is absent or not unique: the
     *     shipped class changed under the mutant, which must be rewritten, never skipped
     */
    String applyTo(String source, String mutant) {
        String patched = source;
        for (int i = 0; i < edits.size(); i++) {
            SourceEdit edit = edits.get(i);
            int at = edit.uniqueIndexIn(patched);
            if (at < 0) {
                throw new PatchNoLongerApplies(mutant, file, i + 1, edit.occurrencesIn(patched), edit.search());
            }
            patched = patched.substring(0, at)
                    + edit.replace()
                    + patched.substring(at + edit.search().length());
        }
        if (patched.equals(source)) {
            throw new IllegalStateException(mutant + ": its patch of " + file + " changes nothing");
        }
        return patched;
    }
}
