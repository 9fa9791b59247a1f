package lab.kb905214.engine.smtp;

import java.util.concurrent.atomic.AtomicLong;

/** What a virtual server did with the transactions that reached DATA, counted as it happens. */
public final class EngineCounters {

    /**
     * A consistent-enough copy of the counters (each read atomically, not all at one instant).
     *
     * @param replies2xx DATA answered 250
     * @param replies4xx DATA answered 4xx (deferred, cancelled, timed out, store failure)
     * @param replies5xx DATA answered 5xx (rejected by policy or over a limit)
     * @param accepted messages stored in new/
     * @param deleted messages answered 250 and dropped by the Delete action
     * @param rejected messages refused by the policy (550 5.7.1)
     * @param deferred messages answered 451 4.4.3 by the policy (a TempError or PermError deferred)
     * @param cancelled transactions cancelled by a teardown (451 4.3.0)
     * @param timedOut checks whose bounded wait expired (451 4.4.3)
     * @param overLimit messages refused for size, header count or line length
     * @param clientGone teardowns reported because the client left during a check
     * @param pipelinedResets teardowns reported because of a pipelined RSET/QUIT during a check
     * @param teardownsFailed teardowns that threw (the coordinator's teardown path ended abnormally)
     */
    public record Snapshot(
            long replies2xx,
            long replies4xx,
            long replies5xx,
            long accepted,
            long deleted,
            long rejected,
            long deferred,
            long cancelled,
            long timedOut,
            long overLimit,
            long clientGone,
            long pipelinedResets,
            long teardownsFailed) {

        /** All DATA replies. */
        public long replies() {
            return replies2xx + replies4xx + replies5xx;
        }
    }

    final AtomicLong replies2xx = new AtomicLong();
    final AtomicLong replies4xx = new AtomicLong();
    final AtomicLong replies5xx = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong deleted = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong deferred = new AtomicLong();
    final AtomicLong cancelled = new AtomicLong();
    final AtomicLong timedOut = new AtomicLong();
    final AtomicLong overLimit = new AtomicLong();
    final AtomicLong clientGone = new AtomicLong();
    final AtomicLong pipelinedResets = new AtomicLong();
    final AtomicLong teardownsFailed = new AtomicLong();

    /** Counters at zero. */
    public EngineCounters() {}

    /** The counters now. */
    public Snapshot snapshot() {
        return new Snapshot(
                replies2xx.get(),
                replies4xx.get(),
                replies5xx.get(),
                accepted.get(),
                deleted.get(),
                rejected.get(),
                deferred.get(),
                cancelled.get(),
                timedOut.get(),
                overLimit.get(),
                clientGone.get(),
                pipelinedResets.get(),
                teardownsFailed.get());
    }

    void replied(int code) {
        if (code < 300) {
            replies2xx.incrementAndGet();
        } else if (code < 500) {
            replies4xx.incrementAndGet();
        } else {
            replies5xx.incrementAndGet();
        }
    }
}
