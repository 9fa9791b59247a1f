package lab.kb905214.stress.mutants;

/**
 * One exact replacement in a shipped source file: {@code search} must occur exactly once, so that a change of the
 * shipped class near the mutated lines makes the mutant fail to build instead of silently mutating something else.
 *
 * @param search the shipped text, verbatim (indentation included)
 * @param replace the mutated text
 */
record SourceEdit(String search, String replace) {

    SourceEdit {
        if (search.isEmpty()) {
            throw new IllegalArgumentException("an edit must search for something");
        }
    }

    /** The edit that inserts {@code added} right after {@code anchor}, which stays. */
    static SourceEdit after(String anchor, String added) {
        return new SourceEdit(anchor, anchor + added);
    }

    /** Where {@code search} occurs in {@code source}: its one index, or -1 when it is absent or not unique. */
    int uniqueIndexIn(String source) {
        int first = source.indexOf(search);
        return first >= 0 && source.indexOf(search, first + 1) < 0 ? first : -1;
    }

    /** How many times {@code search} occurs in {@code source} (for the message of an edit that does not apply). */
    int occurrencesIn(String source) {
        int count = 0;
        for (int at = source.indexOf(search); at >= 0; at = source.indexOf(search, at + 1)) {
            count++;
        }
        return count;
    }
}
