package lab.kb905214.senderid.policy;

import lab.kb905214.senderid.spf.SpfResult;

/** Exchange's Sender ID status values (MS-OXCMAIL PidTagSenderIdStatus), one per result. */
public enum SenderIdStatus {
    NEUTRAL(0x1),
    PASS(0x2),
    FAIL(0x3),
    SOFTFAIL(0x4),
    NONE(0x5),
    TEMPERROR(0x80000006),
    PERMERROR(0x80000007);

    private final int value;

    SenderIdStatus(int value) {
        this.value = value;
    }

    /** The 32-bit value Exchange stored. */
    public int value() {
        return value;
    }

    /** The value as Exchange's tools print it, e.g. {@code 0x80000006}. */
    public String hex() {
        return "0x" + Integer.toHexString(value);
    }

    /** The status for a check result. */
    public static SenderIdStatus of(SpfResult result) {
        return valueOf(result.name());
    }
}
