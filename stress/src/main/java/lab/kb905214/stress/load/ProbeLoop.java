package lab.kb905214.stress.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import lab.kb905214.stress.client.SmtpReply;
import lab.kb905214.stress.client.SmtpWire;

/**
 * A fresh transaction every interval, on its own connection, timed from the connect to the reply to its final dot
 * (what a sending server waits, the accept backlog and every command included). It measures
 * latency; it never ends a run: a probe left unanswered is one observation that the judge weighs with all the others.
 */
final class ProbeLoop implements Runnable {
    private final InetSocketAddress server;
    private final Duration interval;
    private final Duration patience;
    private final LoadTally tally;
    private final TimeSeries series;
    private final AtomicLong messageIds;
    private final ProbeLatencies.Recorder recorder = new ProbeLatencies.Recorder();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile Long lastMillis;

    private ProbeLoop(
            InetSocketAddress server,
            Duration interval,
            Duration patience,
            LoadTally tally,
            TimeSeries series,
            AtomicLong messageIds) {
        this.server = server;
        this.interval = interval;
        this.patience = patience;
        this.tally = tally;
        this.series = series;
        this.messageIds = messageIds;
        this.thread = new Thread(this, "load-probe");
        this.thread.setDaemon(true);
    }

    /** Starts probing {@code server} every {@code interval}, each probe waiting up to {@code patience}. */
    static ProbeLoop start(
            InetSocketAddress server,
            Duration interval,
            Duration patience,
            LoadTally tally,
            TimeSeries series,
            AtomicLong messageIds) {
        ProbeLoop loop = new ProbeLoop(server, interval, patience, tally, series, messageIds);
        loop.thread.start();
        return loop;
    }

    @Override
    public void run() {
        while (!stopped) {
            long started = System.nanoTime();
            probeOnce();
            long wait = started + interval.toNanos() - System.nanoTime();
            if (wait > 0 && !stopped) {
                LockSupport.parkNanos(wait); // the probe's pace, not the server's timing
            }
        }
    }

    private void probeOnce() {
        String messageId = "<probe-" + messageIds.incrementAndGet() + "@lab.example>";
        long begun = System.nanoTime();
        try (SmtpWire wire = SmtpWire.open(server, patience)) {
            tally.register(wire); // so a run that proved a hang can cut this probe short, even before its greeting
            wire.expectGreeting();
            wire.openTransaction("probe.example", "probe@pass.example", "rcpt@lab.example");
            wire.sendMessageAndDot(
                    "From: <probe@pass.example>\r\nMessage-ID: " + messageId + "\r\nSubject: probe\r\n\r\nprobe\r\n");
            SmtpReply reply = wire.readReply();
            long millis = (System.nanoTime() - begun) / 1_000_000;
            tally.answered(reply, messageId);
            series.probe(millis);
            recorder.answered(millis);
            lastMillis = millis;
            wire.send("QUIT\r\n");
        } catch (SmtpWire.Refused e) {
            tally.refused();
            recorder.refused();
        } catch (IOException e) {
            if (!stopped) {
                series.probeUnanswered();
                recorder.unanswered();
            }
        } finally {
            tally.unregisterCurrent();
        }
    }

    /** The latest answered probe's latency, or null before the first. */
    Long lastMillis() {
        return lastMillis;
    }

    /** Sends no further probe; a probe in flight that now fails is not counted as unanswered. */
    void stopSending() {
        stopped = true;
    }

    /**
     * Stops probing and waits for the probe in flight (at most its patience; a run that proved a hang first closes
     * every connection, this probe's included).
     */
    ProbeLatencies stop() throws InterruptedException {
        stopSending();
        thread.join(patience.toMillis() + 1000);
        return recorder.summary();
    }
}
