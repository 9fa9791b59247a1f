package lab.kb905214.lab;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One run of a lab command inside the test JVM, its stdout and stderr captured.
 *
 * @param code the exit code the command returned
 * @param out what it printed on stdout
 * @param err what it printed on stderr
 */
record CommandRun(int code, String out, String err) {

    /** Runs {@code lab args...} as Main would, without ending the JVM. */
    static CommandRun lab(String... args) {
        return on(LabCommand.commandLine(), args);
    }

    /** Runs {@code commandLine} (configured as the lab configures it) with {@code args}. */
    static CommandRun on(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        LabCommand.configure(commandLine);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new CommandRun(code, out.toString(), err.toString());
    }
}
