package lab.kb905214.results;

import java.util.List;

/** The fields of a results file's {@code provenance}: which build, commit, machine and shard wrote it. */
public final class ProvenanceFields {
    private ProvenanceFields() {}

    /** A fresh id per harness run. */
    public static final Field<String> RUN_ID = Field.text("runId");
    /** The Maven invocation that ran the harness (outside Maven, the JVM's own id). */
    public static final Field<String> BUILD_ID = Field.text("buildId");
    /** The commit, with "+dirty" when tracked files had changes, or "unknown". */
    public static final Field<String> COMMIT = Field.text("commit");
    /** The JDK's version. */
    public static final Field<String> JDK = Field.text("jdk");
    /** Available processors. */
    public static final Field<Long> CORES = Field.whole("cores");
    /** ISO-8601 instant the run started. */
    public static final Field<String> STARTED_AT = Field.text("startedAt");
    /** The Maven profile whose budgets ran: default or stress (absent outside Maven). */
    public static final Field<String> PROFILE = Field.text("profile");
    /** The shard of the stress work, "K/N" (absent when the build ran all of it). */
    public static final Field<String> SHARD = Field.text("shard");

    /** Every provenance field, in the order the files write them. */
    public static final List<Field<?>> ALL = List.of(RUN_ID, BUILD_ID, COMMIT, JDK, CORES, STARTED_AT, PROFILE, SHARD);
}
