package lab.kb905214.senderid.spf;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Parsed records by their text, bounded by the text they hold, so that the records every check meets (the same
 * few domains' policies) are parsed once. Only the parse is kept: never a DNS answer, never a result.
 */
final class ParsedRecords {
    /** A record's parse: the record, or why it is not one (a PermError). */
    sealed interface Parse {}

    /** A well-formed record. */
    record Parsed(SpfRecord record) implements Parse {}

    /** A record that breaks the ABNF, and the parser's reason. */
    record Invalid(String why) implements Parse {}

    // Characters of record text kept, in all; a published record is a few hundred, so thousands of records fit.
    private static final long MAX_CHARACTERS = 4L << 20;
    // Each entry costs more than its text: the parsed terms, the cache's node.
    private static final int ENTRY_OVERHEAD = 256;

    private final Cache<String, Parse> parses = Caffeine.newBuilder()
            .maximumWeight(MAX_CHARACTERS)
            .weigher((String terms, Parse parse) -> terms.length() + ENTRY_OVERHEAD)
            // Evictions run on the thread that touched the cache, never on the common pool.
            .executor(Runnable::run)
            .build();

    /** The parse of {@code terms} (the record after its version tag), from the cache or parsed now and kept. */
    Parse parse(String terms) {
        return parses.get(terms, ParsedRecords::parseNow);
    }

    private static Parse parseNow(String terms) {
        try {
            return new Parsed(SpfRecord.parse(terms));
        } catch (SpfSyntaxException e) {
            return new Invalid(e.getMessage());
        }
    }
}
