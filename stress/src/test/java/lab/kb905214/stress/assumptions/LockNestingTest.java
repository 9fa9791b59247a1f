package lab.kb905214.stress.assumptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The lock order on real threads' dumps: opposite nestings close a cycle, unless both locks are the JDK's own. */
@Timeout(30)
class LockNestingTest {

    /** A lock of the lab's own: named by its class. */
    static final class LabLock {}

    @Test
    void aLabLockTakenBothWaysRoundWithAnotherLockIsACycle() throws Exception {
        LockNesting nesting = new LockNesting();
        LabLock lab = new LabLock();
        Object jdk = new Object();

        nesting.add(dumpWhileHolding(lab, jdk));
        nesting.add(dumpWhileHolding(jdk, lab));

        assertThat(nesting.cycle()).isPresent();
    }

    @Test
    void twoOfTheJdksOwnObjectsTakenBothWaysRoundAreTheJdksOrderNotTheEngines() throws Exception {
        LockNesting nesting = new LockNesting();
        Object first = new Object();
        Object second = new Object();

        nesting.add(dumpWhileHolding(first, second));
        nesting.add(dumpWhileHolding(second, first));

        assertThat(nesting.cycle()).isEmpty();
        assertThat(nesting.edges()).isEmpty();
    }

    // A thread takes outer, then inner, and stays inside both until its dump is taken.
    private static ThreadInfo dumpWhileHolding(Object outer, Object inner) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch dumped = new CountDownLatch(1);
        Thread thread = new Thread(
                () -> {
                    synchronized (outer) {
                        synchronized (inner) {
                            holding.countDown();
                            try {
                                dumped.await(20, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }
                },
                "lock-nesting-test");
        thread.start();
        try {
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            return ManagementFactory.getThreadMXBean().getThreadInfo(new long[] {thread.getId()}, true, true)[0];
        } finally {
            dumped.countDown();
            thread.join(10_000);
        }
    }
}
