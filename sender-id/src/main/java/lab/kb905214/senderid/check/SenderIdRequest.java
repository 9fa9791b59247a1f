package lab.kb905214.senderid.check;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import lab.kb905214.senderid.headers.HeaderField;

/**
 * One message to check: the SMTP client's address and identities, the message's header section, and the scope.
 *
 * @param clientIp the address the check is about (after perimeter resolution, see {@code FilterPolicy})
 * @param helo the HELO/EHLO name, possibly empty
 * @param mailFrom the MAIL FROM address without angle brackets; empty for the null reverse-path
 * @param headers the message's header fields in order (only the PRA scope reads them)
 * @param scope which identity and which record selection rules apply
 */
public record SenderIdRequest(
        InetAddress clientIp, String helo, String mailFrom, List<HeaderField> headers, Scope scope) {
    public SenderIdRequest {
        Objects.requireNonNull(clientIp, "clientIp");
        helo = helo == null ? "" : helo;
        mailFrom = mailFrom == null ? "" : mailFrom;
        headers = List.copyOf(headers);
        Objects.requireNonNull(scope, "scope");
    }
}
