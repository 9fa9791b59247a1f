package lab.kb905214.senderid.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TSIG;

/**
 * A resolver that passes every query to a real one (e.g. a SimpleResolver asking NSD) and remembers each question
 * and how many replies came back, so a test can tell which names and types a case asked for.
 */
final class RecordingResolver implements Resolver {
    /** One question sent. */
    record Question(Name name, int type) {}

    private final Resolver delegate;
    private final List<Question> questions = new ArrayList<>();
    private final AtomicLong replies = new AtomicLong();

    RecordingResolver(Resolver delegate) {
        this.delegate = delegate;
    }

    /** How many questions were sent so far; a mark for {@link #questionsSince}. */
    int questionCount() {
        synchronized (questions) {
            return questions.size();
        }
    }

    /** The questions sent after {@code mark}, in the order they were sent. */
    List<Question> questionsSince(int mark) {
        synchronized (questions) {
            return List.copyOf(questions.subList(mark, questions.size()));
        }
    }

    /** Replies received (of any rcode). */
    long replies() {
        return replies.get();
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query) {
        remember(query);
        return delegate.sendAsync(query).whenComplete((reply, failure) -> counted(reply));
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query, Executor executor) {
        remember(query);
        return delegate.sendAsync(query, executor).whenComplete((reply, failure) -> counted(reply));
    }

    private void remember(Message query) {
        synchronized (questions) {
            questions.add(new Question(
                    query.getQuestion().getName(), query.getQuestion().getType()));
        }
    }

    private void counted(Message reply) {
        if (reply != null) {
            replies.incrementAndGet();
        }
    }

    @Override
    public void setPort(int port) {
        delegate.setPort(port);
    }

    @Override
    public void setTCP(boolean flag) {
        delegate.setTCP(flag);
    }

    @Override
    public void setIgnoreTruncation(boolean flag) {
        delegate.setIgnoreTruncation(flag);
    }

    @Override
    public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
        delegate.setEDNS(version, payloadSize, flags, options);
    }

    @Override
    public void setTSIGKey(TSIG key) {
        delegate.setTSIGKey(key);
    }

    @Override
    public void setTimeout(Duration timeout) {
        delegate.setTimeout(timeout);
    }

    @Override
    public Duration getTimeout() {
        return delegate.getTimeout();
    }
}
