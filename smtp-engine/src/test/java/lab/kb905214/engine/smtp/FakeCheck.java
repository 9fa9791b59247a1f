package lab.kb905214.engine.smtp;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import lab.kb905214.senderid.check.SenderIdCheck;
import lab.kb905214.senderid.check.SenderIdRequest;
import lab.kb905214.senderid.check.SenderIdVerdict;
import lab.kb905214.senderid.spf.SpfResult;

/** A Sender ID check that answers a set result, at once or when the test releases it. */
final class FakeCheck implements SenderIdCheck {
    private volatile SpfResult result = SpfResult.PASS;
    private volatile boolean hold;
    private volatile RuntimeException failure;
    final List<SenderIdRequest> requests = new CopyOnWriteArrayList<>();
    private final BlockingQueue<CompletableFuture<SenderIdVerdict>> held = new LinkedBlockingQueue<>();

    /** Answers {@code value} from now on. */
    FakeCheck answering(SpfResult value) {
        this.result = value;
        return this;
    }

    /** From now on, answers only when the test completes the check (see {@link #nextHeld}). */
    FakeCheck holding() {
        this.hold = true;
        return this;
    }

    /** From now on, the evaluation fails with {@code defect} (the stage completes exceptionally). */
    FakeCheck failingWith(RuntimeException defect) {
        this.failure = defect;
        return this;
    }

    /** From now on, answers at once again. */
    FakeCheck releasing() {
        this.hold = false;
        return this;
    }

    @Override
    public CompletionStage<SenderIdVerdict> check(SenderIdRequest request) {
        requests.add(request);
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        SenderIdVerdict verdict = verdict(result, request);
        if (!hold) {
            return CompletableFuture.completedFuture(verdict);
        }
        CompletableFuture<SenderIdVerdict> future = new CompletableFuture<>();
        held.add(future);
        return future;
    }

    /** The next held check, once a session has started it. */
    CompletableFuture<SenderIdVerdict> nextHeld(Duration limit) throws InterruptedException {
        CompletableFuture<SenderIdVerdict> next = held.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError("no check started within " + limit);
        }
        return next;
    }

    static SenderIdVerdict verdict(SpfResult result, SenderIdRequest request) {
        return new SenderIdVerdict(
                result,
                request.scope(),
                "alice@example.com",
                "from",
                "spf2.0/pra ip4:192.0.2.0/24 -all",
                result == SpfResult.FAIL ? "not permitted by example.com" : "",
                "fake check",
                List.of("TXT example.com"));
    }
}
