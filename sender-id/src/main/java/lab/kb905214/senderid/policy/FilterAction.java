package lab.kb905214.senderid.policy;

/** What Exchange 2003 SP2 does with a message whose Sender ID check failed (Message Delivery → Sender ID Filtering). */
public enum FilterAction {
    /** Accept the message and stamp its status for later filters (Exchange's default). */
    ACCEPT,
    /** Accept with 250, then drop the message silently, without an NDR. */
    DELETE,
    /** Refuse the message in the SMTP session with 550 5.7.1. */
    REJECT
}
