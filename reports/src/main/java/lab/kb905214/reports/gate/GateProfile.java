package lab.kb905214.reports.gate;

import java.util.Locale;

/**
 * Which build the gate judges: the default CI build, or the long {@code -Pstress} build that requires every harness.
 */
public enum GateProfile {
    /** {@code mvn verify}: only the deterministic harnesses (schedule, Lincheck) must reproduce the bug. */
    DEFAULT,
    /** {@code mvn verify -Pstress}: every harness must reproduce it (their budgets make a miss negligible). */
    STRESS;

    /** The profile's name as written on the command line ("default", "stress"). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The profile with that name (case-insensitive); a blank name is the default. */
    public static GateProfile named(String name) {
        if (name == null || name.isBlank()) {
            return DEFAULT;
        }
        for (GateProfile profile : values()) {
            if (profile.id().equalsIgnoreCase(name.trim())) {
                return profile;
            }
        }
        throw new IllegalArgumentException("unknown gate profile '" + name + "' (expected default or stress)");
    }

    /** Whether this profile includes everything {@code other} requires. */
    public boolean includes(GateProfile other) {
        return compareTo(other) >= 0;
    }
}
