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
 * from any class loader, silently runs the first one's code; and a JCStress fork finds a renamed mutant next to the
 * shipped class on its class path without any shadowing.
 *
 * @param mutant the mutant's name
 * @param className the binary name of the mutant's class
 * @param source the patched source file
 * @param classes the folder of its compiled classes (a class-path root)
 */
record MutantBuild(String mutant, String className, Path source, Path classes) {
    /** The system property naming the reactor's root, where the shipped sources are read (set by stress/pom.xml). */
    static final String REACTOR_ROOT = "lab.reactorRoot";

    /** Reads {@code patch}'s shipped file from the reactor, applies it and compiles the result. */
    static MutantBuild of(String mutant, SourcePatch patch) {
        Path shipped = reactorRoot().resolve(patch.file());
        String original;
        try {
            original = Files.readString(shipped, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(mutant + ": cannot read the shipped source " + shipped, e);
        }
        String shippedName = shipped.getFileName().toString().replace(".java", "");
        String renamed = shippedName + mutant;
        String patched = patch.applyTo(original, mutant).replaceAll("\\b" + shippedName + "\\b", renamed);
        Path work = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("target").resolve("mutants");
        String packagePath = patch.file().substring(patch.file().indexOf("/src/main/java/") + "/src/main/java/".length(),
                patch.file().lastIndexOf('/'));
        Path source = work.resolve(mutant + "-src").resolve(packagePath).resolve(renamed + ".java");
        Path classes = work.resolve(mutant);
        try {
            FolderTree.delete(work.resolve(mutant + "-src"));
            FolderTree.delete(classes); // classes of an earlier patch must not outlive it
            Files.createDirectories(source.getParent());
            Files.createDirectories(classes);
            Files.writeString(source, patched, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(mutant + ": cannot write " + source, e);
        }
        compile(mutant, source, classes);
        return new MutantBuild(mutant, packagePath.replace('/', '.') + "." + renamed, source, classes);
    }

    /** The reactor's root: {@value #REACTOR_ROOT}, else the parent of this module's folder. */
    static Path reactorRoot() {
        String root = System.getProperty(REACTOR_ROOT, "");
        if (!root.isBlank()) {
            return Path.of(root).toAbsolutePath().normalize();
        }
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().getParent();
    }

    private static void compile(String mutant, Path source, Path classes) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException(mutant + ": no system Java compiler (a JRE, not a JDK?)");
        }
        StringWriter diagnostics = new StringWriter();
        List<String> options = List.of("-d", classes.toString(), "-classpath", System.getProperty("java.class.path"),
                "--release", "17", "-proc:none", "-g", "-nowarn", "-encoding", "UTF-8");
        var fileManager = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8);
        boolean compiled = javac.getTask(diagnostics, fileManager, null, options, null,
                fileManager.getJavaFileObjects(source)).call();
        if (!compiled) {
            throw new IllegalStateException(mutant + ": its patched " + source.getFileName()
                    + " does not compile (the shipped class changed under the mutant?)\n" + diagnostics);
        }
    }
}
