package lab.kb905214.senderid.check;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** Evaluates Sender ID (or SPF) for one message asynchronously; shared by all sessions of a server. */
@FunctionalInterface
public interface SenderIdCheck {
    /**
     * Starts the check; the stage completes (normally, with a TempError or PermError verdict where the RFCs say
     * so) once the DNS answers are in. It completes exceptionally only on a defect.
     */
    CompletionStage<SenderIdVerdict> check(SenderIdRequest request);

    /**
     * The longest one check takes before its stage completes (past it, with TempError): 20 s, the least RFC 7208
     * §4.6.4 allows, unless the implementation knows its own.
     */
    default Duration longestCheck() {
        return Duration.ofSeconds(20);
    }
}
