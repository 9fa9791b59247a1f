package lab.kb905214.stress.schedule;

import java.util.List;
import java.util.Optional;
import lab.kb905214.engine.failpoint.Schedule;
import lab.kb905214.engine.hang.LockCycle;

/**
 * What one schedule run observed.
 *
 * @param scenario the race driven
 * @param order racy or benign
 * @param exercised whether every step the schedule needed was reached (if not, the run proves nothing)
 * @param cycle the deadlock found among the run's threads, if any
 * @param stuckWaiters session threads still waiting inside the coordinator after the schedule ended
 * @param victimReply the raced transaction's reply to its final dot, or what happened instead ("no reply in ...")
 * @param probeAnswered whether a fresh transaction after the schedule got its reply in time
 * @param probeReply that reply, or what happened instead
 * @param stored messages in the Maildir's new/ at the end
 * @param arrivals the interleaving as it happened: thread, step, monitors held
 * @param millis the run's wall time
 * @param detectMillis from the schedule's last release to the verdict on the run: cycle found, or waiters seen stuck
 *     for the whole stall limit, or every thread seen to go on
 * @param failpointsArmed whether the engine's failpoints recorded that a schedule was armed on them
 * @param failpointsReached the steps the engine's failpoints recorded as reached while armed
 * @param teardownsFailed teardowns that threw, as the engine counted them (the watcher logs them and goes on)
 * @param lostVerdicts the coordinator's own count of verdicts posted that never reached their waiter
 */
public record ScheduleRun(
        Scenario scenario,
        Order order,
        boolean exercised,
        Optional<LockCycle> cycle,
        List<String> stuckWaiters,
        String victimReply,
        boolean probeAnswered,
        String probeReply,
        long stored,
        List<Schedule.Arrival> arrivals,
        long millis,
        long detectMillis,
        boolean failpointsArmed,
        List<String> failpointsReached,
        long teardownsFailed,
        long lostVerdicts) {

    /** Whether this run hung: a deadlock cycle, or a waiter that never woke. */
    public boolean hung() {
        return cycle.isPresent() || !stuckWaiters.isEmpty();
    }

    // Thread names carry ports and counters; the role is what a reader needs, and it is the same every run.
    private static String role(Schedule.Arrival arrival) {
        String step = arrival.step().id();
        return step.startsWith("completion")
                ? "completion thread"
                : step.startsWith("teardown") ? "watcher thread" : "session thread";
    }

    /** The steps reached, in first-arrival order. */
    public List<String> stepsHit() {
        return arrivals.stream().map(a -> a.step().id()).distinct().toList();
    }

    /** The interleaving, one line per arrival, then the outcome; the same schedule prints the same lines. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        for (Schedule.Arrival arrival : arrivals) {
            String held = arrival.monitorsHeld().isEmpty()
                    ? "holds no monitor"
                    : "holds " + String.join(", ", arrival.monitorsHeld());
            out.append(String.format(
                    "%2d. %-17s %-17s %s%n",
                    arrival.order(), role(arrival), arrival.step().id(), held));
        }
        out.append(hung() ? "HUNG: " : "completed: ");
        cycle.ifPresent(
                c -> out.append("deadlock between ").append(c.links().size()).append(" threads; "));
        if (!stuckWaiters.isEmpty()) {
            out.append("waiting forever: ")
                    .append(String.join(", ", stuckWaiters))
                    .append("; ");
        }
        out.append("raced transaction: ")
                .append(victimReply)
                .append("; probe: ")
                .append(probeReply);
        return out.toString();
    }
}
