package lab.kb905214.senderid.check;

import java.util.concurrent.CompletionStage;

/** Evaluates Sender ID (or SPF) for one message asynchronously; shared by all sessions of a server. */
@FunctionalInterface
public interface SenderIdCheck {
    /**
     * Starts the check; the stage completes (normally, with a TempError or PermError verdict where the RFCs say
     * so) once the DNS answers are in. It completes exceptionally only on a defect.
     */
    CompletionStage<SenderIdVerdict> check(SenderIdRequest request);
}
