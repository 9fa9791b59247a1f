package lab.kb905214.bench.hang;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Runs a main class of this module in a fresh JVM on this JVM's class path and reads its one-line JSON result. */
public final class ChildJvm {
    private ChildJvm() {}

    /**
     * Starts {@code mainClass} with {@code args}, extra class path entries appended, and waits at most
     * {@code limitSeconds}; empty when it printed no {@code prefix} line in time (the JVM is then killed).
     */
    @SuppressWarnings("unchecked")
    public static Optional<Map<String, Object>> run(
            Class<?> mainClass, String prefix, List<Path> extraClassPath, long limitSeconds, String... args)
            throws IOException, InterruptedException {
        StringBuilder classPath = new StringBuilder(System.getProperty("java.class.path"));
        for (Path p : extraClassPath) {
            classPath.append(File.pathSeparator).append(p);
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=off",
                "-Ddnsjava.nio.selector_timeout=50",
                "-cp",
                classPath.toString(),
                mainClass.getName()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("bench-child-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        AtomicReference<String> line = new AtomicReference<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader in = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String l; (l = in.readLine()) != null; ) {
                            if (l.startsWith(prefix)) {
                                line.set(l.substring(prefix.length()));
                            } else {
                                Files.writeString(log, l + "\n", StandardOpenOption.APPEND);
                            }
                        }
                    } catch (IOException e) {
                        // the child was killed
                    }
                },
                "bench-child-reader");
        reader.setDaemon(true);
        reader.start();
        if (!process.waitFor(limitSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(5_000);
        String json = line.get();
        if (json == null) {
            // Say why in the build log: the last lines the child printed.
            List<String> lines = Files.readAllLines(log);
            System.err.println(
                    mainClass.getSimpleName() + " " + String.join(" ", args) + " gave no result; last output:");
            lines.subList(Math.max(0, lines.size() - 15), lines.size()).forEach(System.err::println);
        }
        Files.deleteIfExists(log);
        return json == null ? Optional.empty() : Optional.of(new ObjectMapper().readValue(json, Map.class));
    }
}
