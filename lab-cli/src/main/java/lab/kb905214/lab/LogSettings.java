package lab.kb905214.lab;

/**
 * The lab's logging (slf4j-simple, configured by system properties): warnings only, with the time of day, so the
 * engines' per-transaction INFO lines stay quiet under load. slf4j-simple reads these when a logger is created, so
 * they must be set before the first engine class is loaded. A property the user set on the command line wins.
 */
final class LogSettings {
    private static final String PREFIX = "org.slf4j.simpleLogger.";
    /** The logger of the engine's end-of-DATA stage, which logs one INFO line per answered transaction. */
    static final String TRANSACTION_LOGGER = "lab.kb905214.engine.smtp.SenderIdStage";

    private LogSettings() {}

    /** Warnings only, each with the time of day and the short logger name. */
    static void applyDefaults() {
        setIfAbsent("defaultLogLevel", "warn");
        setIfAbsent("showDateTime", "true");
        setIfAbsent("dateTimeFormat", "HH:mm:ss.SSS");
        setIfAbsent("showThreadName", "false");
        setIfAbsent("showShortLogName", "true");
        // Abandoning a hung engine is what reproduce and replay expect; they report it in their own words.
        setIfAbsent("log.lab.kb905214.engine.smtp.VirtualServer", "error");
    }

    /**
     * Turns on the engine's own line per transaction (session, MAIL FROM, client, Sender ID result, PRA, action,
     * reply code); effective only if the engine has not been loaded yet in this JVM.
     */
    static void logTransactions() {
        applyDefaults();
        setIfAbsent("log." + TRANSACTION_LOGGER, "info");
    }

    /**
     * Silences SubEtha's warning (with a stack trace) for each client that leaves mid-message: under reproduce's
     * traffic that is the point, not news. Effective only before SubEtha is loaded.
     */
    static void quietAbandonedSessions() {
        applyDefaults();
        setIfAbsent("log.org.subethamail.smtp.server.Session", "error");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}
