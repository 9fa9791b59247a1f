package lab.kb905214.results;

/** The counters of {@code explore-<engine>-<tree>.json}, besides {@link Counters#EXHAUSTIVE}. */
public final class ExploreCounters {
    private ExploreCounters() {}

    /** Leaves per ending: see {@link Endings}. */
    public static final Field<Object> ENDINGS = Field.tree("endings");
    /**
     * Leaves whose session, past its look for a verdict, had still not answered once the RSET's teardown returned
     * (only a leaf with a next transaction, in the STALE tree, can count): none on engine-fixed.
     */
    public static final Field<Long> WAITED_PAST_THE_TEARDOWN = Field.whole("waitedPastTheTeardown");
    /** One row per leaf: see {@link Leaf}. */
    public static final Field<Object> LEAVES = Field.tree("leaves");

    /** The leaf counts of {@link #ENDINGS}, one per way a leaf can end. */
    public static final class Endings {
        private Endings() {}

        /** Every thread finished, with the right reply and stored count. */
        public static final Field<Long> COMPLETED = Field.whole("completed");
        /** Every thread finished, with a wrong reply or stored count. */
        public static final Field<Long> WRONG_RESULT = Field.whole("wrong-result");
        /** Threads blocked on each other's monitors. */
        public static final Field<Long> LOCK_CYCLE = Field.whole("lock-cycle");
        /** A session waiting for a verdict nobody will post. */
        public static final Field<Long> WAITER_NEVER_WAKES = Field.whole("waiter-never-wakes");
        /** An order the engine could not be driven into. */
        public static final Field<Long> NOT_EXERCISED = Field.whole("not-exercised");
    }

    /** The fields of one row of {@link #LEAVES}. */
    public static final class Leaf {
        private Leaf() {}

        /** The steps released, in order, comma-separated. */
        public static final Field<String> ORDER = Field.text("order");
        /** How the leaf ended (an {@link Endings} name, upper case with underscores). */
        public static final Field<String> ENDING = Field.text("ending");
        /** Messages stored by the leaf's run. */
        public static final Field<Long> STORED = Field.whole("stored");
    }

    /** The fields of the explorer's {@link Counters#ASSUMPTIONS}. */
    public static final class Assumptions {
        private Assumptions() {}

        /** Per step, the monitors some thread held there. */
        public static final Field<Object> MONITORS_HELD_AT_FAILPOINTS = Field.tree("monitorsHeldAtFailpoints");
        /** Whether no thread held a monitor at any failpoint of any leaf. */
        public static final Field<Boolean> NO_MONITOR_AT_ANY_FAILPOINT = Field.flag("noMonitorAtAnyFailpoint");
    }
}
