package lab.kb905214.engine.check;

import lab.kb905214.senderid.check.SenderIdVerdict;

/** How a session's wait for its verdict ended. */
public sealed interface Outcome {

    /** What an evaluation ends with, which the completion thread posts: a verdict or an error. */
    sealed interface Evaluated extends Outcome {}

    /** The verdict was posted and seen. */
    record Delivered(SenderIdVerdict verdict) implements Evaluated {}

    /** The teardown path cancelled the check: the client went away or reset the transaction. */
    record Cancelled() implements Outcome {}

    /** The evaluation ended with an error instead of a verdict (a DNS failure or a defect): a TempError. */
    record Failed(String reason) implements Evaluated {}

    /**
     * The bounded wait expired. {@code evaluationFinished} says a verdict had been posted but never reached the
     * waiter, i.e. a lost wakeup that the bound hid (a "lost verdict"); false when the evaluation was only slow.
     */
    record TimedOut(boolean evaluationFinished) implements Outcome {}
}
