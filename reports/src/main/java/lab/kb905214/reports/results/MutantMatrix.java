package lab.kb905214.reports.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import lab.kb905214.results.Harness;
import lab.kb905214.results.MutantCounters;

/**
 * The kill matrix of the lab's mutation analysis: for each mutant coordinator (a plausible mistake in engine-fixed's
 * coordinator) and each harness, whether the harness killed it, read from {@code lab-results/mutants/*.json}.
 *
 * @param rows one row per mutant, ordered by id (M0, the unmutated control, first)
 * @param unreadable files of the mutants folder that could not be read
 */
public record MutantMatrix(List<Row> rows, List<UnreadableFile> unreadable) {
    /** The sub-folder of the results folder that mutant runs write to. */
    public static final String FOLDER = "mutants";
    /** The harness columns, in the report's order. */
    public static final List<String> HARNESSES = List.of(
            Harness.SCHEDULE.id(),
            Harness.EXPLORE.id(),
            Harness.LINCHECK.id(),
            Harness.JCSTRESS.id(),
            Harness.LOAD.id());
    /** The id of the control: the baseline with no mutation, which no harness may kill. */
    public static final String CONTROL = "M0";
    /** Mutants in their numbers' order (M2 before M10), anything else after them by name. */
    static final Comparator<String> MUTANT_ORDER = Comparator.comparingInt(
                    (String m) -> m.matches("M\\d{1,6}") ? Integer.parseInt(m.substring(1)) : Integer.MAX_VALUE)
            .thenComparing(Comparator.naturalOrder());

    /**
     * One mutant's row.
     *
     * @param mutant its id (M1)
     * @param title a short name ("lock order reverted")
     * @param change what the mutation changed
     * @param cells what each harness that ran it saw, by harness
     */
    public record Row(String mutant, String title, String change, Map<String, Cell> cells) {
        /** Whether this is the control. */
        public boolean isControl() {
            return CONTROL.equals(mutant);
        }

        /** The harnesses that judged it (ran it and could say killed or survived), in column order. */
        public List<String> judgedBy() {
            return HARNESSES.stream()
                    .filter(h ->
                            cells.containsKey(h) && cells.get(h).notApplicable().isEmpty())
                    .toList();
        }

        /** The harnesses that killed it, in column order. */
        public List<String> killers() {
            return HARNESSES.stream()
                    .filter(h -> cells.containsKey(h) && cells.get(h).killed())
                    .toList();
        }

        /** The cell of {@code harness}, if that harness ran this mutant. */
        public Optional<Cell> cell(String harness) {
            return Optional.ofNullable(cells.get(harness));
        }
    }

    /**
     * What one harness saw of one mutant.
     *
     * @param run the results file as read
     * @param killedBy what the harness saw that no correct coordinator does; empty when the mutant survived
     * @param secondsToKill from the harness's start on this mutant to the kill, when killed
     */
    public record Cell(HarnessRun run, Optional<String> killedBy, Optional<Double> secondsToKill) {
        /** Whether the harness killed the mutant. */
        public boolean killed() {
            return killedBy.isPresent();
        }

        /**
         * Why the harness cannot judge this mutant at all, when it says so; such a cell is neither kill nor survival.
         */
        public Optional<String> notApplicable() {
            var node = run.counterNode(MutantCounters.NOT_APPLICABLE);
            return node.isMissingNode() || node.isNull() ? Optional.empty() : Optional.of(node.asText());
        }
    }

    /** An empty matrix: no mutant was run. */
    public static MutantMatrix empty() {
        return new MutantMatrix(List.of(), List.of());
    }

    /** Freezes the lists. */
    public MutantMatrix {
        rows = List.copyOf(rows);
        unreadable = List.copyOf(unreadable);
    }

    /** Reads {@code resultsDir/mutants}; a folder that does not exist reads as an empty matrix. */
    public static MutantMatrix read(Path resultsDir) {
        Path dir = resultsDir.resolve(FOLDER);
        if (!Files.isDirectory(dir)) {
            return empty();
        }
        Map<String, Row> rows = new TreeMap<>(MUTANT_ORDER);
        List<UnreadableFile> unreadable = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> listed = Files.list(dir)) {
            files = listed.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        for (Path file : files) {
            HarnessRun run;
            try {
                run = ResultsFolder.readOne(file);
            } catch (ResultsFolder.ResultsFileException e) {
                unreadable.add(new UnreadableFile(file, e.getMessage()));
                continue;
            }
            String mutant = run.counterText(MutantCounters.MUTANT).orElse("");
            if (mutant.isEmpty()) {
                unreadable.add(new UnreadableFile(file, file + ": no counters.mutant: not a mutant run file"));
                continue;
            }
            Row row = rows.computeIfAbsent(
                    mutant,
                    m -> new Row(
                            m,
                            run.counterText(MutantCounters.TITLE).orElse(""),
                            run.counterText(MutantCounters.CHANGE).orElse(""),
                            new LinkedHashMap<>()));
            Optional<String> killedBy = run.counterText(MutantCounters.KILLED_BY);
            JsonNode secondsToKill = run.counterNode(MutantCounters.SECONDS_TO_KILL);
            Optional<Double> toKill =
                    secondsToKill.isNumber() ? Optional.of(secondsToKill.asDouble()) : Optional.empty();
            row.cells().put(run.harness(), new Cell(run, killedBy, toKill));
        }
        return new MutantMatrix(new ArrayList<>(rows.values()), unreadable);
    }

    /** One matrix of several shards' matrices: each mutant's cells from whichever shard ran that harness on it. */
    public static MutantMatrix merge(List<MutantMatrix> parts) {
        Map<String, Row> rows = new TreeMap<>(MUTANT_ORDER);
        List<UnreadableFile> unreadable = new ArrayList<>();
        for (MutantMatrix part : parts) {
            for (Row row : part.rows()) {
                rows.computeIfAbsent(row.mutant(), m -> new Row(m, row.title(), row.change(), new LinkedHashMap<>()))
                        .cells()
                        .putAll(row.cells());
            }
            unreadable.addAll(part.unreadable());
        }
        return new MutantMatrix(new ArrayList<>(rows.values()), unreadable);
    }

    /** The row of {@code mutant}, if it was run. */
    public Optional<Row> row(String mutant) {
        return rows.stream().filter(r -> r.mutant().equals(mutant)).findFirst();
    }

    /** The mutants other than the control. */
    public List<Row> mutants() {
        return rows.stream().filter(r -> !r.isControl()).toList();
    }

    /** The mutants (not the control) that every harness that ran them let survive. */
    public List<Row> survivors() {
        return mutants().stream().filter(r -> r.killers().isEmpty()).toList();
    }

    /** Whether any mutant was run at all. */
    public boolean isEmpty() {
        return rows.isEmpty() && unreadable.isEmpty();
    }
}
