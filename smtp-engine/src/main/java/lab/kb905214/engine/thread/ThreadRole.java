package lab.kb905214.engine.thread;

import java.util.Arrays;
import java.util.Optional;
import lab.kb905214.senderid.dns.DnsClient;

/**
 * The part a thread of the engine plays, which its name carries: the engine names its threads here and everyone who
 * reads a thread dump (the hang judge, the assumption audit, the load harness, the replay's stable text) classifies
 * them here, so a renamed thread cannot silently fall out of a check.
 */
public enum ThreadRole {
    /** Accepts connections (SubEtha's server thread): {@code smtp-accept-<port>}. */
    ACCEPT("smtp-accept-", "accept thread", Lifetime.ENGINE),
    /** Runs one SMTP session and waits there for its check's verdict: {@code smtp-session-<port>-<n>}. */
    SESSION("smtp-session-", "session thread", Lifetime.ENGINE),
    /**
     * A session thread once SubEtha has renamed it after its client
     * ({@code org.subethamail.smtp.server.Session-/127.0.0.1:53052}).
     */
    SUBETHA_SESSION("org.subethamail.", "session thread", Lifetime.ENGINE),
    /**
     * Reads one connection ahead of its session and tears the check down when the client leaves: {@code watcher-<id>}.
     */
    WATCHER("watcher-", "watcher thread", Lifetime.ENGINE),
    /** Posts every verdict to the coordinator, the server's completion executor: {@code completion-<port>}. */
    COMPLETION("completion-", "completion thread", Lifetime.SERVICE),
    /** Stops SubEtha's server when the engine stops: {@code smtp-stop-<port>}. */
    STOP("smtp-stop-", "stop thread", Lifetime.ENGINE),
    /** The Sender ID evaluator's DNS client and its timer ({@link DnsClient}): {@code dns-client-<n>}. */
    DNS_CLIENT(DnsClient.THREAD_NAME_PREFIX, "DNS client thread", Lifetime.SERVICE),
    /** dnsjava's own I/O thread, which its resolvers share: started once per JVM, it outlives every engine. */
    DNSJAVA("dnsjava", "dnsjava I/O thread", Lifetime.JVM);

    /** How long a role's threads live, and what they may wait for. */
    private enum Lifetime {
        /** Started for one engine, ended when it stops. */
        ENGINE,
        /** Started for one engine, ended when it stops, and waiting only for its next task in between. */
        SERVICE,
        /** Started once in a JVM and shared by every engine in it. */
        JVM
    }

    private final String prefix;
    private final String description;
    private final Lifetime lifetime;

    ThreadRole(String prefix, String description, Lifetime lifetime) {
        this.prefix = prefix;
        this.description = description;
        this.lifetime = lifetime;
    }

    /** The name of this role's thread for {@code suffix} (a port, a session id, a count). */
    public String threadName(Object suffix) {
        return prefix + suffix;
    }

    /** Whether {@code threadName} is a thread of this role. */
    public boolean names(String threadName) {
        return threadName.startsWith(prefix);
    }

    /** How a reader calls such a thread ("completion thread"). */
    public String description() {
        return description;
    }

    /**
     * Whether threads of this role serve a work queue and must never wait for anything but their next task (the
     * assumption under which the coordinator's proofs speak for the whole server).
     */
    public boolean isService() {
        return lifetime == Lifetime.SERVICE;
    }

    /** Whether threads of this role belong to one engine, so none may be left once it has stopped. */
    public boolean endsWithEngine() {
        return lifetime != Lifetime.JVM;
    }

    /** The role of the engine thread named {@code threadName}; empty for a thread that is not the engine's. */
    public static Optional<ThreadRole> of(String threadName) {
        return Arrays.stream(values()).filter(role -> role.names(threadName)).findFirst();
    }

    /** Whether {@code threadName} names one of the engine's threads. */
    public static boolean isEngine(String threadName) {
        return of(threadName).isPresent();
    }

    /** Whether {@code threadName} names a thread that one engine started and must end when it stops. */
    public static boolean endsWithItsEngine(String threadName) {
        return of(threadName).map(ThreadRole::endsWithEngine).orElse(false);
    }
}
