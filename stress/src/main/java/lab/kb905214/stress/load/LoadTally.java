package lab.kb905214.stress.load;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import lab.kb905214.stress.client.SmtpReply;
import lab.kb905214.stress.client.SmtpWire;
import lab.kb905214.stress.race.Race;

/** What the clients of a load run saw, counted as they saw it; thread-safe. */
final class LoadTally {
    private final TimeSeries series;
    final LongAdder answered = new LongAdder();
    final LongAdder replies2xx = new LongAdder();
    final LongAdder replies4xx = new LongAdder();
    final LongAdder replies5xx = new LongAdder();
    final LongAdder aborted = new LongAdder();
    /** The aborted transactions by the race each brought on (an EnumMap filled once, so reads need no lock). */
    private final Map<Race, LongAdder> abortedByRace = new EnumMap<>(Race.class);

    final LongAdder unanswered = new LongAdder();
    final LongAdder failed = new LongAdder();
    /**
     * Connections that timed out before their final dot: never greeted (still in the kernel's accept backlog) or a
     * command reply later than the client's patience. Saturation, not a lost reply: no check was in flight.
     */
    final LongAdder notServed = new LongAdder();
    /** Connections the server refused with a reply (421 at its connection limit): answers, not silence. */
    final LongAdder refused = new LongAdder();
    /** When anyone last got an answer from the server (a reply to a final dot, or a refusal). */
    private final AtomicLong lastAnswerNanos;
    /** The longest time between two answers so far: what the judge's window must stay far above. */
    private final AtomicLong longestSilenceNanos = new AtomicLong();
    /** Message-IDs the server answered with 250: each must be in the Maildir exactly once. */
    final Set<String> accepted = ConcurrentHashMap.newKeySet();

    private final Set<SmtpWire> open = ConcurrentHashMap.newKeySet();
    /** The open connections whose client has not opened its transaction yet (still waiting for the greeting, say). */
    private final Set<SmtpWire> beforeTheirTransaction = ConcurrentHashMap.newKeySet();

    @SuppressWarnings("ThreadLocalUsage") // per tally on purpose: each run's clients, not every run's
    private final ThreadLocal<SmtpWire> current = new ThreadLocal<>();

    LoadTally(TimeSeries series, long startNanos) {
        this.series = series;
        this.lastAnswerNanos = new AtomicLong(startNanos);
        for (LoadClient.Abort abort : LoadClient.Abort.values()) {
            abortedByRace.putIfAbsent(abort.race(), new LongAdder());
        }
    }

    void answered(SmtpReply reply, String messageId) {
        heardFromServer();
        answered.increment();
        series.answered();
        if (reply.code() / 100 == 2) {
            replies2xx.increment();
            if (reply.code() == 250) {
                accepted.add(messageId);
            }
        } else if (reply.code() / 100 == 4) {
            replies4xx.increment();
        } else {
            replies5xx.increment();
        }
    }

    void refused() {
        heardFromServer();
        refused.increment();
        series.refused();
    }

    private void heardFromServer() {
        long now = System.nanoTime();
        long before = lastAnswerNanos.getAndAccumulate(now, Math::max);
        if (now > before) {
            longestSilenceNanos.accumulateAndGet(now - before, Math::max);
        }
    }

    /** The longest time nobody got an answer, up to {@code endNanos} (the silence since the last answer included). */
    long longestSilenceNanos(long endNanos) {
        return Math.max(longestSilenceNanos.get(), endNanos - lastAnswerNanos.get());
    }

    /** When anyone last got an answer from the server (the run's start if nobody has yet). */
    long lastAnswerNanos() {
        return lastAnswerNanos.get();
    }

    void aborted(Race race) {
        aborted.increment();
        abortedByRace.get(race).increment();
    }

    /** The aborted transactions by race, every race a client can bring on listed (0 when it never did). */
    Map<Race, Long> abortedByRace() {
        Map<Race, Long> counts = new EnumMap<>(Race.class);
        abortedByRace.forEach((race, n) -> counts.put(race, n.sum()));
        return counts;
    }

    void unanswered() {
        unanswered.increment();
    }

    void notServed() {
        notServed.increment();
    }

    void failed() {
        failed.increment();
    }

    void register(SmtpWire wire) {
        open.add(wire);
        beforeTheirTransaction.add(wire);
        current.set(wire);
    }

    /** The calling client has opened its transaction on its current connection: the server owes it a reply now. */
    void transactionOpened() {
        SmtpWire wire = current.get();
        if (wire != null) {
            beforeTheirTransaction.remove(wire);
        }
    }

    void unregisterCurrent() {
        SmtpWire wire = current.get();
        if (wire != null) {
            open.remove(wire);
            beforeTheirTransaction.remove(wire);
            current.remove();
        }
    }

    /**
     * Closes the connections whose client has not opened a transaction yet. Once the run is over such a client could
     * only start a new one; on an overloaded server it is still waiting in the accept backlog for its greeting, and
     * would wait out its whole patience. A check starts only after the final dot, so no check is in flight on these.
     */
    void closeThoseBeforeTheirTransaction() {
        close(beforeTheirTransaction);
    }

    /** Closes every client connection still open, so clients blocked on a hung server return at once. */
    void closeAll() {
        close(open);
    }

    private static void close(Set<SmtpWire> wires) {
        for (SmtpWire wire : wires) {
            try {
                wire.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
