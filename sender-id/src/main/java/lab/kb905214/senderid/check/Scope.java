package lab.kb905214.senderid.check;

/** Which identity a check is about: plain SPF (RFC 7208) or one of the two Sender ID scopes (RFC 4406). */
public enum Scope {
    /** RFC 7208: only {@code v=spf1} records, identity = MAIL FROM (or HELO when MAIL FROM is null). */
    SPF,
    /** RFC 4406 mfrom scope: Sender ID record selection, identity = MAIL FROM. */
    MFROM,
    /** RFC 4406 pra scope: Sender ID record selection, identity = the Purported Responsible Address. */
    PRA
}
