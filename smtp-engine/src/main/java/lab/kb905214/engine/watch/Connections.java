package lab.kb905214.engine.watch;

import java.net.SocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The live connections of one server, by the client's address (which is how SubEtha's sessions name them). */
public final class Connections {
    private final ConcurrentMap<SocketAddress, WatchedSocket> byRemote = new ConcurrentHashMap<>();

    /** An empty registry. */
    public Connections() {}

    void add(WatchedSocket socket) {
        byRemote.put(socket.remoteAddress(), socket);
    }

    void remove(WatchedSocket socket) {
        SocketAddress remote = socket.remoteAddress();
        if (remote != null) {
            byRemote.remove(remote, socket);
        }
    }

    /** The live connection from {@code remote}, as SubEtha's {@code MessageContext.getRemoteAddress()} gives it. */
    public Optional<WatchedSocket> find(SocketAddress remote) {
        return remote == null ? Optional.empty() : Optional.ofNullable(byRemote.get(remote));
    }

    /** The live connections now. */
    public List<WatchedSocket> live() {
        return List.copyOf(byRemote.values());
    }

    /** How many connections are live. */
    public int size() {
        return byRemote.size();
    }
}
