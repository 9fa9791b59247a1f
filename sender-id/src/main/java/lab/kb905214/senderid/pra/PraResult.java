package lab.kb905214.senderid.pra;

import java.util.Objects;
import java.util.Optional;

/** The outcome of PRA extraction: a PRA, or the reason the message is ill-formed. */
public final class PraResult {
    private final Pra pra;
    private final PraFailure failure;

    private PraResult(Pra pra, PraFailure failure) {
        this.pra = pra;
        this.failure = failure;
    }

    /** Returns a result holding {@code pra}. */
    public static PraResult found(Pra pra) {
        return new PraResult(Objects.requireNonNull(pra, "pra"), null);
    }

    /** Returns the result for an ill-formed message (RFC 4407 step 6), saying why. */
    public static PraResult illFormed(String reason) {
        return new PraResult(null, new PraFailure(reason));
    }

    /** Tells whether a PRA was found. */
    public boolean isFound() {
        return pra != null;
    }

    /** Returns the PRA, or empty for an ill-formed message. */
    public Optional<Pra> pra() {
        return Optional.ofNullable(pra);
    }

    /** Returns the failure, or empty when a PRA was found. */
    public Optional<PraFailure> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Returns why the message is ill-formed.
     *
     * @throws IllegalStateException when a PRA was found
     */
    public String failureReason() {
        if (failure == null) {
            throw new IllegalStateException("a PRA was found: " + pra);
        }
        return failure.reason();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PraResult other && Objects.equals(pra, other.pra) && Objects.equals(failure, other.failure);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pra, failure);
    }

    @Override
    public String toString() {
        return isFound() ? "PraResult[found " + pra + "]" : "PraResult[ill-formed: " + failure.reason() + "]";
    }
}
