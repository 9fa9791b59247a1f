package lab.kb905214.stress.lincheck;

import java.io.IOException;
import java.util.List;
import lab.kb905214.engine.check.CheckCoordinator;
import lab.kb905214.engine.check.Outcome;
import lab.kb905214.engine.check.PendingCheck;
import lab.kb905214.engine.check.SessionId;
import lab.kb905214.senderid.check.Scope;
import lab.kb905214.senderid.check.SenderIdVerdict;
import lab.kb905214.senderid.spf.SpfResult;
import lab.kb905214.stress.race.RaceOperation;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;

/**
 * A coordinator's operations as Lincheck calls them: each invocation gets a fresh coordinator with one check
 * registered for one session, and the operations are the three paths of the race (docs/ARCHITECTURE.md, "The
 * race").
 *
 * <p>Failpoints stay off (each coordinator makes its own, off by default): Lincheck chooses the interleavings.
 */
public abstract class CoordinatorOperations {
    /** The verdict the completion path posts. */
    static final SenderIdVerdict VERDICT =
            new SenderIdVerdict(SpfResult.PASS, Scope.PRA, "a@pass.example", "from", "", "", "test", List.of());
    /** The error the failing evaluation reports (a DNS failure). */
    @SuppressWarnings("StaticAssignmentOfThrowable") // never thrown: posted as a value, and compared by its text
    static final IOException DNS_FAILURE = new IOException("DNS timeout");

    private final CheckCoordinator coordinator;
    private final SessionId session = new SessionId(1);
    private final PendingCheck check;

    /**
     * Registers the invocation's check on {@code coordinator}, as the session thread does at the end of DATA. Model
     * checking builds this object on a thread Lincheck does not manage, so the operations, not the constructor, let
     * {@link LincheckExhaustion} catch the strategy.
     */
    protected CoordinatorOperations(CheckCoordinator coordinator) {
        InvocationCounter.countInvocation();
        this.coordinator = coordinator;
        this.check = coordinator.register(session);
    }

    /** Completion thread: the evaluation finished with {@link #VERDICT}. */
    @Operation
    public void complete() {
        LincheckExhaustion.catchStrategy();
        coordinator.complete(check, new Outcome.Delivered(VERDICT));
    }

    /** Completion thread: the evaluation failed (a DNS error), which the session must see as a TempError. */
    @Operation
    public void fail() {
        LincheckExhaustion.catchStrategy();
        coordinator.complete(check, new Outcome.Failed(String.valueOf(DNS_FAILURE)));
    }

    /** Watcher thread: the client went away; releasing the session's resources is a no-op here. */
    @Operation
    public void teardown() {
        LincheckExhaustion.catchStrategy();
        coordinator.teardown(session, () -> {});
    }

    /** Session thread: waits for the verdict and names the outcome (see {@link CheckSpecification}). */
    @Operation
    public String await() throws InterruptedException {
        LincheckExhaustion.catchStrategy();
        return name(coordinator.awaitVerdict(check));
    }

    /**
     * After the invocation's threads have finished: records what its coordinator saw (failpoints, lost verdicts).
     * Lincheck calls this once per invocation, outside the interleaved part, so reading them adds no switch point.
     */
    @Validate
    public void recordInvocationEnd() {
        InvocationCounter.invocationEnded(coordinator);
    }

    /** Runs {@code operation} and returns its result ("void" for the paths that return none). */
    String perform(RaceOperation operation) throws InterruptedException {
        // Compared, not switched on: an enum switch reads a synthetic array, which Lincheck would count as a shared
        // memory access of the scenario's own, adding switch points that the coordinator does not have.
        if (operation == RaceOperation.COMPLETE) {
            complete();
        } else if (operation == RaceOperation.FAIL) {
            fail();
        } else if (operation == RaceOperation.TEARDOWN) {
            teardown();
        } else if (operation == RaceOperation.AWAIT) {
            return await();
        } else {
            throw new IllegalArgumentException(operation + ": not an operation on one check");
        }
        return "void";
    }

    // Names an outcome the way CheckSpecification does; anything the specification cannot produce gets a name of
    // its own, so that it matches no linearization and Lincheck reports it.
    @SuppressWarnings("ReferenceEquality") // the very verdict posted, not an equal one: see below
    private static String name(Outcome outcome) {
        if (outcome instanceof Outcome.Delivered delivered) {
            // The very object posted: a verdict of another check, or a copy, would be a defect of its own.
            return delivered.verdict() == VERDICT ? CheckSpecification.DELIVERED : "delivered another verdict";
        }
        if (outcome instanceof Outcome.Cancelled) {
            return CheckSpecification.CANCELLED;
        }
        if (outcome instanceof Outcome.Failed failed) {
            boolean ours = failed.reason().equals(String.valueOf(DNS_FAILURE));
            return ours ? CheckSpecification.FAILED : "failed: " + failed.reason();
        }
        if (outcome instanceof Outcome.TimedOut timedOut) {
            return "timed out (evaluation finished: " + timedOut.evaluationFinished() + ")";
        }
        return "no outcome";
    }
}
