package lab.kb905214.engine.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import lab.kb905214.engine.check.CheckCoordinator;
import lab.kb905214.engine.check.Outcome;
import lab.kb905214.engine.check.PendingCheck;
import lab.kb905214.engine.check.SessionId;
import lab.kb905214.engine.store.Maildir;
import lab.kb905214.engine.store.Spool;
import lab.kb905214.engine.watch.WatchedSocket;
import lab.kb905214.senderid.check.SenderIdRequest;
import lab.kb905214.senderid.check.SenderIdVerdict;
import lab.kb905214.senderid.policy.Decision;
import lab.kb905214.senderid.policy.ResultHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.RejectException;

/**
 * The end of DATA (docs/ARCHITECTURE.md, "The race"): read and spool the message, hand the Sender ID check to the
 * coordinator, wait for the verdict on the session thread, and answer as the policy says. A 250 is returned only
 * after the message is in new/ (or counted as deleted), so nothing answered 250 is ever lost.
 */
final class SenderIdStage {
    private static final Logger log = LoggerFactory.getLogger(SenderIdStage.class);

    /** The transaction as the session knows it at DATA. */
    record Envelope(
            SessionId session,
            WatchedSocket connection,
            InetAddress remoteIp,
            String helo,
            String mailFrom,
            int recipients) {}

    private final EngineConfig config;
    private final CheckCoordinator coordinator;
    private final Maildir maildir;
    private final EngineCounters counters;
    private final Executor completionExecutor;

    SenderIdStage(
            EngineConfig config,
            CheckCoordinator coordinator,
            Maildir maildir,
            EngineCounters counters,
            Executor completionExecutor) {
        this.config = config;
        this.coordinator = coordinator;
        this.maildir = maildir;
        this.counters = counters;
        this.completionExecutor = completionExecutor;
    }

    /** Session thread: processes one DATA section; returns the text after "250" or throws the refusal. */
    String process(InputStream data, Envelope envelope) throws RejectException, IOException {
        Spool spool = maildir.newSpool();
        try {
            MessageIntake.Result intake =
                    MessageIntake.read(data, spool.output(), config.headerLimits(), config.maxMessageSize());
            if (intake.refused()) {
                counters.overLimit.incrementAndGet();
                throw refuse(envelope, intake.size(), null, "over-limit", intake.refusal());
            }
            InetAddress clientIp = config.perimeterIps().clientIpFor(envelope.remoteIp(), intake.headers());
            SenderIdRequest request = new SenderIdRequest(
                    clientIp, envelope.helo(), envelope.mailFrom(), intake.headers(), config.scope());
            Outcome outcome = awaitVerdict(envelope, spool, request);
            return settle(outcome, spool, request, envelope, intake.size());
        } finally {
            // A no-op once delivered or dropped; on every other way out (I/O error, timeout) it frees tmp/.
            spool.discard();
        }
    }

    private Outcome awaitVerdict(Envelope envelope, Spool spool, SenderIdRequest request) {
        PendingCheck check = coordinator.register(envelope.session());
        WatchedSocket connection = envelope.connection();
        // In flight before the evaluation starts: from here on a teardown may race the completion.
        connection.checkStarted(spool::discard);
        try {
            startEvaluation(check, request);
            return coordinator.awaitVerdict(check);
        } catch (InterruptedException e) {
            // Only a server being abandoned interrupts its sessions; the transaction cannot finish.
            Thread.currentThread().interrupt();
            return new Outcome.Cancelled();
        } finally {
            connection.checkEnded();
        }
    }

    private void startEvaluation(PendingCheck check, SenderIdRequest request) {
        CompletionStage<SenderIdVerdict> evaluation;
        try {
            evaluation = config.check().check(request);
        } catch (RuntimeException e) {
            evaluation = CompletableFuture.failedFuture(e);
        }
        // Async on the server's own completion thread, whoever completes the stage (dnsjava's selector thread,
        // the common pool, or this thread if it is done already): engine work never runs on their threads.
        evaluation.whenCompleteAsync((verdict, failure) -> complete(check, verdict, failure), completionExecutor);
    }

    // The one place an evaluation's end becomes an outcome: both coordinators post what they are given.
    private void complete(PendingCheck check, SenderIdVerdict verdict, Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        Outcome.Evaluated outcome =
                cause == null ? new Outcome.Delivered(verdict) : new Outcome.Failed(String.valueOf(cause));
        try {
            coordinator.complete(check, outcome);
        } catch (RuntimeException e) {
            log.error("{}: completion path failed", check.session(), e);
        }
    }

    private String settle(Outcome outcome, Spool spool, SenderIdRequest request, Envelope envelope, long size)
            throws RejectException {
        if (outcome instanceof Outcome.Cancelled) {
            counters.cancelled.incrementAndGet();
            throw refuse(envelope, size, null, "cancelled", new RejectException(451, "4.3.0 Transaction cancelled"));
        }
        if (outcome instanceof Outcome.TimedOut) {
            counters.timedOut.incrementAndGet();
            throw refuse(
                    envelope,
                    size,
                    null,
                    "timed-out",
                    new RejectException(451, "4.4.3 Sender ID check timed out, try again later"));
        }
        // A failed evaluation is a TempError (RFC 7208 2.6.6), and the policy decides about it like any other.
        SenderIdVerdict verdict = outcome instanceof Outcome.Failed failed
                ? SenderIdVerdict.tempError(config.scope(), failed.reason())
                : ((Outcome.Delivered) outcome).verdict();
        Decision decision = config.filterPolicy().decide(verdict.result());
        String keyword = verdict.result().keyword();
        switch (decision) {
            case ACCEPT -> {
                try {
                    spool.deliver(ResultHeaders.stamp(verdict, request, config.receiverName()));
                } catch (IOException e) {
                    // A teardown discarded the message first, or the store failed: it is not in new/, so no 250.
                    counters.cancelled.incrementAndGet();
                    throw refuse(
                            envelope,
                            size,
                            verdict,
                            "not-stored",
                            new RejectException(451, "4.3.0 Transaction cancelled before the message was stored"));
                }
                counters.accepted.incrementAndGet();
                String reply = "2.6.0 Message accepted, queued as " + spool.name();
                answered(envelope, size, verdict, "accept", 250, spool.name());
                return reply;
            }
            case DELETE -> {
                if (!spool.deleteByPolicy()) {
                    counters.cancelled.incrementAndGet();
                    throw refuse(
                            envelope,
                            size,
                            verdict,
                            "not-deleted",
                            new RejectException(451, "4.3.0 Transaction cancelled"));
                }
                counters.deleted.incrementAndGet();
                answered(envelope, size, verdict, "delete", 250, "-");
                return "2.6.0 Message accepted";
            }
            case REJECT -> {
                counters.rejected.incrementAndGet();
                String why = verdict.explanation().isEmpty() ? verdict.reason() : verdict.explanation();
                throw refuse(
                        envelope,
                        size,
                        verdict,
                        "reject",
                        new RejectException(550, "5.7.1 Sender ID check failed: " + keyword + replyDetail(why)));
            }
            case DEFER -> {
                counters.deferred.incrementAndGet();
                throw refuse(
                        envelope,
                        size,
                        verdict,
                        "defer",
                        new RejectException(
                                451,
                                "4.4.3 Sender ID check returned " + keyword + ", try again later"
                                        + replyDetail(verdict.reason())));
            }
            default -> throw new IllegalStateException("unknown decision " + decision);
        }
    }

    private RejectException refuse(
            Envelope envelope, long size, SenderIdVerdict verdict, String action, RejectException refusal) {
        answered(envelope, size, verdict, action, refusal.getCode(), "-");
        return refusal;
    }

    private void answered(
            Envelope envelope, long size, SenderIdVerdict verdict, String action, int code, String queueId) {
        counters.replied(code);
        if (!log.isInfoEnabled()) {
            return; // nobody reads the line: do not build its arguments for every transaction
        }
        log.info(
                "{} from=<{}> rcpts={} size={} client={} result={} identity={} action={} reply={} queued={}",
                envelope.session(),
                envelope.mailFrom(),
                envelope.recipients(),
                size,
                envelope.remoteIp().getHostAddress(),
                verdict == null ? "-" : verdict.result().keyword(),
                verdict == null || verdict.identity().isEmpty() ? "-" : verdict.identity(),
                action,
                code,
                queueId);
    }

    // Reply text is one line of printable ASCII: an explanation from DNS must not be able to break the reply.
    private static String replyDetail(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        StringBuilder out = new StringBuilder(" (");
        for (int i = 0; i < text.length() && i < 200; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.append(')').toString();
    }
}
