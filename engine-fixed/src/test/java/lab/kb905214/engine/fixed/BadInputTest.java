package lab.kb905214.engine.fixed;

import static lab.kb905214.engine.fixed.RealStack.FAIL;
import static lab.kb905214.engine.fixed.RealStack.PASS;
import static lab.kb905214.engine.fixed.RealStack.SLOW;
import static lab.kb905214.engine.fixed.RealStack.TEMPERROR;
import static lab.kb905214.engine.fixed.RealStack.envelope;
import static lab.kb905214.engine.fixed.RealStack.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import lab.kb905214.engine.smtp.EngineCounters;
import lab.kb905214.engine.thread.ThreadRole;
import lab.kb905214.senderid.policy.FilterAction;
import lab.kb905214.senderid.policy.FilterPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that misbehave against engine-fixed with the real Sender ID stack: they leave at every step, pipeline,
 * send garbage, over-long lines and header bombs. The engine answers correctly or closes the connection, loses no
 * message it answered 250 for, and its threads go away: watchers once the clients are gone, everything once the
 * server is closed.
 */
@Timeout(120)
class BadInputTest {
    private static final Duration SLOW_ANSWER = Duration.ofMillis(500);

    @TempDir
    Path dir;

    private RealStack stack;
    /** Every Message-ID the test made (a superset of those sent with a final dot); what is stored is among them. */
    private final Set<String> knownIds = new HashSet<>();
    /** The Message-IDs the client saw a 250 for; each must be stored exactly once. */
    private final List<String> answered250 = new ArrayList<>();

    private int ids;

    @AfterEach
    void nothingAnswered250IsLostAndNothingElseIsStored() throws IOException {
        if (stack == null) {
            return;
        }
        try {
            stack.assertStoreConsistent();
            List<String> stored = stack.storedMessageIds();
            assertThat(knownIds).containsAll(stored);
            assertThat(stored).containsAll(answered250);
            assertThat(stack.server().coordinator().lostVerdicts())
                    .as("lost verdicts")
                    .isZero();
        } finally {
            stack.close(); // also waits until the stack's threads are gone
        }
    }

    @Test
    void clientsLeavingAtEveryStepLoseNothingAndTheirWatchersEnd() throws Exception {
        stack = RealStack.start(dir);
        stack.delayAnswers(SLOW, SLOW_ANSWER);
        int transactionsEnded = 0;
        for (Step step : Step.values()) {
            for (boolean reset : new boolean[] {false, true}) {
                // The final dot is followed by a close both with an instant verdict (a race with the completion)
                // and with a slow one (the check is surely in flight, so the watcher's teardown runs).
                for (String domain : step == Step.AFTER_FINAL_DOT ? List.of(PASS, SLOW) : List.of(PASS)) {
                    try (RealStack.Client client = stack.connect()) {
                        walkTo(step, client, domain);
                        if (reset) {
                            client.reset();
                        }
                    }
                    if (step == Step.AFTER_FINAL_DOT) {
                        transactionsEnded++;
                    }
                }
            }
        }
        sendOneGoodMessage();
        int dataReplies = transactionsEnded + 1;

        // Each transaction that reached its final dot got exactly one reply, sent or not: the good client's 250,
        // and for the clients that left, 250 (stored) or 451 4.3.0 (torn down before it was stored).
        await("a reply to every ended transaction")
                .atMost(RealStack.WAIT)
                .until(() -> counts().replies() == dataReplies);
        EngineCounters.Snapshot counts = counts();
        assertThat(counts.accepted() + counts.cancelled()).isEqualTo(dataReplies);
        assertThat(counts.replies5xx()).isZero();
        // The slow checks were still waiting for DNS when their clients left (close and reset): the watcher saw
        // each departure and tore the check down.
        assertThat(counts.clientGone()).isGreaterThanOrEqualTo(2);
        await("watchers to end while the server runs")
                .atMost(RealStack.WAIT)
                .until(() -> RealStack.watcherThreads() == 0);
        assertThat(stack.server().connections().size()).isZero();
    }

    @Test
    void pipelinedTransactionsAreAnsweredInOrder() throws Exception {
        stack = RealStack.start(dir, b -> b.filterPolicy(FilterPolicy.defaults().withOnFail(FilterAction.REJECT)));
        try (RealStack.Client client = stack.connect()) {
            client.hello();
            String pass1 = nextId();
            String fail = nextId();
            String pass2 = nextId();
            // Three whole transactions and a NOOP in one write; each DATA is followed by the next MAIL, which does
            // not tear the check down, so every reply is decided by its own verdict.
            client.send(envelope(PASS) + message(PASS, pass1) + ".\r\n"
                    + envelope(FAIL) + message(FAIL, fail) + ".\r\n"
                    + envelope(TEMPERROR) + message(TEMPERROR, nextId()) + ".\r\n"
                    + envelope(PASS) + message(PASS, pass2) + ".\r\n"
                    + "NOOP\r\n");
            expectEnvelopeReplies(client);
            expect250(client.reply(), pass1);
            expectEnvelopeReplies(client);
            assertThat(client.reply()).startsWith("550 5.7.1 ");
            expectEnvelopeReplies(client);
            assertThat(client.reply()).startsWith("451 4.4.3 ");
            expectEnvelopeReplies(client);
            expect250(client.reply(), pass2);
            assertThat(client.reply()).as("NOOP").startsWith("250 ");

            // A final dot with RSET and QUIT behind it in one write: the watcher sees the RSET while the check is in
            // flight and may tear it down (451 4.3.0); either way the replies stay in order.
            String last = nextId();
            client.send(envelope(SLOW) + message(SLOW, last) + ".\r\nRSET\r\nQUIT\r\n");
            expectEnvelopeReplies(client);
            String reply = client.reply();
            assertThat(reply).matches("(250 2\\.6\\.0|451 4\\.3\\.0) .*");
            if (reply.startsWith("250")) {
                expect250(reply, last);
            }
            assertThat(client.reply()).as("RSET").startsWith("250 ");
            assertThat(client.reply()).as("QUIT").startsWith("221 ");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void garbageGetsAnErrorOrACloseAndBinaryBodiesAreStoredByteForByte() throws Exception {
        stack = RealStack.start(dir);
        Random random = new Random(905214);
        byte[] garbage = new byte[600];
        random.nextBytes(garbage);

        try (RealStack.Client client = stack.connect()) {
            client.send(garbage).send("\r\n"); // before even reading the greeting
            assertThat(client.reply()).as("greeting").startsWith("220 ");
            assertErrorOrClosed(client.reply());
        }
        try (RealStack.Client client = stack.connect()) {
            client.hello();
            client.send(garbage).send("\r\n");
            assertErrorOrClosed(client.reply());
        }
        try (RealStack.Client client = stack.connect()) {
            client.hello();
            client.send(new byte[] {'M', 'A', 'I', 'L', ' ', 0, 0, 0, '\r', '\n'});
            assertErrorOrClosed(client.reply());
        }
        // Eight-bit garbage in the body, in lines that neither end DATA nor need dot-stuffing.
        String id = nextId();
        StringBuilder body = new StringBuilder();
        for (int line = 0; line < 50; line++) {
            body.append('x');
            for (int i = 0; i < 70; i++) {
                int b = random.nextInt(256);
                body.append(b == '\r' || b == '\n' ? '?' : (char) b);
            }
            body.append("\r\n");
        }
        String data = message(PASS, id) + body;
        try (RealStack.Client client = stack.connect()) {
            client.hello();
            String reply = client.transaction(PASS, data);
            expect250(reply, id);
            // The stamp is prepended; the rest is the message as received after dot-unstuffing.
            assertThat(stack.storedFor(reply)).endsWith(data.replace("\r\n..", "\r\n."));
        }
        sendOneGoodMessage();
    }

    @Test
    void overLongLinesGetTheirErrorAndTheSessionOrTheNextClientGoesOn() throws Exception {
        stack = RealStack.start(dir);
        try (RealStack.Client client = stack.connect()) {
            client.hello();
            assertErrorOrClosed(client.command("NOOP " + "a".repeat(20_000)));
        }
        try (RealStack.Client client = stack.connect()) {
            client.hello();
            client.send(envelope(PASS));
            expectEnvelopeReplies(client);
            // RFC 5321 4.5.3.1.6 allows 998 octets; the whole message is read before the refusal.
            client.send("X-Long: " + "h".repeat(5_000) + "\r\n" + message(PASS, nextId()) + ".\r\n");
            assertThat(client.reply()).startsWith("500 5.5.2 ");
            assertThat(client.command("NOOP")).startsWith("250 ");
        }
        try (RealStack.Client client = stack.connect()) {
            client.hello();
            // Body lines are not limited by the engine: a 100 000-octet body line is stored, or refused; never lost.
            String id = nextId();
            String reply = client.transaction(PASS, message(PASS, id) + "b".repeat(100_000) + "\r\n");
            if (reply != null && reply.startsWith("250")) {
                expect250(reply, id);
            } else {
                assertErrorOrClosed(reply);
            }
        }
        sendOneGoodMessage();
    }

    @Test
    void headerBombsAreRefusedBeforeAnyDnsQueryAndTheSessionGoesOn() throws Exception {
        stack = RealStack.start(dir);
        try (RealStack.Client client = stack.connect()) {
            client.hello();

            StringBuilder manyFields = new StringBuilder();
            for (int i = 0; i < 5_000; i++) {
                manyFields.append("X-Bomb-").append(i).append(": value\r\n");
            }
            client.send(envelope(PASS));
            expectEnvelopeReplies(client);
            client.send(manyFields + message(PASS, nextId()) + ".\r\n");
            assertThat(client.reply()).startsWith("552 5.3.4 Too many header fields");

            client.send(envelope(PASS));
            expectEnvelopeReplies(client);
            client.send("X-Huge: " + "h".repeat(1024 * 1024) + "\r\n" + message(PASS, nextId()) + ".\r\n");
            assertThat(client.reply()).startsWith("500 5.5.2 Line too long");

            // One field folded over 2 MiB of short lines: every line is legal, the section is not.
            StringBuilder folded = new StringBuilder("X-Folded: start\r\n");
            while (folded.length() < 2 * 1024 * 1024) {
                folded.append(" ").append("f".repeat(70)).append("\r\n");
            }
            client.send(envelope(PASS));
            expectEnvelopeReplies(client);
            client.send(folded + message(PASS, nextId()) + ".\r\n");
            assertThat(client.reply()).startsWith("552 5.3.4 Header section too large");

            assertThat(client.command("NOOP")).startsWith("250 ");
            assertThat(client.command("QUIT")).startsWith("221 ");
        }
        assertThat(stack.dns().queriesReceived())
                .as("DNS queries for refused messages")
                .isZero();
        assertThat(counts().overLimit()).isEqualTo(3);
        sendOneGoodMessage();
    }

    @Test
    void threadsReturnToTheBaselineWhenTheServerIsClosed() throws Exception {
        List<String> baseline = RealStack.engineThreadNames();
        stack = RealStack.start(dir);
        stack.delayAnswers(SLOW, SLOW_ANSWER);
        List<RealStack.Client> open = new ArrayList<>();
        try {
            // Several clients at once, in every state: idle after EHLO, mid-DATA, waiting for a slow verdict.
            for (int i = 0; i < 4; i++) {
                RealStack.Client idle = stack.connect();
                open.add(idle);
                idle.hello();
                RealStack.Client midData = stack.connect();
                open.add(midData);
                midData.hello();
                midData.send(envelope(PASS) + "From: alice@" + PASS + "\r\n");
                RealStack.Client waiting = stack.connect();
                open.add(waiting);
                waiting.hello();
                waiting.send(envelope(SLOW) + message(SLOW, nextId()) + ".\r\n");
            }
            assertThat(RealStack.engineThreadNames())
                    .as("threads while clients are connected")
                    .hasSizeGreaterThan(baseline.size())
                    .anyMatch(ThreadRole.WATCHER::names);
        } finally {
            for (RealStack.Client client : open) {
                client.close();
            }
        }
        await("watchers to end while the server runs")
                .atMost(RealStack.WAIT)
                .until(() -> RealStack.watcherThreads() == 0);

        stack.close();

        await("threads back to the baseline")
                .atMost(RealStack.WAIT)
                .untilAsserted(() -> assertThat(RealStack.engineThreadNames()).isEqualTo(baseline));
        assertThat(stack.server().isAbandoned()).isFalse();
    }

    /** The protocol steps after which a client leaves. */
    private enum Step {
        AFTER_CONNECT,
        AFTER_GREETING,
        AFTER_EHLO,
        AFTER_MAIL,
        AFTER_RCPT,
        AFTER_DATA,
        MID_DATA,
        AFTER_FINAL_DOT
    }

    /** Takes {@code client} through the conversation up to {@code step}, reading every reply the step asks for. */
    private void walkTo(Step step, RealStack.Client client, String domain) throws IOException {
        if (step == Step.AFTER_CONNECT) {
            return;
        }
        assertThat(client.reply()).startsWith("220 ");
        if (step == Step.AFTER_GREETING) {
            return;
        }
        client.send("EHLO client.test\r\n");
        assertThat(client.reply()).startsWith("250 ");
        if (step == Step.AFTER_EHLO) {
            return;
        }
        assertThat(client.command("MAIL FROM:<alice@" + domain + ">")).startsWith("250 ");
        if (step == Step.AFTER_MAIL) {
            return;
        }
        assertThat(client.command("RCPT TO:<bob@example.net>")).startsWith("250 ");
        if (step == Step.AFTER_RCPT) {
            return;
        }
        assertThat(client.command("DATA")).startsWith("354 ");
        if (step == Step.AFTER_DATA) {
            return;
        }
        String id = nextId();
        String data = message(domain, id);
        if (step == Step.MID_DATA) {
            client.send(data.substring(0, data.length() / 2));
            return;
        }
        client.send(data + ".\r\n");
    }

    /** MAIL, RCPT and DATA of a pipelined envelope were accepted. */
    private static void expectEnvelopeReplies(RealStack.Client client) throws IOException {
        assertThat(client.reply()).as("MAIL").startsWith("250 ");
        assertThat(client.reply()).as("RCPT").startsWith("250 ");
        assertThat(client.reply()).as("DATA").startsWith("354 ");
    }

    /** A 250 to DATA: the message with Message-ID {@code id} is the stored one it names. */
    private void expect250(String reply, String id) throws IOException {
        assertThat(reply).startsWith("250 2.6.0 ");
        assertThat(RealStack.messageIdOf(stack.storedFor(reply))).isEqualTo(id);
        answered250.add(id);
    }

    /** A refusal (a 5xx reply) or a closed connection (null). */
    private static void assertErrorOrClosed(String reply) {
        assertThat(reply == null || reply.startsWith("5")).as("reply %s", reply).isTrue();
    }

    /** The server still serves a well-behaved client. */
    private void sendOneGoodMessage() throws IOException {
        try (RealStack.Client client = stack.connect()) {
            client.hello();
            String id = nextId();
            expect250(client.transaction(PASS, message(PASS, id)), id);
            assertThat(client.command("QUIT")).startsWith("221 ");
        }
    }

    private EngineCounters.Snapshot counts() {
        return stack.server().counters().snapshot();
    }

    /** A fresh Message-ID, remembered among those the store may hold. */
    private String nextId() {
        ids++;
        String id = "<" + ids + "@bad-input.test>";
        knownIds.add(id);
        return id;
    }
}
