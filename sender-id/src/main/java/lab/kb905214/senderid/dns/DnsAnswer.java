package lab.kb905214.senderid.dns;

import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * One DNS answer as RFC 7208 reads it: records, a void answer (NXDOMAIN or NODATA), or an error.
 *
 * @param name the name asked for
 * @param type the record type asked for
 * @param status how the query ended
 * @param records the answer's records of the asked type (CNAMEs followed), empty unless {@code status} is ANSWERS
 */
public record DnsAnswer(Name name, int type, Status status, List<Record> records) {

    /** How a query ended. */
    public enum Status {
        /** NOERROR with at least one record of the type asked. */
        ANSWERS,
        /** NOERROR without a record of the type asked: a void lookup (RFC 7208 §4.6.4). */
        NODATA,
        /** The name does not exist: a void lookup. */
        NXDOMAIN,
        /** No answer within the timeout: TempError. */
        TIMEOUT,
        /** SERVFAIL or another error rcode, or a network error: TempError. */
        SERVER_FAILURE
    }

    public DnsAnswer {
        records = List.copyOf(records);
    }

    /** True for NXDOMAIN and NODATA, the answers RFC 7208 §4.6.4 counts as void lookups. */
    public boolean isVoid() {
        return status == Status.NXDOMAIN || status == Status.NODATA;
    }

    /** True when the lookup failed (timeout or server failure): RFC 7208 makes that a TempError. */
    public boolean isError() {
        return status == Status.TIMEOUT || status == Status.SERVER_FAILURE;
    }

    /** The query as a person reads it, e.g. {@code "TXT example.com -> 2 records"}. */
    public String describe() {
        String outcome = switch (status) {
            case ANSWERS -> records.size() + (records.size() == 1 ? " record" : " records");
            case NODATA -> "no data";
            case NXDOMAIN -> "NXDOMAIN";
            case TIMEOUT -> "timeout";
            case SERVER_FAILURE -> "server failure";
        };
        return Type.string(type) + " " + name + " -> " + outcome;
    }
}
