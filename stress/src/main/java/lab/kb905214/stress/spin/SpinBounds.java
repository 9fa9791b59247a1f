package lab.kb905214.stress.spin;

import java.util.List;
import java.util.Locale;

/**
 * How much of the engine a model run contains: connections, and transactions per connection.
 *
 * @param sessions SMTP connections, each with its session thread and watcher (1..3)
 * @param transactions transactions per connection (1..2)
 */
public record SpinBounds(int sessions, int transactions) {

    /** The largest bounds the models are written for (the completion thread picks among at most 6 checks). */
    public static final int MAX_SESSIONS = 3;
    /** The most transactions per connection the models are written for. */
    public static final int MAX_TRANSACTIONS = 2;

    /** Checks the bounds against what the models support. */
    public SpinBounds {
        if (sessions < 1 || sessions > MAX_SESSIONS || transactions < 1 || transactions > MAX_TRANSACTIONS) {
            throw new IllegalArgumentException("bounds must be 1.." + MAX_SESSIONS + " sessions x 1.."
                    + MAX_TRANSACTIONS + " transactions, got " + sessions + "x" + transactions);
        }
    }

    /** Parses {@code <sessions>x<transactions>}, e.g. {@code 3x2}. */
    public static SpinBounds parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("x", -1);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException("bounds must read <sessions>x<transactions>, e.g. 2x1: '" + text + "'");
        }
        return new SpinBounds(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
    }

    /** The preprocessor definitions that give a model these bounds. */
    public List<String> defines() {
        return List.of("-DSESSIONS=" + sessions, "-DTX=" + transactions);
    }

    @Override
    public String toString() {
        return sessions + "x" + transactions;
    }
}
