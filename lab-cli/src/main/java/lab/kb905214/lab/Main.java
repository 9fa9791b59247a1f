package lab.kb905214.lab;

/** The {@code lab} command's entry point: runs one subcommand, then ends the JVM with its exit code. */
public final class Main {
    private Main() {}

    /** Runs {@code args}; always ends the JVM, since a buggy engine's deadlocked threads never end on their own. */
    public static void main(String[] args) {
        LogSettings.applyDefaults();
        int code = LabCommand.commandLine().execute(args);
        System.exit(code);
    }
}
