package lab.kb905214.senderid.pra;

import java.util.Objects;

/**
 * Why a message has no PRA (RFC 4407 §2 step 6).
 *
 * @param reason a sentence naming the step's finding, e.g. "multiple Sender headers (2)"
 */
public record PraFailure(String reason) {
    /** Checks that there is a reason. */
    public PraFailure {
        Objects.requireNonNull(reason, "reason");
    }
}
