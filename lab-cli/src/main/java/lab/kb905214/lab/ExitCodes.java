package lab.kb905214.lab;

/** The exit codes every {@code lab} command uses. */
final class ExitCodes {
    /** Done; for reproduce: the buggy engine hung and the fixed one held. */
    static final int OK = 0;
    /** reproduce: the fixed engine hung or lost an accepted message; replay: the schedule was not exercised. */
    static final int FAILED = 1;
    /** Wrong arguments (picocli's usage error code). */
    static final int USAGE = 2;
    /** reproduce: the buggy engine did not hang within the time limit. */
    static final int NOT_REPRODUCED = 3;
    /** The command could not be carried out (an I/O error, a port in use); the message says why. */
    static final int ERROR = 4;

    private ExitCodes() {}
}
