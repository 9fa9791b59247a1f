package lab.kb905214.reports.results;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads every {@code *.json} in a results folder, keeping bad files as {@link UnreadableFile}s instead of throwing. */
public final class ResultsFolder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultsFolder() {}

    /** Reads the folder; a folder that does not exist yet reads as empty (no harness has run). */
    public static LabResults read(Path dir) {
        List<HarnessRun> runs = new ArrayList<>();
        List<UnreadableFile> unreadable = new ArrayList<>();
        for (Path file : jsonFiles(dir)) {
            try {
                runs.add(readOne(file));
            } catch (ResultsFileException e) {
                unreadable.add(new UnreadableFile(file, e.getMessage()));
            }
        }
        return new LabResults(dir, runs, unreadable, MutantMatrix.read(dir));
    }

    /** Reads one results file, or throws with a message that names the file and says what is wrong. */
    public static HarnessRun readOne(Path file) throws ResultsFileException {
        JsonNode tree;
        try {
            tree = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ResultsFileException(
                    file + ": not valid JSON (truncated or corrupt?)" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ResultsFileException(file + ": cannot be read: " + e);
        }
        // An empty file parses to a missing node in Jackson 2.x, a half-written one throws above.
        if (tree == null || tree.isMissingNode()) {
            throw new ResultsFileException(file + ": empty file (a harness was interrupted while writing it?)");
        }
        if (!tree.isObject()) {
            throw new ResultsFileException(file + ": not a results object (top level is " + tree.getNodeType() + ")");
        }
        return new HarnessRun(file, tree);
    }

    private static List<Path> jsonFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        // Harnesses write through hidden temp files (".writing-*.json") and rename: skip those.
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list results folder " + dir, e);
        }
    }

    /** A results file that cannot be read; the message names the file. */
    public static final class ResultsFileException extends Exception {
        private static final long serialVersionUID = 1L;

        ResultsFileException(String message) {
            super(message);
        }
    }
}
