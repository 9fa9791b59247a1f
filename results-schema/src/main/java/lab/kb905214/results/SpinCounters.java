package lab.kb905214.results;

import java.util.List;

/** The counters of {@code spin-<engine>-<scenario>.json}, besides {@link Counters#EXHAUSTIVE}: the search completed. */
public final class SpinCounters {
    private SpinCounters() {}

    /** What stopped the search short, as pan said it (empty when it completed). */
    public static final Field<List<String>> TRUNCATED_BY = Field.texts("truncatedBy");
    /** Sessions in the model. */
    public static final Field<Long> SESSIONS = Field.whole("sessions");
    /** Transactions per session in the model. */
    public static final Field<Long> TRANSACTIONS_PER_SESSION = Field.whole("transactionsPerSession");
    /** States pan stored. */
    public static final Field<Long> STATES_STORED = Field.whole("statesStored");
    /** Errors pan reported. */
    public static final Field<Long> ERRORS = Field.whole("errors");
    /** Trails spin replayed (one per error). */
    public static final Field<Long> TRAILS_REPLAYED = Field.whole("trailsReplayed");
    /** Trails ending in the registry/session lock cycle. */
    public static final Field<Long> LOCK_CYCLES = Field.whole("lockCycles");
    /** Trails ending with a waiter parked and nobody left to wake it. */
    public static final Field<Long> WAITERS_NEVER_WOKEN = Field.whole("waitersNeverWoken");
    /** Trails of any other error. */
    public static final Field<Long> OTHER_ERRORS = Field.whole("otherErrors");
    /** Each trail replayed on the real engine: see {@link TrailReplay}. */
    public static final Field<Object> TRAIL_REPLAYS = Field.tree("trailReplays");
    /** Trails that agree with the engine's ending on the same order. */
    public static final Field<Long> TRAILS_AGREEING = Field.whole("trailsAgreeing");
    /** Why the trails were not replayed on the engine (larger bounds), or null. */
    public static final Field<String> NOT_REPLAYABLE = Field.text("notReplayable");
    /** The model's end states at the explorer's granularity: see {@link FailpointLeaves}. */
    public static final Field<Object> FAILPOINT_LEAVES = Field.tree("failpointLeaves");
    /** The same for the explorer's tree with the client's moves (-DCLIENT_MOVES): see {@link FailpointLeaves}. */
    public static final Field<Object> FAILPOINT_LEAVES_CLIENT_MOVES = Field.tree("failpointLeavesWithClientMoves");
    /** The same for the explorer's STALE tree, two transactions (-DSTALE): see {@link FailpointLeaves}. */
    public static final Field<Object> FAILPOINT_LEAVES_STALE = Field.tree("failpointLeavesStale");

    /** What the model's sessions share, read from SPIN's parse of the model: see {@link SessionCoupling}. */
    public static final Field<Object> SESSION_COUPLING = Field.tree("sessionCoupling");

    /** The fields of {@link #SESSION_COUPLING}. */
    public static final class SessionCoupling {
        private SessionCoupling() {}

        /** Globals that belong to no one session and are not ghosts (engine-buggy's: the registry's monitor). */
        public static final Field<List<String>> SHARED_GLOBALS = Field.texts("sharedGlobals");
        /** Globals only ever counted up or down, which no statement reads (the liveness property may). */
        public static final Field<List<String>> GHOSTS = Field.texts("ghosts");
        /** Subscripts or assignments, with their process, that may reach another session's state. */
        public static final Field<List<String>> FOREIGN_ACCESSES = Field.texts("foreignAccesses");
    }

    /** The fields of one row of {@link #TRAIL_REPLAYS}. */
    public static final class TrailReplay {
        private TrailReplay() {}

        /** The trail's number, from 1. */
        public static final Field<Long> TRAIL = Field.whole("trail");
        /** The trail's labels (failpoint steps, the client's move) in the order SPIN printed them. */
        public static final Field<String> PRINTED = Field.text("printed");
        /** The same labels in the order the trail's threads acted on them, as {@code lab replay --order} takes it. */
        public static final Field<String> ORDER = Field.text("order");
        /** How the trail ends in SPIN. */
        public static final Field<String> SPIN_KIND = Field.text("spinKind");
        /** The order the engine actually ran. */
        public static final Field<String> ENGINE_ORDER = Field.text("engineOrder");
        /** How the engine's run ended. */
        public static final Field<String> ENGINE_ENDING = Field.text("engineEnding");
        /** Whether the engine ran exactly the trail's order. */
        public static final Field<Boolean> EXACT = Field.flag("exact");
        /** Whether the engine ran it exactly and ended alike. */
        public static final Field<Boolean> AGREE = Field.flag("agree");
        /** What the engine did with the order, when it did not run it exactly (empty when it did). */
        public static final Field<String> WHY = Field.text("why");
    }

    /** The fields of {@link #FAILPOINT_LEAVES}. */
    public static final class FailpointLeaves {
        private FailpointLeaves() {}

        /** Whether pan's search of the explorer-granularity model completed. */
        public static final Field<Boolean> SEARCH_COMPLETED = Field.flag("searchCompleted");
        /** Distinct end orders. */
        public static final Field<Long> LEAVES = Field.whole("leaves");
        /** Each end order with its ending: rows of {@link Order}. */
        public static final Field<Object> ORDERS = Field.tree("orders");
        /** Orders the model ends in more than one way (must be none). */
        public static final Field<Object> ORDERS_WITH_SEVERAL_ENDINGS = Field.tree("ordersWithSeveralEndings");
    }

    /** The fields of one row of {@link FailpointLeaves#ORDERS}. */
    public static final class Order {
        private Order() {}

        /** The steps, in order, as the explorer writes them. */
        public static final Field<String> ORDER = Field.text("order");
        /** The ending, as the explorer names it. */
        public static final Field<String> ENDING = Field.text("ending");
    }
}
