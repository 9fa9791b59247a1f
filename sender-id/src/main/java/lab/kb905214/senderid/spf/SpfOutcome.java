package lab.kb905214.senderid.spf;

import java.util.List;
import lab.kb905214.senderid.dns.DescribedAnswers;

/**
 * What check_host() found, with its reasons.
 *
 * @param result the result
 * @param record the top-level record evaluated, or empty
 * @param explanation for Fail: the explanation (exp= or the default); otherwise empty
 * @param defaultExplanation whether {@code explanation} is the receiver's default rather than the domain's own
 * @param reason the matched directive, or the cause of a None, PermError or TempError, in words
 * @param dnsQueries every DNS query made, in the order the answers arrived
 */
public record SpfOutcome(
        SpfResult result,
        String record,
        String explanation,
        boolean defaultExplanation,
        String reason,
        List<String> dnsQueries) {

    public SpfOutcome {
        dnsQueries = DescribedAnswers.immutable(dnsQueries);
    }
}
