package lab.kb905214.senderid.dns;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The DNS queries of one check as text ({@link DnsAnswer#describe()}), immutable, each described only when first read:
 * most verdicts are never shown to a person, and describing every answer of every check was a tenth of its time.
 */
public final class DescribedAnswers extends AbstractList<String> implements RandomAccess {
    private final DnsAnswer[] answers;
    // Filled as read; a race only describes an answer twice, to equal strings.
    private final String[] described;

    /** The answers, in order, copied. */
    public DescribedAnswers(List<DnsAnswer> answers) {
        this.answers = answers.toArray(DnsAnswer[]::new);
        this.described = new String[this.answers.length];
    }

    /**
     * {@code queries} as an immutable list: itself when it already is a {@code DescribedAnswers}, otherwise a copy
     * (for the records that hold a check's queries).
     */
    public static List<String> immutable(List<String> queries) {
        return queries instanceof DescribedAnswers ? queries : List.copyOf(queries);
    }

    @Override
    public String get(int index) {
        String text = described[index];
        if (text == null) {
            text = answers[index].describe();
            described[index] = text;
        }
        return text;
    }

    @Override
    public int size() {
        return answers.length;
    }
}
