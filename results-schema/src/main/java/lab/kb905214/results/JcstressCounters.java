package lab.kb905214.results;

import java.util.List;

/**
 * The counters of {@code jcstress-<engine>-<scenario>.json}, besides {@link Counters#DETECTION_RATE} and
 * {@link Counters#PLAN} (here a sentence: the budget and the plan JCStress was given).
 */
public final class JcstressCounters {
    private JcstressCounters() {}

    /** Samples with an outcome the test grades forbidden. */
    public static final Field<Long> FORBIDDEN_SAMPLES = Field.whole("forbiddenSamples");
    /** Samples whose actor never returned (JCStress's STALE): a waiter that never woke. */
    public static final Field<Long> STALE_SAMPLES = Field.whole("staleSamples");
    /** Forks that JCStress gave up on at its time limit. */
    public static final Field<Long> TIMED_OUT_FORKS = Field.whole("timedOutForks");
    /** Forks the lab's watchdog killed after dumping a lock cycle. */
    public static final Field<Long> WATCHDOG_DEADLOCK_KILLS = Field.whole("watchdogDeadlockKills");
    /** Forks the lab's watchdog killed idle, with no lock cycle. */
    public static final Field<Long> WATCHDOG_HUNG_KILLS = Field.whole("watchdogHungKills");
    /** The thread dumps the watchdog wrote. */
    public static final Field<List<String>> THREAD_DUMPS = Field.texts("threadDumps");
    /** Per test, outcome to samples. */
    public static final Field<Object> OUTCOMES = Field.tree("outcomes");
    /** The path of JCStress's own HTML report. */
    public static final Field<String> JCSTRESS_REPORT = Field.text("jcstressReport");
}
