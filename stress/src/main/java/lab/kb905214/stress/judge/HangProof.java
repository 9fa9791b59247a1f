package lab.kb905214.stress.judge;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import lab.kb905214.engine.hang.LockCycle;
import lab.kb905214.engine.hang.StuckThreadWatch;

/**
 * Why the judge calls a run hung: one of three kinds, each carrying what a reader needs to check the claim. Nothing
 * else is a hang: a slow probe, a saturated server or a late verdict is latency, recorded as such.
 */
public sealed interface HangProof {

    /** The kind's name, as results files write it. */
    String kind();

    /** Seconds from the start of the run to when the hang began, as far as the proof shows. */
    double since();

    /** The proof as a person reads it: what was seen, for how long, with the stacks involved. */
    String describe();

    /**
     * A lock cycle reported by the JVM's deadlock detection (monitors and {@code java.util.concurrent} locks).
     *
     * @param cycle the threads of the cycle, each with what it holds and wants
     * @param seenAt seconds from the start of the run to the look that found it
     * @param stacks the cycle's threads' full stacks, from a thread dump
     */
    record LockCycleSeen(LockCycle cycle, double seenAt, String stacks) implements HangProof {
        @Override
        public String kind() {
            return "lock-cycle";
        }

        @Override
        public double since() {
            return seenAt;
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "lock cycle, seen %.1f s into the run:%n", seenAt) + cycle.describe()
                    + "\n" + stacks;
        }
    }

    /**
     * Sessions seen in one unbroken wait inside the coordinator for longer than {@code limit}.
     *
     * @param sessions each stuck thread: where it waits, on which lock or future, since when, its full stack
     * @param limit the longest a check can take, plus the margin
     * @param runStartNanos the run's start, to express each wait's start in seconds of the run
     */
    record StuckSessions(List<StuckThreadWatch.Observation> sessions, Duration limit, long runStartNanos)
            implements HangProof {
        public StuckSessions {
            sessions = List.copyOf(sessions);
        }

        @Override
        public String kind() {
            return "stuck-session";
        }

        @Override
        public double since() {
            return sessions.stream()
                                    .mapToLong(StuckThreadWatch.Observation::firstSeenNanos)
                                    .min()
                                    .orElse(runStartNanos)
                            / 1e9
                    - runStartNanos / 1e9;
        }

        @Override
        public String describe() {
            StringBuilder out = new StringBuilder(String.format(
                    Locale.ROOT,
                    "%d session(s) seen in one unbroken wait inside the coordinator for longer than %.1f s (the "
                            + "longest a check can take, plus margin); the JVM's wait and block counts of each did "
                            + "not change, so it never woke in between:%n",
                    sessions.size(),
                    limit.toMillis() / 1e3));
            for (StuckThreadWatch.Observation s : sessions) {
                out.append(String.format(
                        Locale.ROOT,
                        "%n\"%s\" %s on %s, observed %.1f s from %.1f s into the run "
                                + "(waited %d times, blocked %d times, unchanged)%n",
                        s.thread(),
                        s.state(),
                        s.waitingOn(),
                        s.observed().toMillis() / 1e3,
                        (s.firstSeenNanos() - runStartNanos) / 1e9,
                        s.waitedCount(),
                        s.blockedCount()));
                s.stack().forEach(frame -> out.append("    at ").append(frame).append('\n'));
            }
            return out.toString();
        }
    }

    /**
     * No transaction answered by anyone, clients or probes, and no probe answered, for longer than {@code window}.
     *
     * @param lastProgressAt seconds from the start of the run to the last answer of any kind
     * @param detectedAt seconds from the start to the look that saw the window pass
     * @param window how long nothing may be answered before the server counts as stopped
     * @param perSecond the run's per-second transactions answered and probe outcomes up to detection
     * @param stacks the completion thread's and the session threads' stacks at detection
     */
    record StoppedServer(
            double lastProgressAt, double detectedAt, Duration window, List<String> perSecond, String stacks)
            implements HangProof {
        public StoppedServer {
            perSecond = List.copyOf(perSecond);
        }

        @Override
        public String kind() {
            return "stopped-server";
        }

        @Override
        public double since() {
            return lastProgressAt;
        }

        @Override
        public String describe() {
            return String.format(
                            Locale.ROOT,
                            "server stopped: nothing answered from %.1f s to %.1f s into the run, "
                                    + "longer than the %.1f s window; per second:%n",
                            lastProgressAt,
                            detectedAt,
                            window.toMillis() / 1e3)
                    + String.join("\n", perSecond) + "\n\n" + stacks;
        }
    }
}
