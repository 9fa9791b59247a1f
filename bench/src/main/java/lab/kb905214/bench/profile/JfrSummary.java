package lab.kb905214.bench.profile;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JFR recording says the time went, as text: CPU load per thread group, and the execution samples by the
 * method on top of the stack (self) and by every method on it (inclusive). Writes what {@code bench/PROFILE.md} quotes.
 *
 * <p>Usage: {@code JfrSummary RECORDING.jfr OUT.txt [ROWS]}.
 */
public final class JfrSummary {
    // Frames that say nothing about where the work is: lambdas, JMH's and CompletableFuture's plumbing, reflection.
    private static final List<String> PLUMBING = List.of(
            "$$Lambda",
            "org.openjdk.jmh",
            "jmh_generated",
            "java.util.concurrent.CompletableFuture",
            "java.util.concurrent.ThreadPoolExecutor",
            "java.lang.Thread.run",
            "java.util.concurrent.FutureTask",
            "jdk.internal.reflect",
            "java.lang.reflect",
            "java.lang.invoke");

    private JfrSummary() {}

    /** Summarizes the recording named by the first argument into the file named by the second. */
    public static void main(String[] args) throws IOException {
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Double> cpu = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = event.getEventType().getName();
            if (type.equals("jdk.ThreadCPULoad") && event.getThread() != null) {
                cpu.merge(group(event.getThread()), event.getDouble("user") + event.getDouble("system"), Double::sum);
            } else if (type.equals("jdk.ExecutionSample") && event.getStackTrace() != null) {
                samples++;
                count(event.getStackTrace(), self, inclusive);
            }
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[1])))) {
            out.println(args[0]);
            out.println();
            out.println("CPU load by thread group (share of the summed per-thread load samples):");
            table(
                    out,
                    cpu,
                    cpu.values().stream().mapToDouble(Double::doubleValue).sum(),
                    rows);
            out.println();
            out.println(samples + " execution samples; self (method on top of the stack):");
            table(out, self, samples, rows);
            out.println();
            out.println("inclusive (method anywhere on the stack; lambdas and executor plumbing left out):");
            table(out, inclusive, samples, rows);
        }
    }

    private static void count(RecordedStackTrace stack, Map<String, Integer> self, Map<String, Integer> inclusive) {
        List<RecordedFrame> frames = stack.getFrames();
        if (frames.isEmpty()) {
            return;
        }
        self.merge(name(frames.get(0)), 1, Integer::sum);
        Set<String> seen = new HashSet<>();
        for (RecordedFrame frame : frames) {
            String name = name(frame);
            if (PLUMBING.stream().noneMatch(name::contains) && seen.add(name)) {
                inclusive.merge(name, 1, Integer::sum);
            }
        }
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    // "smtp-session-41234-17" and "dns-client-3-1" become "smtp-session" and "dns-client": one row per kind of thread.
    private static String group(RecordedThread thread) {
        String name = thread.getJavaName() != null ? thread.getJavaName() : thread.getOSName();
        return name.replaceAll("(-\\d+)+(-timer)?$", "$2").replaceAll("\\s*#?\\d+$", "");
    }

    private static <N extends Number> void table(PrintWriter out, Map<String, N> counts, double total, int rows) {
        counts.entrySet().stream()
                .sorted((a, b) ->
                        Double.compare(b.getValue().doubleValue(), a.getValue().doubleValue()))
                .limit(rows)
                .forEach(e -> out.printf("  %5.1f%%  %s%n", 100 * e.getValue().doubleValue() / total, e.getKey()));
    }
}
