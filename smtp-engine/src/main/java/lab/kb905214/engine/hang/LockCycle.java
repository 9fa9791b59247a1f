package lab.kb905214.engine.hang;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A Java-level deadlock: threads that each hold a monitor another one in the cycle wants.
 *
 * @param links one entry per thread in the cycle, in cycle order
 */
public record LockCycle(List<Link> links) {

    /**
     * One thread of the cycle.
     *
     * @param thread the thread's name
     * @param holds the monitor it holds that the next thread wants (class name and identity hash)
     * @param heldAt the frame that holds {@code holds} (the JVM gives the frame's current line, not the lock statement)
     * @param wants the monitor it is blocked on
     * @param blockedAt the code line where it is blocked
     */
    public record Link(String thread, String holds, String heldAt, String wants, String blockedAt) {}

    public LockCycle {
        links = List.copyOf(links);
    }

    /** The lock classes in the cycle (binary names, e.g. {@code ...BuggyCoordinator$RegistryLock}). */
    public List<String> lockClasses() {
        return links.stream()
                .map(l -> l.wants().replaceAll("@.*$", ""))
                .distinct()
                .collect(Collectors.toList());
    }

    /** The methods the threads are blocked in, e.g. {@code BuggyCoordinator.complete}. */
    public List<String> blockedMethods() {
        return links.stream().map(l -> method(l.blockedAt())).collect(Collectors.toList());
    }

    private static String method(String frame) {
        int paren = frame.indexOf('(');
        String qualified = paren < 0 ? frame : frame.substring(0, paren);
        int methodDot = qualified.lastIndexOf('.');
        int classDot = qualified.lastIndexOf('.', methodDot - 1);
        return qualified.substring(classDot + 1);
    }

    /** The cycle as a person reads it: each thread, what it holds and where, what it wants and where. */
    public String describe() {
        StringBuilder out = new StringBuilder("Java-level deadlock, " + links.size() + " threads:\n");
        for (Link link : links) {
            out.append("  \"")
                    .append(link.thread())
                    .append("\"\n")
                    .append("      holds ")
                    .append(simple(link.holds()))
                    .append("  (held in ")
                    .append(method(link.heldAt()))
                    .append(")\n")
                    .append("      wants ")
                    .append(simple(link.wants()))
                    .append("  (blocked at ")
                    .append(link.blockedAt())
                    .append(")\n");
        }
        return out.toString();
    }

    private static String simple(String lock) {
        return lock.substring(lock.lastIndexOf('.') + 1);
    }
}
