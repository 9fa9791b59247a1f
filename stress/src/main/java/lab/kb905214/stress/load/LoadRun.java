package lab.kb905214.stress.load;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import lab.kb905214.engine.hang.LockCycle;

/**
 * What one load run observed.
 *
 * @param engine buggy or fixed
 * @param plan the traffic
 * @param seconds how long it ran
 * @param transactionsAnswered transactions whose final dot got a reply (clients and probes)
 * @param replies2xx 2xx replies to the final dot seen by clients and probes
 * @param replies4xx 4xx replies to the final dot
 * @param replies5xx 5xx replies to the final dot
 * @param aborted transactions whose client left after the final dot
 * @param unanswered transactions whose reply never came within the client's timeout
 * @param stoppedRespondingAt seconds from the start to the first probe that got no answer, or empty
 * @param cycle the deadlock found at the end, if any
 * @param stuckSessions session threads still waiting inside the coordinator at the end
 * @param threadDumpExcerpt the threads of the cycle and the stuck sessions, from a full dump
 * @param closeWait server-side connections in CLOSE_WAIT at the end (-1: unknown)
 * @param storedMessages messages in the Maildir at the end
 * @param serverAccepted messages the server answered 250 for and stored (its own counter; clients that left early
 *     never saw some of those replies)
 * @param accepted250Missing Message-IDs that got a 250 but are not in the Maildir (must be empty)
 * @param threadsAtStart live threads in the JVM before the engine started
 * @param threadsAtEnd engine threads (sessions, watchers, completion, DNS, clients) started by the run and still
 *     alive after the engine stopped: 0 for an engine that let every thread go
 * @param series per-second transactions and probe latency
 */
public record LoadRun(
        String engine,
        LoadPlan plan,
        double seconds,
        long transactionsAnswered,
        long replies2xx,
        long replies4xx,
        long replies5xx,
        long aborted,
        long unanswered,
        Optional<Double> stoppedRespondingAt,
        Optional<LockCycle> cycle,
        List<String> stuckSessions,
        String threadDumpExcerpt,
        int closeWait,
        long storedMessages,
        long serverAccepted,
        List<String> accepted250Missing,
        int threadsAtStart,
        int threadsAtEnd,
        List<Map<String, Object>> series) {

    /** Whether the server stopped responding or sessions hung. */
    public boolean hung() {
        return stoppedRespondingAt.isPresent() || cycle.isPresent() || !stuckSessions.isEmpty();
    }
}
