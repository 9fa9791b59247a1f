package lab.kb905214.senderid.spf;

import java.util.Locale;

/** The seven results of check_host() (RFC 7208 §2.6), shared by SPF and Sender ID (RFC 4406 §5). */
public enum SpfResult {
    NONE,
    NEUTRAL,
    PASS,
    FAIL,
    SOFTFAIL,
    TEMPERROR,
    PERMERROR;

    /** The lower-case name used in headers and in the OpenSPF test suite ("softfail", "permerror"). */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a result keyword as written in test suites and headers, ignoring case. */
    public static SpfResult ofKeyword(String keyword) {
        return valueOf(keyword.trim().toUpperCase(Locale.ROOT));
    }
}
