package lab.kb905214.results;

import java.util.List;

/** The counters of {@code mutants/<harness>-mutant-M<n>-kill.json}: one harness's verdict on one mutant. */
public final class MutantCounters {
    private MutantCounters() {}

    /**
     * Every value {@link #MUTANT} takes: the mutants the lab defines, the control first, in the order of the stress
     * module's {@code Mutant} enum (its {@code MutantPatchesTest} fails when the two differ).
     */
    public static final List<String> DEFINED =
            List.of("M0", "M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "M9", "M10", "M11", "M12", "M13", "M14");

    /** The mutant's id, M0 to M<n>. */
    public static final Field<String> MUTANT = Field.text("mutant");
    /** Its short name. */
    public static final Field<String> TITLE = Field.text("title");
    /** The mistake it makes. */
    public static final Field<String> CHANGE = Field.text("change");
    /** What the harness saw that no correct coordinator does, or null when the mutant survived. */
    public static final Field<String> KILLED_BY = Field.text("killedBy");
    /** Seconds from the harness's start on this mutant to the kill. */
    public static final Field<Double> SECONDS_TO_KILL = Field.decimal("secondsToKill");
    /** Why the harness cannot judge this mutant at all ("n/a"), when it cannot. */
    public static final Field<String> NOT_APPLICABLE = Field.text("notApplicable");
    /** The build's time limit cut the run short, without a hang: neither a kill nor a survival. */
    public static final Field<String> TIME_LIMIT = Field.text("timeLimit");
}
