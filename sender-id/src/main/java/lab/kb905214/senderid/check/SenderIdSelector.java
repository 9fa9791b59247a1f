package lab.kb905214.senderid.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lab.kb905214.senderid.spf.RecordSelector;

/**
 * RFC 4406 §3.4/§4.4 record selection for one scope, as SPEC-notes.md reads it.
 *
 * <p>If the domain publishes any {@code spf2.0} record, every {@code v=spf1} record is ignored; otherwise a
 * {@code v=spf1} record stands for {@code spf2.0/mfrom,pra}. Of the records left, those whose scope list names the
 * scope apply: one is evaluated, several are a PermError, none is None. (Mail::SPF filters by scope first, and would
 * evaluate {@code v=spf1} for pra where only {@code spf2.0/mfrom} exists; the RFC's order is followed here.)
 * Only TXT records are read: no domain publishes the obsolete SPF (99) type today.
 */
public final class SenderIdSelector implements RecordSelector {
    private final String scope;
    private final boolean nxDomainIsFail;

    private SenderIdSelector(String scope, boolean nxDomainIsFail) {
        this.scope = scope;
        this.nxDomainIsFail = nxDomainIsFail;
    }

    /** The selector for the mfrom scope. */
    public static SenderIdSelector mfrom() {
        return new SenderIdSelector("mfrom", false);
    }

    /** The selector for the pra scope, where a PRA domain that does not exist is a Fail (RFC 4406 §4.2). */
    public static SenderIdSelector pra() {
        return new SenderIdSelector("pra", true);
    }

    @Override
    public boolean nxDomainIsFail() {
        return nxDomainIsFail;
    }

    @Override
    public Selection select(List<String> txtRecords) {
        List<String[]> senderId = new ArrayList<>(); // {record, terms} pairs of spf2.0 records naming the scope
        boolean anySenderId = false;
        List<String> spf1 = new ArrayList<>();
        for (String txt : txtRecords) {
            String lower = txt.toLowerCase(Locale.ROOT);
            if (lower.startsWith("spf2.0/")) {
                anySenderId = true;
                int space = txt.indexOf(' ');
                String tag = space < 0 ? txt : txt.substring(0, space);
                String terms = space < 0 ? "" : txt.substring(space);
                if (namesScope(tag.substring("spf2.0/".length()))) {
                    senderId.add(new String[] {txt, terms});
                }
            } else if (lower.equals("v=spf1") || lower.startsWith("v=spf1 ")) {
                spf1.add(txt);
            }
        }
        if (anySenderId) {
            if (senderId.size() > 1) {
                return new Ambiguous("more than one spf2.0 record for the " + scope + " scope");
            }
            return senderId.isEmpty() ? new NoRecord() : new Found(senderId.get(0)[0], senderId.get(0)[1]);
        }
        if (spf1.size() > 1) {
            return new Ambiguous("more than one v=spf1 record");
        }
        return spf1.isEmpty()
                ? new NoRecord()
                : new Found(spf1.get(0), spf1.get(0).substring("v=spf1".length()));
    }

    private boolean namesScope(String scopes) {
        for (String s : scopes.split(",", -1)) {
            if (s.trim().equalsIgnoreCase(scope)) {
                return true;
            }
        }
        return false;
    }
}
