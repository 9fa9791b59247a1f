package lab.kb905214.senderid.check;

import java.util.List;
import java.util.Objects;
import lab.kb905214.senderid.dns.DescribedAnswers;
import lab.kb905214.senderid.spf.SpfResult;

/**
 * The result of one check with everything a person needs to understand it.
 *
 * @param result the check_host() result
 * @param scope the scope that was checked
 * @param identity the identity checked: an address (MAIL FROM, the PRA) or the HELO name; empty when none
 * @param identitySource where the identity came from: "mailfrom", "helo", or the PRA's header name
 *     ("resent-sender", "resent-from", "sender", "from"); empty when there is no identity
 * @param record the record that was evaluated, or empty
 * @param explanation the explanation for a Fail (from exp= or the default), otherwise empty
 * @param reason why the result is what it is, in words: the matched term, or the PermError/TempError cause
 * @param dnsQueries the DNS queries the evaluation made, in order ("TXT example.com", ...)
 */
public record SenderIdVerdict(
        SpfResult result,
        Scope scope,
        String identity,
        String identitySource,
        String record,
        String explanation,
        String reason,
        List<String> dnsQueries) {

    public SenderIdVerdict {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(scope, "scope");
        identity = Objects.requireNonNullElse(identity, "");
        identitySource = Objects.requireNonNullElse(identitySource, "");
        record = Objects.requireNonNullElse(record, "");
        explanation = Objects.requireNonNullElse(explanation, "");
        reason = Objects.requireNonNullElse(reason, "");
        dnsQueries = DescribedAnswers.immutable(dnsQueries);
    }

    /** A TempError verdict for a check that could not finish (timeout, DNS failure, an exception). */
    public static SenderIdVerdict tempError(Scope scope, String reason) {
        return new SenderIdVerdict(SpfResult.TEMPERROR, scope, "", "", "", "", reason, List.of());
    }
}
