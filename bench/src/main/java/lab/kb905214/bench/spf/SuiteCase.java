package lab.kb905214.bench.spf;

import java.util.Set;
import lab.kb905214.senderid.spf.SpfResult;

/**
 * One case of the OpenSPF RFC 7208 suite, as both evaluators are given it.
 *
 * @param scenario the index of its scenario (whose zone answers its queries)
 * @param name the case's name in the suite
 * @param host the SMTP client's address, as text
 * @param mailFrom the MAIL FROM identity, possibly empty
 * @param helo the HELO name
 * @param expected the acceptable results
 */
public record SuiteCase(int scenario, String name, String host, String mailFrom, String helo, Set<SpfResult> expected) {

    public SuiteCase {
        expected = Set.copyOf(expected);
    }

    /** The identity check_host() is run on: MAIL FROM, or postmaster@HELO for the null reverse-path (RFC 7208 §2.4). */
    public String sender() {
        return mailFrom.isEmpty() ? "postmaster@" + helo : mailFrom;
    }

    /** The domain part of {@link #sender()}. */
    public String domain() {
        String sender = sender();
        return sender.substring(sender.lastIndexOf('@') + 1);
    }
}
