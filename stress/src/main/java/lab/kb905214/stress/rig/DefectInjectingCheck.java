package lab.kb905214.stress.rig;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import lab.kb905214.senderid.check.SenderIdCheck;
import lab.kb905214.senderid.check.SenderIdRequest;
import lab.kb905214.senderid.check.SenderIdVerdict;

/**
 * The real check, except that a sender at one domain gets a check that ends in an error, as a defect in the
 * evaluator would end it. The evaluator turns every DNS fault into a TempError verdict, so an error reaches the
 * engine only through a defect: this is how a harness drives the error path through the real engine.
 */
final class DefectInjectingCheck implements SenderIdCheck {
    private final SenderIdCheck real;
    private final String defectDomain;

    DefectInjectingCheck(SenderIdCheck real, String defectDomain) {
        this.real = real;
        this.defectDomain = "@" + defectDomain.toLowerCase(Locale.ROOT);
    }

    @Override
    public CompletionStage<SenderIdVerdict> check(SenderIdRequest request) {
        if (request.mailFrom().toLowerCase(Locale.ROOT).endsWith(defectDomain)) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("injected defect: the check of " + request.mailFrom() + " failed"));
        }
        return real.check(request);
    }

    @Override
    public Duration longestCheck() {
        return real.longestCheck();
    }
}
