package lab.kb905214.senderid.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;

/**
 * An asynchronous DNS client over dnsjava's {@code sendAsync}, with its own executor and a hard per-query timeout.
 *
 * <p>Answers never arrive on dnsjava's NIO selector thread (one per JVM; blocking it stops DNS for everyone) nor on
 * the common pool: every callback runs on this client's executor. dnsjava retries over TCP by itself when a UDP
 * answer comes back truncated. The hard timeout is enforced here as well, because dnsjava's own timeout fires only
 * when its selector wakes up (once a second by default).
 */
public final class DnsClient implements AutoCloseable {
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final Resolver resolver;
    private final Duration timeout;
    private final ExecutorService executor;
    private final AtomicLong queriesSent = new AtomicLong();

    private DnsClient(Resolver resolver, Duration timeout, int threads) {
        this.resolver = resolver;
        this.resolver.setTimeout(timeout);
        this.timeout = timeout;
        this.executor = Executors.newFixedThreadPool(threads, daemonThreads("dns-client-" + CLIENTS.incrementAndGet()));
    }

    /** A client that asks {@code server} (e.g. the embedded server) and gives up on a query after {@code timeout}. */
    public static DnsClient create(InetSocketAddress server, Duration timeout) {
        return new DnsClient(new SimpleResolver(server), timeout, 2);
    }

    /**
     * A client over any dnsjava {@code resolver}, e.g. one that answers from memory so a benchmark measures the
     * evaluator and not the network; everything else (executor, timeout, answer mapping) is as {@link #create}.
     */
    public static DnsClient create(Resolver resolver, Duration timeout) {
        return new DnsClient(resolver, timeout, 2);
    }

    /** The per-query timeout. */
    public Duration timeout() {
        return timeout;
    }

    /** Queries sent so far (each retry over TCP counts once, as dnsjava hides it). */
    public long queriesSent() {
        return queriesSent.get();
    }

    /**
     * Asks for {@code type} records of {@code name}; the future completes normally, on this client's executor, with
     * an answer or a TIMEOUT/SERVER_FAILURE status. Only after {@link #close()} does it complete exceptionally.
     */
    public CompletableFuture<DnsAnswer> query(Name name, int type) {
        Message question = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        queriesSent.incrementAndGet();
        CompletableFuture<Message> reply;
        try {
            reply = resolver.sendAsync(question, executor).toCompletableFuture();
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        return reply
                .orTimeout(timeout.toMillis() + 50, TimeUnit.MILLISECONDS)
                // orTimeout completes on the JDK's delayer thread: hop back to our executor before going on.
                .handleAsync((message, failure) -> failure != null
                        ? failed(name, type, failure)
                        : answer(name, type, message), executor);
    }

    private static DnsAnswer failed(Name name, int type, Throwable failure) {
        boolean timedOut = failure instanceof java.util.concurrent.TimeoutException
                || failure.getCause() instanceof java.util.concurrent.TimeoutException
                || failure instanceof java.net.SocketTimeoutException
                || failure.getCause() instanceof java.net.SocketTimeoutException
                || String.valueOf(failure.getMessage()).toLowerCase().contains("timed out");
        return new DnsAnswer(name, type, timedOut ? DnsAnswer.Status.TIMEOUT : DnsAnswer.Status.SERVER_FAILURE, List.of());
    }

    static DnsAnswer answer(Name name, int type, Message message) {
        int rcode = message.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return new DnsAnswer(name, type, DnsAnswer.Status.NXDOMAIN, List.of());
        }
        if (rcode != Rcode.NOERROR) {
            return new DnsAnswer(name, type, DnsAnswer.Status.SERVER_FAILURE, List.of());
        }
        List<Record> records = recordsOfType(message, name, type);
        return new DnsAnswer(name, type, records.isEmpty() ? DnsAnswer.Status.NODATA : DnsAnswer.Status.ANSWERS, records);
    }

    // Follows the CNAME chain inside the answer section, so "a:alias.example" sees the target's addresses.
    private static List<Record> recordsOfType(Message message, Name name, int type) {
        List<Record> answers = message.getSection(Section.ANSWER);
        Name current = name;
        for (int hops = 0; hops <= answers.size(); hops++) {
            List<Record> found = new ArrayList<>();
            Name alias = null;
            for (Record r : answers) {
                if (!r.getName().equals(current)) {
                    continue;
                }
                if (r.getType() == type) {
                    found.add(r);
                } else if (r instanceof CNAMERecord cname) {
                    alias = cname.getTarget();
                }
            }
            if (!found.isEmpty() || alias == null) {
                return found;
            }
            current = alias;
        }
        return List.of();
    }

    /** Stops the executor; queries still in flight complete on nobody's thread and are dropped. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
