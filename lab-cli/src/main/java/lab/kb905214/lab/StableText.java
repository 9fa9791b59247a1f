package lab.kb905214.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import lab.kb905214.engine.hang.LockCycle;
import lab.kb905214.engine.thread.ThreadRole;

/**
 * Text about a run with what changes from run to run taken out: ports in thread names, identity hash codes of
 * locks, Maildir queue names. What is left is what the schedule decided, so the same schedule prints the same text.
 */
final class StableText {
    private static final Pattern SESSION_THREAD = Pattern.compile("smtp-session-\\d+-(\\d+)");
    /** SubEtha renames a session's thread after its client: "org.subethamail.smtp.server.Session-/127.0.0.1:53052". */
    private static final Pattern SUBETHA_SESSION =
            Pattern.compile("org\\.subethamail\\.smtp\\.server\\.Session-/([^\\s:;,]+):\\d+");
    /** The class loader's name in a stack frame ("app//lab.kb905214..."): noise to a reader. */
    private static final Pattern LOADER_PREFIX = Pattern.compile("\\bapp//");

    private static final Pattern COMPLETION_THREAD = Pattern.compile("completion-\\d+");
    private static final Pattern ACCEPT_THREAD = Pattern.compile("smtp-accept-\\d+");
    private static final Pattern WATCHER_THREAD = Pattern.compile("watcher-\\d+");
    private static final Pattern IDENTITY_HASH = Pattern.compile("(\\b[A-Z]\\w*(?:\\$\\w+)*)@[0-9a-f]{1,8}\\b");
    private static final Pattern QUEUE_NAME = Pattern.compile("queued as [^\\s;]+");

    private StableText() {}

    /** {@code text} without ports, identity hash codes or queue names. */
    static String of(String text) {
        String out = SESSION_THREAD.matcher(text).replaceAll("smtp-session-$1");
        out = SUBETHA_SESSION.matcher(out).replaceAll("the session thread of a client at $1");
        out = LOADER_PREFIX.matcher(out).replaceAll("");
        out = COMPLETION_THREAD.matcher(out).replaceAll("completion");
        out = ACCEPT_THREAD.matcher(out).replaceAll("smtp-accept");
        out = WATCHER_THREAD.matcher(out).replaceAll("watcher");
        out = IDENTITY_HASH.matcher(out).replaceAll("$1");
        return QUEUE_NAME.matcher(out).replaceAll("queued as <queue name>");
    }

    /**
     * The lock cycle, one block per thread, starting with the completion thread (the JVM reports a cycle from
     * whichever thread it meets first, which varies): the role, the lock held and the method holding it, the lock
     * wanted and the code line where the thread is blocked.
     */
    static List<String> cycle(LockCycle cycle) {
        List<LockCycle.Link> links = new ArrayList<>(cycle.links());
        int first = 0;
        for (int i = 0; i < links.size(); i++) {
            if (ThreadRole.COMPLETION.names(links.get(i).thread())) {
                first = i;
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("Lock cycle (a Java-level deadlock between " + links.size() + " threads):");
        for (int k = 0; k < links.size(); k++) {
            LockCycle.Link link = links.get((first + k) % links.size());
            lines.add(String.format(
                    "  %-17s holds %s (taken in %s)", role(link.thread()), lock(link.holds()), method(link.heldAt())));
            lines.add(String.format("  %-17s wants %s, blocked at %s", "", lock(link.wants()), of(link.blockedAt())));
        }
        return lines;
    }

    /** The part a thread plays, from its name. */
    static String role(String thread) {
        return ThreadRole.of(thread).map(ThreadRole::description).orElseGet(() -> of(thread));
    }

    // "lab.kb905214.engine.buggy.BuggyCoordinator$RegistryLock@1b2c3d" -> "BuggyCoordinator$RegistryLock"
    private static String lock(String lock) {
        String name = lock.replaceAll("@[0-9a-f]+$", "");
        return name.substring(name.lastIndexOf('.') + 1);
    }

    // "lab...BuggyCoordinator.complete(BuggyCoordinator.java:88)" -> "BuggyCoordinator.complete"
    private static String method(String frame) {
        int paren = frame.indexOf('(');
        String qualified = paren < 0 ? frame : frame.substring(0, paren);
        int methodDot = qualified.lastIndexOf('.');
        int classDot = methodDot < 0 ? -1 : qualified.lastIndexOf('.', methodDot - 1);
        return qualified.substring(classDot + 1);
    }
}
