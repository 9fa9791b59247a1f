package lab.kb905214.stress.mutants;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import lab.kb905214.stress.files.FolderTree;

/**
 * A mutant built from the shipped source: the patched file, its class renamed with the mutant's name
 * ({@code FixedCoordinator} becomes {@code FixedCoordinatorM1}), written to {@code target/mutants/<M>-src/}, and its
 * classes, compiled in this JVM into {@code target/mutants/<M>/} against this JVM's class path.
 *
 * <p>Why the rename: a mutant must never share a class name with the shipped class or another mutant in one JVM.
 * Lincheck 3.7's agent caches the bytecode it instrumented by class name alone, so a second class of the same name,
 * from any class loader, silently runs the first one's code. A JVM of its own (a JCStress fork) is the exception:
 * there the mutant is {@linkplain #inPlace compiled under the shipped name} and replaces the shipped class, so the
 * tests written against engine-fixed run it unchanged.
 *
 * @param mutant the mutant's name
 * @param className the binary name of the mutant's class
 * @param source the patched source file
 * @param classes the folder of its compiled classes (a class-path root)
 */
record MutantBuild(String mutant, String className, Path source, Path classes) {
    /** The system property naming the reactor's root, where the shipped sources are read (set by stress/pom.xml). */
    static final String REACTOR_ROOT = "lab.reactorRoot";

    /** Reads {@code patch}'s shipped file from the reactor, applies it and compiles the result under its own name. */
    static MutantBuild of(String mutant, SourcePatch patch) {
        return build(mutant, patch, true);
    }

    /**
     * The same mutant compiled under the shipped class's name, into {@code target/mutants/<M>-in-place/}: ahead of
     * the shipped classes on a fresh JVM's class path, it is the class every caller of the shipped one gets. For
     * JVMs of their own only (see the class comment).
     */
    static MutantBuild inPlace(String mutant, SourcePatch patch) {
        return build(mutant, patch, false);
    }

    private static MutantBuild build(String mutant, SourcePatch patch, boolean renamed) {
        Path shipped = reactorRoot().resolve(patch.file());
        String original;
        try {
            original = Files.readString(shipped, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(mutant + ": cannot read the shipped source " + shipped, e);
        }
        String shippedName = shipped.getFileName().toString().replace(".java", "");
        String name = renamed ? shippedName + mutant : shippedName;
        String patched = patch.applyTo(original, mutant).replaceAll("\\b" + shippedName + "\\b", name);
        Path work = Path.of(System.getProperty("basedir", "."))
                .toAbsolutePath()
                .resolve("target")
                .resolve("mutants");
        String packagePath = patch.file()
                .substring(
                        patch.file().indexOf("/src/main/java/") + "/src/main/java/".length(),
                        patch.file().lastIndexOf('/'));
        String folder = renamed ? mutant : mutant + "-in-place";
        Path source = work.resolve(folder + "-src").resolve(packagePath).resolve(name + ".java");
        Path classes = work.resolve(folder);
        try {
            FolderTree.delete(work.resolve(folder + "-src"));
            FolderTree.delete(classes); // classes of an earlier patch must not outlive it
            Files.createDirectories(source.getParent());
            Files.createDirectories(classes);
            Files.writeString(source, patched, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(mutant + ": cannot write " + source, e);
        }
        compile(mutant, source, classes);
        return new MutantBuild(mutant, packagePath.replace('/', '.') + "." + name, source, classes);
    }

    /** The reactor's root: {@value #REACTOR_ROOT}, else the parent of this module's folder. */
    static Path reactorRoot() {
        String root = System.getProperty(REACTOR_ROOT, "");
        if (!root.isBlank()) {
            return Path.of(root).toAbsolutePath().normalize();
        }
        return Path.of(System.getProperty("basedir", "."))
                .toAbsolutePath()
                .normalize()
                .getParent();
    }

    private static void compile(String mutant, Path source, Path classes) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException(mutant + ": no system Java compiler (a JRE, not a JDK?)");
        }
        StringWriter diagnostics = new StringWriter();
        List<String> options = List.of(
                "-d",
                classes.toString(),
                "-classpath",
                System.getProperty("java.class.path"),
                "--release",
                "17",
                "-proc:none",
                "-g",
                "-nowarn",
                "-encoding",
                "UTF-8");
        var fileManager = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8);
        boolean compiled = javac.getTask(
                        diagnostics, fileManager, null, options, null, fileManager.getJavaFileObjects(source))
                .call();
        if (!compiled) {
            throw new IllegalStateException(mutant + ": its patched " + source.getFileName()
                    + " does not compile (the shipped class changed under the mutant?)\n" + diagnostics);
        }
    }
}
