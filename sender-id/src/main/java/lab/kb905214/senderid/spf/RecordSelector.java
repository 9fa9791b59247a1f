package lab.kb905214.senderid.spf;

import java.util.List;
import java.util.Locale;

/**
 * Picks the one record to evaluate among a domain's TXT records: RFC 7208's {@code v=spf1} rule, or RFC 4406's
 * Sender ID rule for one scope (see {@code lab.kb905214.senderid.check.SenderIdSelector}).
 */
public interface RecordSelector {

    /** The outcome of record selection for one domain. */
    sealed interface Selection {}

    /** No record applies: the check's result is None. */
    record NoRecord() implements Selection {}

    /** More than one record applies: PermError. */
    record Ambiguous(String why) implements Selection {}

    /**
     * Exactly one record applies.
     *
     * @param record the whole record as published
     * @param terms the record without its version tag, ready for {@link SpfRecord#parse}
     */
    record Found(String record, String terms) implements Selection {}

    /** Selects among {@code txtRecords} (each record's strings already joined). */
    Selection select(List<String> txtRecords);

    /**
     * Whether an NXDOMAIN for the checked identity's own domain means Fail (Sender ID's pra scope) rather than None.
     */
    default boolean nxDomainIsFail() {
        return false;
    }

    /** RFC 7208 §4.5: exactly one record that is {@code v=spf1} alone or followed by a space. */
    RecordSelector SPF = txtRecords -> {
        String found = null;
        for (String txt : txtRecords) {
            String lower = txt.toLowerCase(Locale.ROOT);
            if (lower.equals("v=spf1") || lower.startsWith("v=spf1 ")) {
                if (found != null) {
                    return new Ambiguous("more than one v=spf1 record");
                }
                found = txt;
            }
        }
        return found == null ? new NoRecord() : new Found(found, found.substring("v=spf1".length()));
    };
}
