package lab.kb905214.stress.mutants;

import lab.kb905214.engine.check.PendingCheck;
import lab.kb905214.senderid.check.SenderIdVerdict;

/**
 * M5, an error on the completion path leaves the check pending: the class of Apache James jSPF's asynchronous
 * executor hang (JSPF-112). When the evaluation ends with an error instead of a verdict (a DNS failure, a defect),
 * the completion returns early and posts nothing, so the session waits forever instead of answering 451.
 */
final class FailureNeverPosted extends FixedBaseline {

    @Override
    public void complete(PendingCheck check, SenderIdVerdict verdict, Throwable failure) {
        if (failure != null) {
            return; // the mutation: "nothing to deliver"
        }
        super.complete(check, verdict, failure);
    }
}
