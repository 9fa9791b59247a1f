package lab.kb905214.engine.failpoint;

/**
 * The failpoints of one engine instance: free when off (one volatile read), and when a {@link Schedule} is armed,
 * each step is recorded and may pause its thread until the schedule releases it.
 */
public final class Failpoints {
    private volatile Schedule armed;

    /** Failpoints that are off; arm them with {@link #arm(Schedule)}. */
    public Failpoints() {}

    /** Marks that the current thread reached {@code step}; pauses it if the armed schedule says so. */
    public void reach(Step step) {
        Schedule schedule = armed;
        if (schedule != null) {
            schedule.arrive(step);
        }
    }

    /** Arms {@code schedule}: from now on every step is reported to it. */
    public void arm(Schedule schedule) {
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
}
