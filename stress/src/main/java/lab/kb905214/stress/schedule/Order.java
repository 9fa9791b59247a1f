package lab.kb905214.stress.schedule;

/** How a schedule orders the same operations. */
public enum Order {
    /** The interleaving that opens the race window. */
    RACY,
    /** The same operations one after another: the control that shows the hang needs the interleaving. */
    BENIGN
}
