package lab.kb905214.engine.check;

/** A Sender ID check in flight for one session: registered by the session, finished by the completion path. */
public interface PendingCheck {
    /** The session the check belongs to. */
    SessionId session();
}
