package lab.kb905214.engine.failpoint;

import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Orders threads at failpoints: a thread reaching a paused step waits there until the driver releases the step.
 *
 * <p>A pause is a latch wait and nothing else (no sleep, no lock of its own), bounded by a safety limit so a
 * schedule that is never released cannot hang the build. Each arrival is captured with the monitors the thread held
 * at that moment, read from the JVM. The trace lists arrivals in the order the driver observed them, not the order
 * the threads raced to them, so the same script prints the same trace every run.
 */
public final class Schedule {

    /** One arrival at a step: which thread, which step, and the monitors it held (innermost first). */
    public record Arrival(int order, String thread, long threadId, Step step, List<String> monitorsHeld) {}

    private final Set<Step> paused;
    // Each arrival is held by a stop of its own, released once: a thread that comes back to a step (the same session's
    // next check) is held again, which a step's one latch would let through.
    private final boolean eachArrival;
    private final Duration safetyLimit;
    private final Map<Step, CountDownLatch> released = new EnumMap<>(Step.class);
    private final Map<Step, CountDownLatch> arrived = new EnumMap<>(Step.class);
    private final Map<Step, Arrival> firstArrivals = new ConcurrentHashMap<>();
    // Every thread that reached a step, for schedules of more than one session (the first is in firstArrivals too).
    private final Map<Step, List<Long>> arrivedThreads = new ConcurrentHashMap<>();
    private final List<Arrival> trace = new ArrayList<>();
    // eachArrival: every arrival at a step, in order, with its own latch.
    private final Map<Step, List<Stop>> stops = new ConcurrentHashMap<>();
    private volatile boolean abandoned;

    /** One arrival held at a step until the driver releases it. */
    private record Stop(Arrival arrival, CountDownLatch released) {}

    private Schedule(Set<Step> paused, boolean eachArrival, Duration safetyLimit) {
        this.paused = paused.isEmpty() ? EnumSet.noneOf(Step.class) : EnumSet.copyOf(paused);
        this.eachArrival = eachArrival;
        this.safetyLimit = safetyLimit;
        for (Step step : Step.values()) {
            released.put(step, new CountDownLatch(1));
            arrived.put(step, new CountDownLatch(1));
        }
    }

    /** A schedule that pauses every thread reaching one of {@code pausedSteps} until that step is released. */
    public static Schedule pausing(Set<Step> pausedSteps, Duration safetyLimit) {
        return new Schedule(pausedSteps, false, safetyLimit);
    }

    /**
     * A schedule in which every race window ({@link Step#isRaceWindow()}) is a gate: the driver releases the threads one
     * step at a time.
     */
    public static Schedule pausingEveryStep(Duration safetyLimit) {
        return new Schedule(Step.raceWindows(), false, safetyLimit);
    }

    /**
     * A schedule that holds every arrival at every race window, each until the driver releases that arrival: a thread
     * that reaches a step again (its session's next check) is held again, where the other schedules let it through.
     */
    public static Schedule pausingEachArrival(Duration safetyLimit) {
        return pausingEachArrivalAt(Step.raceWindows(), safetyLimit);
    }

    /** As {@link #pausingEachArrival}, at {@code steps} only (all of them, for a replay of several sessions). */
    public static Schedule pausingEachArrivalAt(Set<Step> steps, Duration safetyLimit) {
        return new Schedule(steps, true, safetyLimit);
    }

    void arrive(Step step) {
        Thread me = Thread.currentThread();
        Arrival arrival = new Arrival(0, me.getName(), me.getId(), step, monitorsHeldByCurrentThread());
        // A stop of its own is in place before the arrival can be seen: a driver that saw it and then releases the
        // step always finds the stop.
        Stop stop = null;
        if (eachArrival && paused.contains(step)) {
            stop = new Stop(arrival, new CountDownLatch(1));
            stops.computeIfAbsent(step, s -> new CopyOnWriteArrayList<>()).add(stop);
        }
        firstArrivals.putIfAbsent(step, arrival);
        arrivedThreads.computeIfAbsent(step, s -> new CopyOnWriteArrayList<>()).add(me.getId());
        arrived.get(step).countDown();
        if (stop != null) {
            // Added before abandoned is read: releaseAll either finds this stop or was called before the read.
            if (!abandoned) {
                await(stop.released());
            }
        } else if (paused.contains(step)) {
            await(released.get(step));
        }
    }

    private void await(CountDownLatch released) {
        try {
            // Bounded only as a safety net: a correct driver always releases what it paused.
            released.await(safetyLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last arrival at {@code step}, as it arrived, if any (the first, unless {@link #pausingEachArrival}). */
    public Optional<Arrival> latestArrival(Step step) {
        if (!eachArrival) {
            return firstArrival(step);
        }
        List<Stop> at = stops.getOrDefault(step, List.of());
        return at.isEmpty()
                ? Optional.empty()
                : Optional.of(at.get(at.size() - 1).arrival());
    }

    /** Every arrival at {@code step}, in the order they came (the first only, unless {@link #pausingEachArrival}). */
    public List<Arrival> arrivalsAt(Step step) {
        if (!eachArrival) {
            return firstArrival(step).stream().toList();
        }
        return stops.getOrDefault(step, List.of()).stream().map(Stop::arrival).toList();
    }

    /** Waits until a thread has reached {@code step} and adds that arrival to the trace; false if none did in time. */
    public boolean awaitArrival(Step step, Duration limit) throws InterruptedException {
        if (!arrived.get(step).await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        observed(step);
        return true;
    }

    /**
     * Waits until a thread reaches {@code next} (traced, true), or the thread that reached {@code from} can make no
     * progress — BLOCKED on a monitor or WAITING — (false). Throws if neither happens within {@code limit}.
     */
    public boolean awaitArrivalOrStuck(Step next, Step from, Duration limit) throws InterruptedException {
        Arrival start = firstArrivals.get(from);
        if (start == null) {
            throw new IllegalStateException("no thread reached " + from.id());
        }
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (arrived.get(next).await(1, TimeUnit.MILLISECONDS)) {
                observed(next);
                return true;
            }
            ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(start.threadId());
            Thread.State state = info == null ? Thread.State.TERMINATED : info.getThreadState();
            if (state == Thread.State.BLOCKED || state == Thread.State.WAITING || state == Thread.State.TERMINATED) {
                // Look once more: the thread may have reached the step just before it parked somewhere else.
                if (arrived.get(next).getCount() == 0) {
                    observed(next);
                    return true;
                }
                return false;
            }
        }
        throw new IllegalStateException("neither " + next.id() + " nor a stuck thread within " + limit);
    }

    /**
     * Waits until {@code count} threads have reached {@code step} (two sessions at one step, say), adding the first
     * arrival to the trace; false if fewer did within {@code limit}.
     */
    public boolean awaitArrivals(Step step, int count, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (threadsAt(step).size() < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(1); // observation only
        }
        observed(step);
        return true;
    }

    /**
     * Waits until every thread that reached {@code from} has gone on and parked (WAITING), so the driver's next step
     * overtakes none of them; false if one did not within {@code limit}.
     */
    public boolean awaitAllParked(Step from, Duration limit) throws InterruptedException {
        List<Long> threads = threadsAt(from);
        if (threads.isEmpty()) {
            throw new IllegalStateException("no thread reached " + from.id());
        }
        long deadline = System.nanoTime() + limit.toNanos();
        for (long id : threads) {
            while (!isWaiting(id)) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                TimeUnit.MILLISECONDS.sleep(1); // observation only
            }
        }
        return true;
    }

    private List<Long> threadsAt(Step step) {
        return arrivedThreads.getOrDefault(step, List.of());
    }

    private static boolean isWaiting(long threadId) {
        ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(threadId);
        return info != null && info.getThreadState() == Thread.State.WAITING;
    }

    private void observed(Step step) {
        Arrival first = firstArrivals.get(step);
        synchronized (trace) {
            if (trace.stream().noneMatch(a -> a.step() == step)) {
                trace.add(new Arrival(trace.size() + 1, first.thread(), first.threadId(), step, first.monitorsHeld()));
            }
        }
    }

    /** The first thread that reached {@code step}, as it arrived (not added to the trace), if one has. */
    public Optional<Arrival> firstArrival(Step step) {
        return Optional.ofNullable(firstArrivals.get(step));
    }

    /**
     * Whether {@code step} has been released (threads arriving there now go straight on); with {@link
     * #pausingEachArrival}, whether its latest arrival has.
     */
    public boolean isReleased(Step step) {
        if (eachArrival) {
            List<Stop> at = stops.getOrDefault(step, List.of());
            return !at.isEmpty() && at.get(at.size() - 1).released().getCount() == 0;
        }
        return released.get(step).getCount() == 0;
    }

    /**
     * Lets every thread paused (or later arriving) at {@code step} go on; with {@link #pausingEachArrival}, the threads
     * that have arrived there so far (a later arrival is held again).
     */
    public void release(Step step) {
        if (eachArrival) {
            stops.getOrDefault(step, List.of()).forEach(stop -> stop.released().countDown());
            return;
        }
        released.get(step).countDown();
    }

    /**
     * With {@link #pausingEachArrival}, lets exactly {@code arrival}'s thread go on from its step: of two sessions'
     * threads held at one step, the other stays held.
     */
    public void release(Arrival arrival) {
        stops.getOrDefault(arrival.step(), List.of()).stream()
                .filter(stop -> stop.arrival().equals(arrival))
                .forEach(stop -> stop.released().countDown());
    }

    /** With {@link #pausingEachArrival}, the arrivals still held (not released), in the order they came per step. */
    public List<Arrival> held() {
        List<Arrival> held = new ArrayList<>();
        for (Step step : Step.values()) {
            for (Stop stop : stops.getOrDefault(step, List.of())) {
                if (stop.released().getCount() > 0) {
                    held.add(stop.arrival());
                }
            }
        }
        return held;
    }

    /** Releases every step, and every arrival from now on, e.g. when a run is being abandoned. */
    public void releaseAll() {
        abandoned = true;
        stops.values().forEach(at -> at.forEach(stop -> stop.released().countDown()));
        released.values().forEach(CountDownLatch::countDown);
    }

    /** The arrivals the driver observed, in the order it observed them. */
    public List<Arrival> arrivals() {
        synchronized (trace) {
            return List.copyOf(trace);
        }
    }

    /** Every step any thread reached (observed or not), as ids, in step order. */
    public List<String> stepsHit() {
        List<String> hit = new ArrayList<>();
        for (Step step : Step.values()) {
            if (firstArrivals.containsKey(step)) {
                hit.add(step.id());
            }
        }
        return hit;
    }

    private static List<String> monitorsHeldByCurrentThread() {
        ThreadInfo[] infos = ManagementFactory.getThreadMXBean()
                .getThreadInfo(new long[] {Thread.currentThread().getId()}, true, false);
        if (infos.length == 0 || infos[0] == null) {
            return List.of();
        }
        List<String> held = new ArrayList<>();
        for (MonitorInfo monitor : infos[0].getLockedMonitors()) {
            String className = monitor.getClassName();
            held.add(className.substring(className.lastIndexOf('.') + 1));
        }
        return held;
    }
}
