package lab.kb905214.lab;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository is, and the folders the commands read and write by default. */
final class LabPaths {
    /** The system property the {@code ./lab} script sets to the repository root. */
    static final String ROOT_PROPERTY = "lab.root";
    /** The system property the {@code ./lab} script sets to the folder it was run from. */
    static final String USER_DIR_PROPERTY = "lab.cwd";

    private LabPaths() {}

    /**
     * The repository root: {@code lab.root} if set, else the nearest folder at or above the current one that holds
     * both {@code pom.xml} and {@code stress/}, else the current folder.
     */
    static Path root() {
        String property = System.getProperty(ROOT_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        Path cwd = Path.of("").toAbsolutePath();
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("stress"))) {
                return dir;
            }
        }
        return cwd;
    }

    /** The folder the user ran the command from: relative paths on the command line are relative to it. */
    static Path userDir() {
        String property = System.getProperty(USER_DIR_PROPERTY);
        return (property == null || property.isBlank() ? Path.of("") : Path.of(property)).toAbsolutePath();
    }

    /**
     * Where {@code lab reproduce} writes its results files: apart from the build's, so neither overwrites the other.
     */
    static Path reproduceResults() {
        return root().resolve("lab-cli/target/lab-results");
    }

    /** Where the build's harnesses write their results files. */
    static Path harnessResults() {
        return root().resolve("stress/target/lab-results");
    }

    /** Where the report is written. */
    static Path reportDir() {
        return root().resolve("reports/target/lab-report");
    }

    /** A path as a person at the repository root would type it (relative when it lies inside the repository). */
    static String show(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path cwd = userDir();
        return absolute.startsWith(cwd) && !absolute.equals(cwd)
                ? cwd.relativize(absolute).toString()
                : absolute.toString();
    }
}
