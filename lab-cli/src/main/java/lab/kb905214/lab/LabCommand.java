package lab.kb905214.lab;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/** {@code lab}: the researcher's way into the KB905214 lab. */
@Command(
        name = "lab",
        mixinStandardHelpOptions = true,
        version = "KB905214 lab 0.1.0",
        description = {
            "Watch Microsoft KB905214 happen, and watch the fix hold.",
            "",
            "In Exchange Server 2003 SP2, enabling Sender ID Filtering on an SMTP virtual server could make the SMTP "
                    + "service stop responding, through \"a race condition that is caused by the SMTP protocol\". This lab "
                    + "rebuilds that service in Java with two check coordinators: engine-buggy, as shipped, and "
                    + "engine-fixed, with the hotfix. H1 (a lock-order inversion) and H2 (a lost wakeup) are this lab's "
                    + "model of the race the KB names.",
            ""
        },
        subcommands = {
            ReproduceCommand.class,
            ReplayCommand.class,
            ServeCommand.class,
            CheckCommand.class,
            ReportCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done (reproduce: the buggy engine hung and the fixed one held)",
            "1:reproduce: the fixed engine hung or lost a message; replay: schedule not exercised",
            "2:wrong arguments",
            "3:reproduce: the buggy engine did not hang within the time limit",
            "4:the command could not run (see the message)"
        })
final class LabCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** The command line every entry point (main, tests) runs: usage errors exit 2, failures print no stack trace. */
    static CommandLine commandLine() {
        return configure(new CommandLine(new LabCommand()));
    }

    /** Applies the lab's conventions to {@code commandLine} (also to a subcommand run on its own, in tests). */
    static CommandLine configure(CommandLine commandLine) {
        commandLine.setExecutionExceptionHandler(LabCommand::failed);
        commandLine.setParameterExceptionHandler(LabCommand::wrongArguments);
        return commandLine;
    }

    @Override
    public Integer call() {
        throw new ParameterException(
                spec.commandLine(), "Missing a command: reproduce, replay, serve, check or report");
    }

    // picocli prints only "Did you mean" for a mistyped command; a usage message always follows here.
    private static int wrongArguments(ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println(e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        commandLine.usage(err);
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    // A failure while running is reported in one line; a stack trace would only help the lab's developers, who can
    // set -Dlab.stackTraces=true.
    private static int failed(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        err.println("lab " + commandLine.getCommandName() + ": " + message);
        if (Boolean.getBoolean("lab.stackTraces")) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.ERROR;
    }
}
