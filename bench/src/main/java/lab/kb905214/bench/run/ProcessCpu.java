package lab.kb905214.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * This JVM's CPU time split into user and kernel time, as Linux accounts it in {@code /proc/self/stat}: the split
 * the JDK's management beans do not give, and the one that says whether a figure measures our code or the kernel's.
 *
 * @param userTicks time in user mode, in clock ticks
 * @param kernelTicks time in kernel mode, in clock ticks
 */
public record ProcessCpu(long userTicks, long kernelTicks) {
    private static final Path STAT = Path.of("/proc/self/stat");

    /** Now, or empty where there is no {@code /proc/self/stat} (not Linux) or it cannot be read. */
    public static Optional<ProcessCpu> now() {
        try {
            String stat = Files.readString(STAT);
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its last ')'.
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
            // Fields 14 (utime) and 15 (stime) of proc(5); field 3 is after[0].
            return Optional.of(new ProcessCpu(Long.parseLong(after[11]), Long.parseLong(after[12])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The time spent between {@code earlier} and this. */
    public ProcessCpu since(ProcessCpu earlier) {
        return new ProcessCpu(userTicks - earlier.userTicks, kernelTicks - earlier.kernelTicks);
    }

    /** The kernel's share of the CPU time, 0 to 1 (0 when no time was spent). */
    public double kernelShare() {
        long total = userTicks + kernelTicks;
        return total == 0 ? 0 : (double) kernelTicks / total;
    }
}
