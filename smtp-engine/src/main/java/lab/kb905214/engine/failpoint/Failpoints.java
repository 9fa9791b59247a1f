package lab.kb905214.engine.failpoint;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The failpoints of one engine instance: free when off (one volatile read), and when a {@link Schedule} is armed,
 * each step is recorded and may pause its thread until the schedule releases it. What they record (armed at all,
 * and which steps were reached while armed) is what harnesses write into their results, never what they intended.
 */
public final class Failpoints {
    private volatile Schedule armed;
    private volatile boolean everArmed;
    private final Set<Step> reachedWhileArmed = ConcurrentHashMap.newKeySet();

    /** Failpoints that are off; arm them with {@link #arm(Schedule)}. */
    public Failpoints() {}

    /** Marks that the current thread reached {@code step}; pauses it if the armed schedule says so. */
    public void reach(Step step) {
        Schedule schedule = armed;
        if (schedule != null) {
            reachedWhileArmed.add(step);
            schedule.arrive(step);
        }
    }

    /** Arms {@code schedule}: from now on every step is reported to it. */
    public void arm(Schedule schedule) {
        everArmed = true;
        armed = schedule;
    }

    /** Turns the failpoints off; threads already paused stay paused until their schedule releases them. */
    public void disarm() {
        armed = null;
    }

    /** Whether a schedule is armed. */
    public boolean isArmed() {
        return armed != null;
    }

    /** Whether a schedule was ever armed on these failpoints (it may have been disarmed since). */
    public boolean wereArmed() {
        return everArmed;
    }

    /** The steps some thread reached while a schedule was armed, in the steps' declared order. */
    public List<Step> stepsReached() {
        Set<Step> reached = EnumSet.noneOf(Step.class);
        reached.addAll(reachedWhileArmed);
        return List.copyOf(reached);
    }
}
