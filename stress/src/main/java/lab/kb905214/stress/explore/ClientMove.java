package lab.kb905214.stress.explore;

/**
 * What the client does while its check is in flight, and when: the protocol event that starts a teardown, or none.
 *
 * @param kind what the client does
 * @param atDepth how many steps had been released when it did it (0: before the first, as in every explorer run)
 */
public record ClientMove(Kind kind, int atDepth) {

    /** What the client does. */
    public enum Kind {
        /** It closes its connection: the watcher reports it gone, and the teardown closes the session. */
        LEAVE("client.leave"),
        /** It pipelines RSET behind its final dot: the watcher reports it, and the session goes on. */
        RESET("client.reset"),
        /** It waits for its reply: nothing is reported, and there is no teardown. */
        STAY("client.stay");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /** The move's name in an order ({@code client.leave}, ...). */
        public String id() {
            return id;
        }
    }

    /** The explorer's client: it leaves right after its final dot, before any step is released. */
    public static final ClientMove LEAVES_FIRST = new ClientMove(Kind.LEAVE, 0);

    /** A client that waits for its reply. */
    public static final ClientMove STAYS = new ClientMove(Kind.STAY, 0);
}
