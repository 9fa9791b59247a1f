package lab.kb905214.stress.load;

import java.util.ArrayList;
import java.util.List;

/** Threads that keep cores busy for a run, so the engine competes for CPU as on a loaded host. */
final class CpuBurners {
    private final List<Thread> threads;
    private volatile boolean stopped;

    private CpuBurners(int count) {
        threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(this::burn, "load-cpu-burner-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
    }

    /** Starts {@code count} spinning threads (none for 0). */
    static CpuBurners start(int count) {
        CpuBurners burners = new CpuBurners(count);
        burners.threads.forEach(Thread::start);
        return burners;
    }

    // A loop on a volatile read: the JIT cannot drop it, and the OS sees a thread that always wants its core.
    private void burn() {
        while (!stopped) {
            // spin
        }
    }

    /** Stops the threads and waits for them. */
    void stop() throws InterruptedException {
        stopped = true;
        for (Thread t : threads) {
            t.join(1000);
        }
    }
}
