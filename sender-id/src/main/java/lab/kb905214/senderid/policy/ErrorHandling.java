package lab.kb905214.senderid.policy;

/** How a TempError or PermError result is treated. */
public enum ErrorHandling {
    /** As a message that passed: accept and stamp. */
    ACCEPT,
    /** As a Fail: the Fail action applies. */
    TREAT_AS_FAIL,
    /** Answer 451 4.4.3 so the client retries later (the lab's default for TempError). */
    DEFER
}
