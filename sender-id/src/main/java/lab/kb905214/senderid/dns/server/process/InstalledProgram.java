package lab.kb905214.senderid.dns.server.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds a program from a Debian package (dig, nsd, unbound) on PATH or in the system directories. */
public final class InstalledProgram {
    /** Searched after PATH: Debian installs daemons such as nsd in /usr/sbin, which a user's PATH often lacks. */
    private static final List<String> SYSTEM_DIRECTORIES = List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin");

    private InstalledProgram() {}

    /** The path of {@code program}, if it is installed. */
    public static Optional<Path> find(String program) {
        List<String> directories =
                new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        directories.addAll(SYSTEM_DIRECTORIES);
        for (String directory : directories) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The message for a missing {@code program}, saying which Debian package holds it and how to install it. */
    public static String missing(String program, String debianPackage) {
        return program + " is required for this test (Debian/Ubuntu package " + debianPackage
                + ": install it with `apt-get install " + debianPackage + "`, or run .ci/run, which does)";
    }

    /** Whether a missing program fails the build here: under {@code CI=true}, where .ci/run installs them all. */
    public static boolean requiredHere() {
        return "true".equals(System.getenv("CI"));
    }
}
