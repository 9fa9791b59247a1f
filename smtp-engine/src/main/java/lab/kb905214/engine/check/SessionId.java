package lab.kb905214.engine.check;

/** Names one SMTP connection of a virtual server; the key under which its check is registered. */
public record SessionId(long value) {
    @Override
    public String toString() {
        return "session-" + value;
    }
}
