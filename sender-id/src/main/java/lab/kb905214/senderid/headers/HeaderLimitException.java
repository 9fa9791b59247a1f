package lab.kb905214.senderid.headers;

import java.io.IOException;

/** Thrown when a header section breaks a limit; says which limit and the value seen. */
public final class HeaderLimitException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Which limit of {@link HeaderLimits} was broken. */
    public enum Kind {
        /** More entries than {@link HeaderLimits#maxFields()}. */
        TOO_MANY_FIELDS,
        /** A physical line longer than {@link HeaderLimits#maxLineLength()}. */
        LINE_TOO_LONG,
        /** More octets than {@link HeaderLimits#maxHeaderBytes()}. */
        HEADER_TOO_LARGE
    }

    private final Kind kind;
    private final long limit;
    private final long seen;

    HeaderLimitException(Kind kind, long limit, long seen, String message) {
        super(message);
        this.kind = kind;
        this.limit = limit;
        this.seen = seen;
    }

    /** Returns which limit was broken. */
    public Kind kind() {
        return kind;
    }

    /** Returns the limit's configured value. */
    public long limit() {
        return limit;
    }

    /**
     * Returns the value seen when reading stopped; the reader stops at the first unit over the limit, so this is
     * a lower bound of what the sender sent (usually {@code limit() + 1}).
     */
    public long seen() {
        return seen;
    }
}
