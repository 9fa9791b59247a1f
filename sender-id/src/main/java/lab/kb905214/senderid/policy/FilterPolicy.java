package lab.kb905214.senderid.policy;

import java.util.Objects;
import lab.kb905214.senderid.spf.SpfResult;

/**
 * Exchange 2003 SP2's Sender ID filtering settings: the action for Fail and how TempError and PermError count.
 *
 * <p>Exchange offered Accept/Delete/Reject for Fail and let TempError and PermError be treated as Accept or as
 * Fail. This lab adds {@link ErrorHandling#DEFER} for TempError (its default): a check that could not finish
 * is answered with 451 4.4.3, which is also what the fixed engine answers when its bounded wait expires.
 *
 * @param onFail the action for a Fail result
 * @param onTempError how a TempError result is treated
 * @param onPermError how a PermError result is treated
 */
public record FilterPolicy(FilterAction onFail, ErrorHandling onTempError, ErrorHandling onPermError) {
    public FilterPolicy {
        Objects.requireNonNull(onFail, "onFail");
        Objects.requireNonNull(onTempError, "onTempError");
        Objects.requireNonNull(onPermError, "onPermError");
    }

    /** Exchange's defaults (accept and stamp), with TempError deferred. */
    public static FilterPolicy defaults() {
        return new FilterPolicy(FilterAction.ACCEPT, ErrorHandling.DEFER, ErrorHandling.ACCEPT);
    }

    /** The same policy with another Fail action. */
    public FilterPolicy withOnFail(FilterAction action) {
        return new FilterPolicy(action, onTempError, onPermError);
    }

    /** The same policy with another PermError handling. */
    public FilterPolicy withOnPermError(ErrorHandling handling) {
        return new FilterPolicy(onFail, onTempError, handling);
    }

    /** The same policy with another TempError handling. */
    public FilterPolicy withOnTempError(ErrorHandling handling) {
        return new FilterPolicy(onFail, handling, onPermError);
    }

    /** What the session does with a message that got {@code result}. */
    public Decision decide(SpfResult result) {
        return switch (result) {
            case FAIL -> failDecision();
            case TEMPERROR -> handle(onTempError);
            case PERMERROR -> handle(onPermError);
            // SoftFail, Neutral, None and Pass are stamped and accepted, as in Exchange.
            case PASS, NEUTRAL, NONE, SOFTFAIL -> Decision.ACCEPT;
        };
    }

    private Decision handle(ErrorHandling handling) {
        return switch (handling) {
            case ACCEPT -> Decision.ACCEPT;
            case TREAT_AS_FAIL -> failDecision();
            case DEFER -> Decision.DEFER;
        };
    }

    private Decision failDecision() {
        return switch (onFail) {
            case ACCEPT -> Decision.ACCEPT;
            case DELETE -> Decision.DELETE;
            case REJECT -> Decision.REJECT;
        };
    }
}
