package lab.kb905214.stress.load;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import lab.kb905214.stress.client.SmtpReply;
import lab.kb905214.stress.client.SmtpWire;

/** What the clients of a load run saw, counted as they saw it; thread-safe. */
final class LoadTally {
    private final TimeSeries series;
    final LongAdder answered = new LongAdder();
    final LongAdder replies2xx = new LongAdder();
    final LongAdder replies4xx = new LongAdder();
    final LongAdder replies5xx = new LongAdder();
    final LongAdder aborted = new LongAdder();
    final LongAdder unanswered = new LongAdder();
    final LongAdder failed = new LongAdder();
    /** Message-IDs the server answered with 250: each must be in the Maildir exactly once. */
    final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final Set<SmtpWire> open = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<SmtpWire> current = new ThreadLocal<>();

    LoadTally(TimeSeries series) {
        this.series = series;
    }

    void answered(SmtpReply reply, String messageId) {
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

    void aborted() {
        aborted.increment();
    }

    void unanswered() {
        unanswered.increment();
    }

    void failed() {
        failed.increment();
    }

    void register(SmtpWire wire) {
        open.add(wire);
        current.set(wire);
    }

    void unregisterCurrent() {
        SmtpWire wire = current.get();
        if (wire != null) {
            open.remove(wire);
            current.remove();
        }
    }

    /** Closes every client connection still open, so clients blocked on a hung server return at once. */
    void closeAll() {
        for (SmtpWire wire : open) {
            try {
                wire.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
