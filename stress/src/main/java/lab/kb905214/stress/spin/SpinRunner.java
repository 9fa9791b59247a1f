package lab.kb905214.stress.spin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs one {@link SpinCheck} in a fresh work folder: {@code spin -a} generates the verifier, {@code gcc} compiles it,
 * {@code pan} searches, and {@code spin -t -p -g} replays each trail pan wrote. Every process has a time limit.
 */
public final class SpinRunner {
    /** Trails replayed at most per run unless the runner is given another cap (the error count is pan's either way). */
    public static final int MAX_TRAILS = 20;
    /** The longest search pan may make, in steps (-m); reaching it leaves the search incomplete, and says so. */
    static final int MAX_DEPTH = 1_000_000;

    static final Duration TOOL_LIMIT = Duration.ofMinutes(2);

    private final Path models;
    private final Duration panLimit;
    private final int memoryMb;
    private final int maxTrails;

    /**
     * A runner reading models from {@code models}, giving pan at most {@code panLimit} and {@code memoryMb} of memory
     * (reaching either leaves the search incomplete, never wrong), replaying at most {@link #MAX_TRAILS} trails a run.
     */
    public SpinRunner(Path models, Duration panLimit, int memoryMb) {
        this(models, panLimit, memoryMb, MAX_TRAILS);
    }

    /** As {@link #SpinRunner(Path, Duration, int)}, replaying at most {@code maxTrails} trails a run, in pan's order. */
    public SpinRunner(Path models, Duration panLimit, int memoryMb, int maxTrails) {
        this.models = models;
        this.panLimit = panLimit;
        this.memoryMb = memoryMb;
        this.maxTrails = maxTrails;
    }

    /**
     * What one run found.
     *
     * @param check the run
     * @param pan pan's report of its search
     * @param trails the trails pan wrote, replayed by spin (at most the runner's cap, the first in pan's order)
     * @param seconds wall time of the whole run: generation, compilation, search and replays
     * @param panTimedOut whether pan was killed at its time limit (then its report says the search did not complete)
     * @param panCommand the search's command line
     * @param coupling what the model's sessions share, from spin's parse of it
     */
    public record Outcome(
            SpinCheck check,
            PanReport pan,
            List<SpinTrail> trails,
            double seconds,
            boolean panTimedOut,
            String panCommand,
            SessionCoupling coupling) {}

    /**
     * Runs {@code check} in a new folder under {@code workRoot}; throws when a tool fails (not when pan finds errors).
     */
    public Outcome run(SpinCheck check, Path workRoot) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Path work = copyModels(
                models, Files.createTempDirectory(workRoot, "spin-" + check.engine() + "-" + check.scenario() + "-"));
        List<String> spinA = new ArrayList<>(List.of("spin", "-a"));
        spinA.addAll(check.defines());
        spinA.add(check.model());
        require(BoundedProcess.run(spinA, work, TOOL_LIMIT));
        SessionCoupling coupling = SessionCoupling.read(work, check.model());

        // COLLAPSE compresses stored states losslessly (unlike hash-compaction or bitstate, which approximate);
        // NFAIR makes room for weak fairness over every thread and the claim. -w: the warnings are about pan.c.
        // One session's searches are small (2,510 states for engine-buggy's H1): gcc -O2 took 2.4 s of each, -O0
        // 0.5 s, and pan runs about as fast; the larger searches keep -O2, where pan's speed pays.
        List<String> gcc = new ArrayList<>(List.of(
                "gcc",
                check.bounds().sessions() == 1 ? "-O0" : "-O2",
                "-w",
                "-o",
                "pan",
                "-DCOLLAPSE",
                "-DMEMLIM=" + memoryMb,
                "-DNFAIR=" + (check.threads() + 2)));
        if (!check.liveness()) {
            gcc.add("-DSAFETY");
        }
        gcc.add("pan.c");
        require(BoundedProcess.run(gcc, work, TOOL_LIMIT));

        List<String> pan = new ArrayList<>(List.of("./pan", "-m" + MAX_DEPTH));
        if (check.liveness()) {
            pan.addAll(List.of("-a", "-f"));
        }
        if (check.allErrors()) {
            pan.addAll(List.of("-c0", "-e"));
        }
        BoundedProcess search = BoundedProcess.run(pan, work, panLimit);
        Files.writeString(work.resolve("pan.out"), search.output());
        PanReport report;
        if (search.timedOut()) {
            // Killed at its limit, pan printed no summary: the search is incomplete by definition.
            report = new PanReport(
                    0,
                    0,
                    0,
                    0,
                    List.of(),
                    false,
                    List.of("pan killed at its time limit of " + panLimit.toSeconds() + " s"),
                    -1,
                    -1);
        } else {
            if (search.exitCode() != 0) {
                throw new IOException(search.failure());
            }
            report = PanReport.parse(search.output());
        }
        List<SpinTrail> trails = new ArrayList<>();
        for (Path trail : trailFiles(work, check.model())) {
            if (trails.size() == maxTrails) {
                break;
            }
            List<String> replay = new ArrayList<>(List.of("spin"));
            replay.addAll(check.defines());
            replay.add(replayFlag(trail, check.model()));
            replay.addAll(List.of("-p", "-g", check.model()));
            BoundedProcess replayed = BoundedProcess.run(replay, work, TOOL_LIMIT);
            require(replayed);
            trails.add(SpinTrail.parse(replayed.output()));
        }
        return new Outcome(
                check,
                report,
                trails,
                (System.nanoTime() - start) / 1e9,
                search.timedOut(),
                String.join(" ", pan),
                coupling);
    }

    /** Copies every model file of {@code models} into {@code work}, which it returns. */
    static Path copyModels(Path models, Path work) throws IOException {
        try (Stream<Path> files = Files.list(models)) {
            for (Path pml : files.filter(p -> p.toString().endsWith(".pml")).toList()) {
                Files.copy(pml, work.resolve(pml.getFileName()));
            }
        }
        return work;
    }

    /** The trails pan wrote: model.pml.trail, or model.pml1.trail, model.pml2.trail, ... with -e. */
    private static List<Path> trailFiles(Path work, String model) throws IOException {
        try (Stream<Path> files = Files.list(work)) {
            return files.filter(p -> {
                        String name = p.getFileName().toString();
                        return name.startsWith(model) && name.endsWith(".trail");
                    })
                    .sorted((a, b) -> Integer.compare(trailNumber(a, model), trailNumber(b, model)))
                    .toList();
        }
    }

    private static int trailNumber(Path trail, String model) {
        String name = trail.getFileName().toString();
        String middle = name.substring(model.length(), name.length() - ".trail".length());
        return middle.isEmpty() ? 0 : Integer.parseInt(middle);
    }

    private static String replayFlag(Path trail, String model) {
        int n = trailNumber(trail, model);
        return n == 0 ? "-t" : "-t" + n;
    }

    static void require(BoundedProcess process) throws IOException {
        if (!process.succeeded()) {
            throw new IOException(process.failure());
        }
    }
}
