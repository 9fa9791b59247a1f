package lab.kb905214.reports.results;

import java.nio.file.Path;

/**
 * A results file that could not be read as a JSON object, with a message a person can act on.
 *
 * @param file the file
 * @param error what is wrong with it (already names the file)
 */
public record UnreadableFile(Path file, String error) {

    /** The file's name. */
    public String fileName() {
        return file.getFileName().toString();
    }
}
