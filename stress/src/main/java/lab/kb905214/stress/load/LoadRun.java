package lab.kb905214.stress.load;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import lab.kb905214.engine.check.WaitBound;
import lab.kb905214.engine.hang.LockCycle;
import lab.kb905214.engine.hang.StuckThreadWatch;
import lab.kb905214.results.Engine;
import lab.kb905214.results.Fields;
import lab.kb905214.stress.judge.HangProof;
import lab.kb905214.stress.judge.JudgeLimits;
import lab.kb905214.stress.race.Race;

/**
 * What one load run observed.
 *
 * @param engine the engine under load
 * @param plan the traffic
 * @param limits the judge's thresholds for this run
 * @param seconds how long it ran, traffic only
 * @param transactionsAnswered transactions whose final dot got a reply (clients and probes)
 * @param replies2xx 2xx replies to the final dot seen by clients and probes
 * @param replies4xx 4xx replies to the final dot
 * @param replies5xx 5xx replies to the final dot
 * @param aborted transactions whose client left after the final dot
 * @param abortedByRace the same, by the race of the catalogue each way of leaving brings on at the server
 * @param unanswered transactions whose reply never came within the client's patience (the judge's window)
 * @param refused connections the server refused with a reply (421 at its connection limit)
 * @param notServed connections that timed out before their final dot (never greeted from the accept backlog, or a
 *     command answered later than the client's patience): saturation, no check was in flight
 * @param proof why the run counts as hung, if it does: a lock cycle, a stuck session or a stopped server
 * @param probes the probes' latencies and outcomes
 * @param closeWait server-side connections in CLOSE_WAIT at the end (-1: unknown)
 * @param storedMessages messages in the Maildir at the end
 * @param serverAccepted messages the server answered 250 for and stored (its own counter; clients that left early
 *     never saw some of those replies)
 * @param accepted250Missing Message-IDs that got a 250 but are not in the Maildir (must be empty)
 * @param threadsAtStart live threads in the JVM before the engine started
 * @param threadsAtEnd engine threads (sessions, watchers, completion, DNS, clients) started by the run and still
 *     alive after the engine stopped: 0 for an engine that let every thread go
 * @param series per-second transactions, refusals and probe latency
 * @param judgeLooks how many times the judge looked at the engine's threads
 * @param lastAnswerAt seconds from the start to the last answer anyone got (a reply to a final dot, or a refusal)
 * @param failpointsArmed whether a schedule was armed on the engine's failpoints during the run (the harness never
 *     arms one; a judge test does, to pause the server)
 * @param failpointsHit the steps reached while a schedule was armed, as the failpoints recorded them
 * @param dnsServer what the engine's DNS client asked: the embedded server (which injected the plan's latency and
 *     drops) or an external one (e.g. Unbound resolving from NSD; the plan's DNS faults were not injected)
 * @param dnsFaultsInjected whether the plan's DNS latency, jitter and drops were injected (only the embedded server
 *     can)
 * @param longestSilenceMillis the longest time, while the traffic ran, that nobody got any answer: under a working
 *     server far below the judge's window, which the calibration grid measures
 * @param lostVerdicts the coordinator's own count of verdicts posted that never reached their waiter (a bounded
 *     wait that expired over a delivered verdict; 0 when the harness waits unbounded, where a loss is a hang instead)
 * @param verdictWaitBound engine-fixed's bound on a session's wait for its verdict in this run
 * @param timedOutAtBound checks whose bounded wait expired, as the engine counted them (each answered 451 4.4.3)
 * @param assumptions what the assumption audit saw: the engine's lock order and where its service threads waited
 *     (see {@code AssumptionAudit})
 */
public record LoadRun(
        Engine engine,
        LoadPlan plan,
        JudgeLimits limits,
        double seconds,
        long transactionsAnswered,
        long replies2xx,
        long replies4xx,
        long replies5xx,
        long aborted,
        Map<Race, Long> abortedByRace,
        long unanswered,
        long refused,
        long notServed,
        Optional<HangProof> proof,
        ProbeLatencies probes,
        int closeWait,
        long storedMessages,
        long serverAccepted,
        List<String> accepted250Missing,
        int threadsAtStart,
        int threadsAtEnd,
        List<Fields> series,
        long judgeLooks,
        double lastAnswerAt,
        boolean failpointsArmed,
        List<String> failpointsHit,
        String dnsServer,
        boolean dnsFaultsInjected,
        long longestSilenceMillis,
        long lostVerdicts,
        WaitBound verdictWaitBound,
        long timedOutAtBound,
        Fields assumptions) {

    /** Whether the judge proved a hang. */
    public boolean hung() {
        return proof.isPresent();
    }

    /** The proven hang's kind ("lock-cycle", "stuck-session", "stopped-server"), if any. */
    public Optional<String> hangKind() {
        return proof.map(HangProof::kind);
    }

    /** The lock cycle, when that is the proof. */
    public Optional<LockCycle> cycle() {
        return proof.filter(HangProof.LockCycleSeen.class::isInstance).map(p -> ((HangProof.LockCycleSeen) p).cycle());
    }

    /** The stuck sessions' thread names, when that is the proof. */
    public List<String> stuckSessions() {
        return proof.filter(HangProof.StuckSessions.class::isInstance)
                .map(p -> ((HangProof.StuckSessions) p)
                        .sessions().stream()
                                .map(StuckThreadWatch.Observation::thread)
                                .toList())
                .orElse(List.of());
    }

    /**
     * Seconds from the start to the last answer anyone got, when the proof says the whole server stopped: a lock
     * cycle (the lab's cycles take the single completion thread, so no verdict is posted again) or a stopped server.
     * A stuck session is one session: the server goes on answering the others.
     */
    public Optional<Double> stoppedRespondingAt() {
        return proof.filter(p -> !(p instanceof HangProof.StuckSessions)).map(p -> lastAnswerAt);
    }

    /** The proof as a person reads it, or "" when the run did not hang. */
    public String evidence() {
        return proof.map(HangProof::describe).orElse("");
    }
}
