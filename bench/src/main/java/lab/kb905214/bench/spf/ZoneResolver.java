package lab.kb905214.bench.spf;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import lab.kb905214.senderid.dns.server.Zone;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/**
 * A dnsjava {@link Resolver} that answers from a {@link Zone} in memory, without sockets, as the embedded DNS server
 * would (CNAMEs followed inside the zone, NXDOMAIN vs NODATA, rcodes); a name that times out in the zone fails at
 * once with a {@link SocketTimeoutException} instead of after a wait, so the benchmark measures CPU, not waiting.
 * Both evaluators read the same zone through it: the lab's through its DnsClient, jSPF through DNSServiceXBillImpl.
 */
public final class ZoneResolver implements Resolver {
    /** Same limit as the embedded server's, for the same reason: a CNAME loop ends the answer. */
    private static final int MAX_CNAME_HOPS = 8;

    private final Zone zone;
    private final LongAdder queries = new LongAdder();
    private volatile Duration timeout = Duration.ofSeconds(5);

    /** A resolver over {@code zone}. */
    public ZoneResolver(Zone zone) {
        this.zone = zone;
    }

    /** Queries answered or timed out so far. */
    public long queries() {
        return queries.sum();
    }

    @Override
    public Message send(Message query) throws IOException {
        queries.increment();
        Record question = query.getQuestion();
        if (zone.timesOut(question.getName(), question.getType())) {
            throw new SocketTimeoutException("zone data says " + question.getName() + " times out");
        }
        return answer(query);
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query) {
        try {
            return CompletableFuture.completedFuture(send(query));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query, Executor executor) {
        // Answered on the caller's thread: the client under test hops to its own executor itself (DnsClient does).
        return sendAsync(query);
    }

    private Message answer(Message query) {
        Header header = query.getHeader();
        Message reply = new Message(header.getID());
        reply.getHeader().setFlag(Flags.QR);
        reply.getHeader().setFlag(Flags.AA);
        if (header.getFlag(Flags.RD)) {
            reply.getHeader().setFlag(Flags.RD);
        }
        Record question = query.getQuestion();
        reply.addRecord(question, Section.QUESTION);
        OptionalInt rcode = zone.rcode(question.getName());
        if (rcode.isPresent()) {
            reply.getHeader().setRcode(rcode.getAsInt());
            return reply;
        }
        int type = question.getType();
        Name current = question.getName();
        Set<Name> visited = new HashSet<>();
        for (int hop = 0; hop <= MAX_CNAME_HOPS && visited.add(current); hop++) {
            List<Record> exact = zone.records(current, type);
            List<Record> cname = type == Type.CNAME || type == Type.ANY ? List.of() : zone.records(current, Type.CNAME);
            if (!exact.isEmpty() || cname.isEmpty()) {
                exact.forEach(r -> reply.addRecord(r, Section.ANSWER));
                if (exact.isEmpty() && !zone.exists(current)) {
                    reply.getHeader().setRcode(Rcode.NXDOMAIN);
                }
                return reply;
            }
            Record alias = cname.get(0);
            reply.addRecord(alias, Section.ANSWER);
            Name target = ((CNAMERecord) alias).getTarget();
            if (zone.timesOut(target, type) || zone.rcode(target).isPresent()) {
                return reply; // the client asks for the target itself and meets its fault there
            }
            current = target;
        }
        return reply;
    }

    @Override
    public void setPort(int port) {}

    @Override
    public void setTCP(boolean flag) {}

    @Override
    public void setIgnoreTruncation(boolean flag) {}

    @Override
    public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {}

    @Override
    public void setTSIGKey(TSIG key) {}

    @Override
    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Duration getTimeout() {
        return timeout;
    }
}
