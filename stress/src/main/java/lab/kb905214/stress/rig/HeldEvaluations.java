package lab.kb905214.stress.rig;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import lab.kb905214.senderid.check.SenderIdCheck;
import lab.kb905214.senderid.check.SenderIdRequest;
import lab.kb905214.senderid.check.SenderIdVerdict;

/**
 * The real checks, each of whose verdicts reaches the engine only once the harness ends that sender's evaluation: as
 * if its DNS answers were slower. With several sessions the engine's one completion thread takes the checks in the
 * order their evaluations end, which the DNS server's timing decides; holding them lets a replay choose that order.
 */
public final class HeldEvaluations {
    private final Map<String, CompletableFuture<Void>> ends = new ConcurrentHashMap<>();
    private volatile boolean allEnded;

    /** Lets the check of {@code mailFrom} hand its verdict on, now or as soon as the real evaluation has it. */
    public void end(String mailFrom) {
        endOf(mailFrom).complete(null);
    }

    /** Lets every check, held or still to come, hand its verdict on (a replay that is over, or abandoned). */
    public void endAll() {
        allEnded = true;
        ends.values().forEach(end -> end.complete(null));
    }

    private CompletableFuture<Void> endOf(String mailFrom) {
        CompletableFuture<Void> end =
                ends.computeIfAbsent(mailFrom.toLowerCase(Locale.ROOT), m -> new CompletableFuture<>());
        // Read after the entry is in: either endAll's loop finds it, or this read sees allEnded.
        if (allEnded) {
            end.complete(null);
        }
        return end;
    }

    SenderIdCheck around(SenderIdCheck real) {
        return new SenderIdCheck() {
            @Override
            public CompletionStage<SenderIdVerdict> check(SenderIdRequest request) {
                // The outcome is the real one, verdict or failure; only the moment it is handed on waits for the
                // harness (a failure too, which thenCombine would pass on at once).
                CompletableFuture<SenderIdVerdict> evaluation =
                        real.check(request).toCompletableFuture();
                return CompletableFuture.allOf(evaluation.handle((verdict, failure) -> null), endOf(request.mailFrom()))
                        .thenCompose(bothDone -> evaluation);
            }

            @Override
            public Duration longestCheck() {
                return real.longestCheck();
            }
        };
    }
}
