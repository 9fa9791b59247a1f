package lab.kb905214.senderid.policy;

/** What the SMTP session does with a message once its verdict is known. */
public enum Decision {
    /** 250, stamp the headers, store the message. */
    ACCEPT("250", "2.6.0"),
    /** 250, then drop the message without storing it (counted). */
    DELETE("250", "2.6.0"),
    /** 550 5.7.1, nothing stored. */
    REJECT("550", "5.7.1"),
    /** 451 4.4.3, nothing stored; the client retries. */
    DEFER("451", "4.4.3");

    private final String replyCode;
    private final String enhancedStatus;

    Decision(String replyCode, String enhancedStatus) {
        this.replyCode = replyCode;
        this.enhancedStatus = enhancedStatus;
    }

    /** The RFC 5321 reply code the session answers DATA with. */
    public int replyCode() {
        return Integer.parseInt(replyCode);
    }

    /** The RFC 3463 enhanced status code that goes with it. */
    public String enhancedStatus() {
        return enhancedStatus;
    }
}
