package lab.kb905214.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How often the load harness saw engine-buggy hang, pooled from the results files it wrote (one Bernoulli trial per
 * second of aborting traffic, as {@code LoadResults} records it).
 *
 * @param found seconds-long trials that hung
 * @param samples trials in all
 * @param files the files pooled
 */
record MeasuredDetectionRate(long found, long samples, List<Path> files) {

    /** The pooled rate of the buggy load runs with aborting clients in {@code dir}, if any were recorded. */
    static Optional<MeasuredDetectionRate> read(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        ObjectMapper json = new ObjectMapper();
        long found = 0;
        long samples = 0;
        List<Path> used = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("load-buggy-.*\\.json"))
                    .sorted()
                    .toList()) {
                try {
                    JsonNode counters = json.readTree(file.toFile()).path("counters");
                    JsonNode rate = counters.path("detectionRate");
                    // Without aborts H1 cannot happen: such runs measure nothing about it.
                    if (!rate.has("samples")
                            || counters.path("plan").path("abortRate").asDouble(0) <= 0) {
                        continue;
                    }
                    found += rate.path("found").asLong();
                    samples += rate.path("samples").asLong();
                    used.add(file);
                } catch (IOException e) {
                    // an unreadable file measures nothing; the report names it
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return samples == 0 ? Optional.empty() : Optional.of(new MeasuredDetectionRate(found, samples, used));
    }

    /** found / samples. */
    double perSecond() {
        return (double) found / samples;
    }

    /** The chance that {@code seconds} of the same traffic show the hang at least once, at this rate. */
    double chanceWithin(double seconds) {
        return 1 - Math.pow(1 - perSecond(), seconds);
    }

    /** One sentence for a person. */
    String describe() {
        return String.format(
                Locale.ROOT,
                "the load harness saw engine-buggy hang in %d of %d seconds of aborting traffic " + "(%d file%s in %s)",
                found,
                samples,
                files.size(),
                files.size() == 1 ? "" : "s",
                LabPaths.show(files.get(0).getParent()));
    }
}
