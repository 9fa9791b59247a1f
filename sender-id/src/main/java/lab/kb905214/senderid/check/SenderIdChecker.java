package lab.kb905214.senderid.check;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import lab.kb905214.senderid.pra.Pra;
import lab.kb905214.senderid.pra.PraExtractor;
import lab.kb905214.senderid.pra.PraResult;
import lab.kb905214.senderid.spf.RecordSelector;
import lab.kb905214.senderid.spf.SpfEvaluator;
import lab.kb905214.senderid.spf.SpfOutcome;
import lab.kb905214.senderid.spf.SpfResult;

/** The Sender ID check of the core: picks the identity for the scope, selects the record, runs check_host(). */
public final class SenderIdChecker implements SenderIdCheck {
    private final SpfEvaluator evaluator;

    /** A checker over {@code evaluator}; safe to share between all sessions. */
    public SenderIdChecker(SpfEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public Duration longestCheck() {
        return evaluator.evaluationTimeout();
    }

    @Override
    public CompletionStage<SenderIdVerdict> check(SenderIdRequest request) {
        return switch (request.scope()) {
            case SPF -> smtpIdentity(request, RecordSelector.SPF);
            case MFROM -> smtpIdentity(request, SenderIdSelector.mfrom());
            case PRA -> pra(request);
        };
    }

    // RFC 7208 §2.4 / RFC 4406 §4.1: MAIL FROM, or postmaster@HELO for the null reverse-path.
    private CompletableFuture<SenderIdVerdict> smtpIdentity(SenderIdRequest request, RecordSelector selector) {
        boolean helo = request.mailFrom().isEmpty();
        String sender = helo ? "postmaster@" + request.helo() : request.mailFrom();
        String domain = sender.substring(sender.lastIndexOf('@') + 1);
        String source = helo ? "helo" : "mailfrom";
        String identity = helo ? request.helo() : request.mailFrom();
        return evaluator
                .checkHost(request.clientIp(), domain, sender, request.helo(), selector)
                .thenApply(outcome -> verdict(request.scope(), identity, source, outcome));
    }

    private CompletableFuture<SenderIdVerdict> pra(SenderIdRequest request) {
        PraResult extracted = PraExtractor.extract(request.headers());
        if (!extracted.isFound()) {
            // RFC 4407 §2 step 6: no PRA, the message is ill-formed; Sender ID answers PermError.
            return CompletableFuture.completedFuture(new SenderIdVerdict(
                    SpfResult.PERMERROR,
                    Scope.PRA,
                    "",
                    "",
                    "",
                    "",
                    "no Purported Responsible Address: " + extracted.failureReason(),
                    List.of()));
        }
        Pra pra = extracted.pra().orElseThrow();
        String address = pra.mailbox().address();
        return evaluator
                .checkHost(request.clientIp(), pra.domain(), address, request.helo(), SenderIdSelector.pra())
                .thenApply(outcome -> verdict(Scope.PRA, address, pra.headerName(), outcome));
    }

    private static SenderIdVerdict verdict(Scope scope, String identity, String source, SpfOutcome outcome) {
        return new SenderIdVerdict(
                outcome.result(),
                scope,
                identity,
                source,
                outcome.record(),
                outcome.explanation(),
                outcome.reason(),
                outcome.dnsQueries());
    }
}
