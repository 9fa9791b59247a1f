package lab.kb905214.senderid.policy;

import java.util.ArrayList;
import java.util.List;
import lab.kb905214.senderid.check.Scope;
import lab.kb905214.senderid.check.SenderIdRequest;
import lab.kb905214.senderid.check.SenderIdVerdict;

/**
 * The header lines stamped on an accepted message: {@code Received-SPF} (RFC 7208 §9.1) for a check of an SMTP
 * identity, {@code Authentication-Results} (RFC 8601) always, and the Exchange status value.
 */
public final class ResultHeaders {
    /** Exchange kept the status as a MAPI property (PidTagSenderIdStatus); the lab writes it as a header. */
    public static final String STATUS_HEADER = "X-Sender-Id-Status";

    private ResultHeaders() {}

    /** The lines to prepend, each a complete header field without its CRLF, newest first. */
    public static List<String> stamp(SenderIdVerdict verdict, SenderIdRequest request, String receiverHost) {
        List<String> lines = new ArrayList<>();
        if (verdict.scope() != Scope.PRA) {
            lines.add(receivedSpf(verdict, request, receiverHost));
        }
        lines.add(authenticationResults(verdict, receiverHost));
        SenderIdStatus status = SenderIdStatus.of(verdict.result());
        lines.add(STATUS_HEADER + ": " + status.hex() + " (" + verdict.result().keyword() + ")");
        return lines;
    }

    /** RFC 7208 §9.1: the result, a comment, and the key-value pairs that let a reader redo the check. */
    static String receivedSpf(SenderIdVerdict verdict, SenderIdRequest request, String receiverHost) {
        String clientIp = request.clientIp().getHostAddress();
        String identity = "helo".equals(verdict.identitySource()) ? "helo" : "mailfrom";
        String comment = receiverHost + ": " + commentFor(verdict, clientIp);
        return "Received-SPF: " + verdict.result().keyword()
                + " (" + commentSafe(comment) + ")"
                + " client-ip=" + clientIp + ";"
                + " envelope-from=\"" + quoted(request.mailFrom()) + "\";"
                + " helo=" + headerSafeToken(request.helo()) + ";"
                + " receiver=" + headerSafeToken(receiverHost) + ";"
                + " identity=" + identity;
    }

    /** RFC 8601: {@code sender-id=} with the PRA's header as property, or {@code spf=} with smtp.mailfrom/helo. */
    static String authenticationResults(SenderIdVerdict verdict, String receiverHost) {
        String method;
        String property;
        switch (verdict.scope()) {
            case PRA -> {
                method = "sender-id";
                String header = verdict.identitySource().isEmpty() ? "from" : verdict.identitySource();
                property = "header." + header + "=" + headerSafeToken(verdict.identity());
            }
            case MFROM -> {
                method = "sender-id";
                property = "smtp.mailfrom=" + headerSafeToken(verdict.identity());
            }
            default -> {
                method = "spf";
                String ptype = "helo".equals(verdict.identitySource()) ? "smtp.helo=" : "smtp.mailfrom=";
                property = ptype + headerSafeToken(verdict.identity());
            }
        }
        String reason = verdict.reason().isEmpty() ? "" : " reason=\"" + quoted(verdict.reason()) + "\"";
        return "Authentication-Results: " + headerSafeToken(receiverHost) + "; " + method + "="
                + verdict.result().keyword() + reason + " " + property;
    }

    private static String commentFor(SenderIdVerdict verdict, String clientIp) {
        String who = verdict.identity().isEmpty() ? "sender" : "domain of " + verdict.identity();
        return switch (verdict.result()) {
            case PASS -> who + " designates " + clientIp + " as permitted sender";
            case FAIL -> who + " does not designate " + clientIp + " as permitted sender";
            case SOFTFAIL -> "transitioning " + who + " does not designate " + clientIp + " as permitted sender";
            case NEUTRAL -> clientIp + " is neither permitted nor denied by " + who;
            case NONE -> who + " does not provide an SPF record";
            case TEMPERROR -> "error in processing during lookup of " + who;
            case PERMERROR -> "permanent error in processing " + who;
        };
    }

    // Header values must stay one line of printable ASCII: control characters and non-ASCII become '?'.
    private static String printable(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }

    private static String quoted(String s) {
        return printable(s).replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String commentSafe(String s) {
        return printable(s).replace("(", "[").replace(")", "]");
    }

    private static String headerSafeToken(String s) {
        String p = printable(s);
        if (p.isEmpty()) {
            return "\"\"";
        }
        for (int i = 0; i < p.length(); i++) {
            if (!tokenChar(p.charAt(i))) {
                return "\"" + quoted(p) + "\"";
            }
        }
        return p;
    }

    // The octets a value may carry unquoted: letters, digits and "!#$%&'*+-/=?^_`{|}~.@:[]". A loop, not a regex:
    // every accepted message is stamped, and String.matches compiles its pattern on each call.
    private static boolean tokenChar(char c) {
        return (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || "!#$%&'*+-/=?^_`{|}~.@:[]".indexOf(c) >= 0;
    }
}
