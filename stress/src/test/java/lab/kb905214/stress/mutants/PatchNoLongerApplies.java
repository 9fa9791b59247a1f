package lab.kb905214.stress.mutants;

/** A mutant's edit found its shipped text absent or repeated: the shipped class changed, the mutant must follow. */
final class PatchNoLongerApplies extends IllegalStateException {

    PatchNoLongerApplies(String mutant, String file, int edit, int occurrences, String search) {
        super(mutant + ": edit " + edit + " of its patch no longer applies to " + file + ": the text below occurs "
                + occurrences + " times (exactly once required); the shipped class changed, so rewrite the mutant "
                + "against it\n---\n" + search + "\n---");
    }
}
