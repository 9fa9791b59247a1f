package lab.kb905214.engine.hang;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the watch calls stuck: one unbroken wait past the limit, nothing less. */
class StuckThreadWatchTest {
    private static final Duration LIMIT = Duration.ofSeconds(1);
    private static final Duration EVERY = Duration.ofMillis(10);

    /** The watched class: its methods stand for a coordinator's waits. */
    static final class Coordinator {
        static void waitBriefly(long millis) throws InterruptedException {
            new CountDownLatch(1).await(millis, TimeUnit.MILLISECONDS);
        }

        static void parkUntilInterrupted(Object blocker) {
            while (!Thread.currentThread().isInterrupted()) {
                LockSupport.park(blocker);
            }
        }
    }

    /** A blocker whose class name the proof must show: which check the thread waits on. */
    static final class PendingVerdict {}

    private final List<Thread> started = new ArrayList<>();

    @AfterEach
    void stopThreads() throws InterruptedException {
        for (Thread t : started) {
            t.interrupt();
            t.join(2000);
        }
    }

    private StuckThreadWatch watch() {
        return StuckThreadWatch.inside(List.of(Coordinator.class.getName()), Set.of());
    }

    private Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        started.add(t);
        t.start();
        return t;
    }

    private static void awaitWaiting(Thread t) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (t.getState() != Thread.State.WAITING
                && t.getState() != Thread.State.TIMED_WAITING
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    @Test
    void aThreadParkedForeverIsStuckWithItsStackAndWhatItWaitsOn() throws Exception {
        Thread parked = start("session-parked", () -> Coordinator.parkUntilInterrupted(new PendingVerdict()));
        awaitWaiting(parked);

        List<StuckThreadWatch.Observation> stuck = watch().settle(LIMIT, EVERY, LIMIT.multipliedBy(3));

        assertThat(stuck).singleElement().satisfies(o -> {
            assertThat(o.thread()).isEqualTo("session-parked");
            assertThat(o.observed()).isGreaterThan(LIMIT);
            assertThat(o.waitingOn()).contains("PendingVerdict");
            assertThat(o.stack()).anyMatch(frame -> frame.contains("Coordinator.parkUntilInterrupted"));
        });
    }

    @Test
    void aThreadThatEntersJustBeforeTheLookAndLeavesSoonAfterIsNotStuck() throws Exception {
        Thread late = start("session-late", () -> {
            try {
                Coordinator.waitBriefly(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        awaitWaiting(late);

        List<StuckThreadWatch.Observation> stuck = watch().settle(LIMIT, EVERY, LIMIT.multipliedBy(3));

        assertThat(stuck).isEmpty();
        assertThat(late.isAlive())
                .as("it left the coordinator, which is what ended the watch")
                .isFalse();
    }

    @Test
    void aRelayOfShortWaitsLongerThanTheLimitIsNotOneStuckThread() throws Exception {
        // At every instant some thread waits inside, for three times the limit in all: the first judge, which
        // reported whoever was inside when its limit ran out, called that a stuck session.
        Thread relay = start("relay", () -> {
            long until = System.nanoTime() + LIMIT.multipliedBy(3).toNanos();
            int i = 0;
            while (System.nanoTime() < until && !Thread.currentThread().isInterrupted()) {
                Thread runner = new Thread(
                        () -> {
                            try {
                                Coordinator.waitBriefly(100);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "session-" + i++);
                runner.start();
                try {
                    runner.join();
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        awaitWaiting(relay);

        List<StuckThreadWatch.Observation> stuck = watch().settle(LIMIT, EVERY, LIMIT.multipliedBy(5));

        assertThat(stuck).isEmpty();
    }

    @Test
    void aThreadThatKeepsWakingIsNotInOneUnbrokenWait() throws Exception {
        start("session-polling", () -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Coordinator.waitBriefly(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        StuckThreadWatch watch = watch();
        long until = System.nanoTime() + LIMIT.multipliedBy(2).toNanos();
        while (System.nanoTime() < until) {
            watch.look();
            Thread.sleep(EVERY.toMillis()); // the watch's pace
        }

        assertThat(watch.stuckLongerThan(LIMIT))
                .as("each wake counts in the JVM's waited count")
                .isEmpty();
    }
}
