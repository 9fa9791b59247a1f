package lab.kb905214.stress.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import lab.kb905214.stress.client.SmtpReply;
import lab.kb905214.stress.client.SmtpWire;
import lab.kb905214.stress.race.Race;

/**
 * One SMTP client of a load run: transaction after transaction, some of them abandoned right after the final dot,
 * as real clients do when they time out, crash, or pipeline QUIT behind the message; or reset with a pipelined
 * RSET and go on with their next message on the same connection, while the old check may still be in flight.
 */
final class LoadClient implements Runnable {
    /** How a client leaves a transaction it does not wait for, and the race of the catalogue it brings on. */
    enum Abort {
        /** Closes the connection after the final dot: the session waits while completion and teardown cross. */
        CLOSE(Race.THREE_PATHS),
        /** Resets the connection (TCP RST) after the final dot: the same race, found by a failed read. */
        RESET(Race.THREE_PATHS),
        /** Pipelines QUIT behind the final dot: the watcher reads it ahead and tears the session down. */
        PIPELINED_QUIT(Race.THREE_PATHS),
        /** Pipelines RSET and QUIT behind the final dot: two teardowns of one session. */
        PIPELINED_RSET(Race.TEARDOWN_TWICE),
        /** Pipelines RSET, then sends its next message: the reset check's completion may come after the next's. */
        PIPELINED_RSET_THEN_NEXT(Race.STALE_COMPLETION);

        private final Race race;

        Abort(Race race) {
            this.race = race;
        }

        /** The race this way of leaving brings on at the server. */
        Race race() {
            return race;
        }
    }

    private final int id;
    private final InetSocketAddress server;
    private final LoadPlan plan;
    private final Random random;
    private final AtomicBoolean stop;
    private final LoadTally tally;
    private final AtomicLong messageIds;
    private final Duration patience;

    /** A client that waits up to {@code patience} for each reply: longer than any check can take. */
    LoadClient(
            int id,
            InetSocketAddress server,
            LoadPlan plan,
            AtomicBoolean stop,
            LoadTally tally,
            AtomicLong messageIds,
            Duration patience) {
        this.id = id;
        this.server = server;
        this.plan = plan;
        this.random = new Random(plan.seed() * 1_000_003L + id);
        this.stop = stop;
        this.tally = tally;
        this.messageIds = messageIds;
        this.patience = patience;
    }

    @Override
    public void run() {
        while (!stop.get()) {
            boolean abort = random.nextDouble() < plan.abortRate();
            Abort how = Abort.values()[random.nextInt(Abort.values().length)];
            // A client that gives up does so at some point while the check is in flight: up to twice the DNS delay.
            long abortDelayNanos = (long) (random.nextDouble()
                    * 2
                    * (plan.dnsLatency().toNanos() + plan.dnsJitter().toNanos()));
            String messageId = "<load-" + id + "-" + messageIds.incrementAndGet() + "@lab.example>";
            boolean dotSent = false; // a timeout before the dot is a session not served; after it, a reply missing
            try (SmtpWire wire = SmtpWire.open(server, patience)) {
                tally.register(wire); // before the greeting: a run that ends can close a connection still queued
                wire.expectGreeting();
                wire.openTransaction("client" + id + ".example", sender(), "rcpt@lab.example");
                dotSent = true; // from here the server owes this transaction a reply (unless the client leaves)
                tally.transactionOpened();
                if (!abort) {
                    wire.sendMessageAndDot(message(messageId));
                    SmtpReply reply = wire.readReply();
                    tally.answered(reply, messageId);
                    wire.send("QUIT\r\n");
                    continue;
                }
                tally.aborted(how.race());
                switch (how) {
                    case PIPELINED_QUIT -> wire.sendMessageAndDot(message(messageId), "QUIT\r\n");
                    case PIPELINED_RSET -> wire.sendMessageAndDot(message(messageId), "RSET\r\nQUIT\r\n");
                    case PIPELINED_RSET_THEN_NEXT -> {
                        // The reset transaction's reply (451 if the teardown won, else the verdict's), then RSET's.
                        wire.sendMessageAndDot(message(messageId), "RSET\r\n");
                        wire.readReply();
                        wire.readReply();
                        // The next message on the same session, while the reset one's check may still complete.
                        String nextId = "<load-" + id + "-" + messageIds.incrementAndGet() + "@lab.example>";
                        wire.openTransaction("client" + id + ".example", sender(), "rcpt@lab.example");
                        wire.sendMessageAndDot(message(nextId));
                        tally.answered(wire.readReply(), nextId);
                        wire.send("QUIT\r\n");
                    }
                    default -> {
                        wire.sendMessageAndDot(message(messageId));
                        LockSupport.parkNanos(abortDelayNanos); // the client's own think time, not the server's
                        if (how == Abort.RESET) {
                            wire.reset();
                        }
                    }
                }
            } catch (SmtpWire.Refused e) {
                // The server is at its connection limit and said so: an answer. Come back a little later, as a
                // real client's retry queue would, instead of hammering the accept loop.
                tally.refused();
                LockSupport.parkNanos((10 + random.nextInt(40)) * 1_000_000L);
            } catch (SocketTimeoutException e) {
                if (dotSent) {
                    tally.unanswered();
                } else {
                    tally.notServed();
                }
            } catch (IOException e) {
                tally.failed();
            } finally {
                tally.unregisterCurrent();
            }
        }
    }

    private String sender() {
        return random.nextInt(4) == 0 ? "mallory@fail.example" : "alice@pass.example";
    }

    private String message(String messageId) {
        StringBuilder body = new StringBuilder();
        int lines = 1 + random.nextInt(20);
        for (int i = 0; i < lines; i++) {
            body.append("line ")
                    .append(i)
                    .append(" of a load message ")
                    .append(random.nextLong())
                    .append("\r\n");
        }
        String from = sender();
        return "From: <" + from + ">\r\nTo: <rcpt@lab.example>\r\nMessage-ID: " + messageId
                + "\r\nSubject: load\r\n\r\n" + body;
    }
}
