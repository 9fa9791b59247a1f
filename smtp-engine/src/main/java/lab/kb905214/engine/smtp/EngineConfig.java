package lab.kb905214.engine.smtp;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import lab.kb905214.engine.check.WaitBound;
import lab.kb905214.senderid.check.Scope;
import lab.kb905214.senderid.check.SenderIdCheck;
import lab.kb905214.senderid.headers.HeaderLimits;
import lab.kb905214.senderid.policy.FilterPolicy;
import lab.kb905214.senderid.policy.PerimeterIps;

/**
 * The settings of one SMTP virtual server. Build one with {@link #builder(Path, SenderIdCheck)}; every other
 * setting has the default documented on its builder method.
 */
public final class EngineConfig {
    /** How far a connection's watcher reads ahead of its session at most, unless configured otherwise: 64 KiB. */
    public static final int DEFAULT_READ_AHEAD_BYTES = 64 * 1024;

    private final InetAddress bindAddress;
    private final int port;
    private final String hostName;
    private final int maxConnections;
    private final Duration connectionTimeout;
    private final int maxMessageSize;
    private final HeaderLimits headerLimits;
    private final int maxRecipients;
    private final Path maildir;
    private final FilterPolicy filterPolicy;
    private final PerimeterIps perimeterIps;
    private final String receiverName;
    private final SenderIdCheck check;
    private final Scope scope;
    private final WaitBound verdictWaitBound;
    private final Duration stopLimit;
    private final int readAheadBytes;

    private EngineConfig(Builder b) {
        this.bindAddress = b.bindAddress;
        this.port = b.port;
        this.hostName = b.hostName;
        this.maxConnections = b.maxConnections;
        this.connectionTimeout = b.connectionTimeout;
        this.maxMessageSize = b.maxMessageSize;
        this.headerLimits = b.headerLimits;
        this.maxRecipients = b.maxRecipients;
        this.maildir = b.maildir;
        this.filterPolicy = b.filterPolicy;
        this.perimeterIps = b.perimeterIps;
        this.receiverName = b.receiverName == null ? b.hostName : b.receiverName;
        this.check = b.check;
        this.scope = b.scope;
        // Derived, not a second constant: the check's own limit, plus the hand-off's margin.
        this.verdictWaitBound =
                b.verdictWaitBound != null ? b.verdictWaitBound : WaitBound.afterEvaluation(b.check.longestCheck());
        this.stopLimit = b.stopLimit;
        this.readAheadBytes = b.readAheadBytes;
    }

    /** A builder for a server storing into {@code maildir} and checking with {@code check}. */
    public static Builder builder(Path maildir, SenderIdCheck check) {
        return new Builder(maildir, check);
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder(maildir, check);
        b.bindAddress = bindAddress;
        b.port = port;
        b.hostName = hostName;
        b.maxConnections = maxConnections;
        b.connectionTimeout = connectionTimeout;
        b.maxMessageSize = maxMessageSize;
        b.headerLimits = headerLimits;
        b.maxRecipients = maxRecipients;
        b.filterPolicy = filterPolicy;
        b.perimeterIps = perimeterIps;
        b.receiverName = receiverName;
        b.scope = scope;
        b.verdictWaitBound = verdictWaitBound;
        b.stopLimit = stopLimit;
        b.readAheadBytes = readAheadBytes;
        return b;
    }

    /** The address the server listens on. */
    public InetAddress bindAddress() {
        return bindAddress;
    }

    /** The port to listen on; 0 picks a free one (see {@link VirtualServer#port()}). */
    public int port() {
        return port;
    }

    /** The name the server greets with and announces in EHLO. */
    public String hostName() {
        return hostName;
    }

    /** The most simultaneous connections; further clients wait in the accept backlog. */
    public int maxConnections() {
        return maxConnections;
    }

    /** How long a session waits for the client's next bytes before "421 Timeout" (idle timeout). */
    public Duration connectionTimeout() {
        return connectionTimeout;
    }

    /** The largest message accepted, in octets after dot-unstuffing; larger ones get 552 5.3.4. */
    public int maxMessageSize() {
        return maxMessageSize;
    }

    /** The header section's limits: fields and octets (552 5.3.4) and line length (500 5.5.2). */
    public HeaderLimits headerLimits() {
        return headerLimits;
    }

    /** The most recipients per message; the next RCPT gets 452 4.5.3. */
    public int maxRecipients() {
        return maxRecipients;
    }

    /** The Maildir accepted messages are stored in. */
    public Path maildir() {
        return maildir;
    }

    /** What to do with each Sender ID result. */
    public FilterPolicy filterPolicy() {
        return filterPolicy;
    }

    /** The organisation's perimeter relays, whose recorded client address is checked instead of their own. */
    public PerimeterIps perimeterIps() {
        return perimeterIps;
    }

    /** The authserv-id written in Authentication-Results (and the receiver in Received-SPF). */
    public String receiverName() {
        return receiverName;
    }

    /** The Sender ID check every session uses. */
    public SenderIdCheck check() {
        return check;
    }

    /** Which identity is checked (PRA, as Exchange 2003 SP2 did, unless set otherwise). */
    public Scope scope() {
        return scope;
    }

    /**
     * The bound on a session's wait for its verdict, read by the fixed coordinator only (the harnesses run it
     * unbounded, since a bound can hide a lost wakeup).
     */
    public WaitBound verdictWaitBound() {
        return verdictWaitBound;
    }

    /** How long {@link VirtualServer#close()} waits for SubEtha to stop before abandoning the server. */
    public Duration stopLimit() {
        return stopLimit;
    }

    /** The most bytes a connection's watcher reads ahead of its session. */
    public int readAheadBytes() {
        return readAheadBytes;
    }

    /** Builds an {@link EngineConfig}; each setter documents its default. */
    public static final class Builder {
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port;
        private String hostName = "localhost";
        private int maxConnections = 64;
        private Duration connectionTimeout = Duration.ofSeconds(60);
        private int maxMessageSize = 10 * 1024 * 1024;
        private HeaderLimits headerLimits = HeaderLimits.defaults();
        private int maxRecipients = 100;
        private final Path maildir;
        private FilterPolicy filterPolicy = FilterPolicy.defaults();
        private PerimeterIps perimeterIps = PerimeterIps.none();
        private String receiverName;
        private final SenderIdCheck check;
        private Scope scope = Scope.PRA;
        private WaitBound verdictWaitBound; // null: derived from the check's longest evaluation
        private Duration stopLimit = Duration.ofSeconds(5);
        private int readAheadBytes = DEFAULT_READ_AHEAD_BYTES;

        private Builder(Path maildir, SenderIdCheck check) {
            this.maildir = Objects.requireNonNull(maildir, "maildir");
            this.check = Objects.requireNonNull(check, "check");
        }

        /** Default 127.0.0.1 (loopback). */
        public Builder bindAddress(InetAddress address) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /** Default 0 (an ephemeral port). */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("port out of range: " + value);
            }
            this.port = value;
            return this;
        }

        /** Default "localhost". */
        public Builder hostName(String name) {
            this.hostName = requireText(name, "hostName");
            return this;
        }

        /** Default 64. */
        public Builder maxConnections(int value) {
            this.maxConnections = requirePositive(value, "maxConnections");
            return this;
        }

        /** Default 60 s. */
        public Builder connectionTimeout(Duration value) {
            if (value.isNegative() || value.isZero() || value.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("connectionTimeout out of range: " + value);
            }
            this.connectionTimeout = value;
            return this;
        }

        /** Default 10 MiB. */
        public Builder maxMessageSize(int octets) {
            this.maxMessageSize = requirePositive(octets, "maxMessageSize");
            return this;
        }

        /** Default {@link HeaderLimits#defaults()} (1000 fields, 998-octet lines, 256 KiB). */
        public Builder headerLimits(HeaderLimits limits) {
            this.headerLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Default 100. */
        public Builder maxRecipients(int value) {
            this.maxRecipients = requirePositive(value, "maxRecipients");
            return this;
        }

        /** Default {@link FilterPolicy#defaults()} (accept and stamp; TempError deferred). */
        public Builder filterPolicy(FilterPolicy policy) {
            this.filterPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Default {@link PerimeterIps#none()}. */
        public Builder perimeterIps(PerimeterIps ips) {
            this.perimeterIps = Objects.requireNonNull(ips, "ips");
            return this;
        }

        /** Default: the host name. */
        public Builder receiverName(String name) {
            this.receiverName = requireText(name, "receiverName");
            return this;
        }

        /** Default {@link Scope#PRA}. */
        public Builder scope(Scope value) {
            this.scope = Objects.requireNonNull(value, "scope");
            return this;
        }

        /**
         * Default {@link WaitBound#afterEvaluation}: the check's {@link SenderIdCheck#longestCheck()} plus a margin.
         */
        public Builder verdictWaitBound(WaitBound bound) {
            this.verdictWaitBound = Objects.requireNonNull(bound, "verdictWaitBound");
            return this;
        }

        /** Default 5 s. */
        public Builder stopLimit(Duration limit) {
            if (limit.isNegative()) {
                throw new IllegalArgumentException("stopLimit is negative: " + limit);
            }
            this.stopLimit = limit;
            return this;
        }

        /** Default 64 KiB. */
        public Builder readAheadBytes(int bytes) {
            this.readAheadBytes = requirePositive(bytes, "readAheadBytes");
            return this;
        }

        /** The configuration. */
        public EngineConfig build() {
            return new EngineConfig(this);
        }

        private static int requirePositive(int value, String what) {
            if (value < 1) {
                throw new IllegalArgumentException(what + " must be positive: " + value);
            }
            return value;
        }

        private static String requireText(String value, String what) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return value;
        }
    }
}
