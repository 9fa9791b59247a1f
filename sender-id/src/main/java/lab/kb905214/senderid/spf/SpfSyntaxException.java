package lab.kb905214.senderid.spf;

/** A record, macro string or domain-spec that breaks the RFC 7208 ABNF: the check's result is PermError. */
public final class SpfSyntaxException extends Exception {
    /** An error saying what is wrong, quoting the offending text. */
    public SpfSyntaxException(String message) {
        super(message);
    }
}
