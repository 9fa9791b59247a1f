package lab.kb905214.engine.buggy;

import java.io.IOException;
import lab.kb905214.engine.smtp.EngineConfig;
import lab.kb905214.engine.smtp.VirtualServer;

/** Starts the SMTP virtual server with the coordinator as shipped; its waits have no bound, as in the original. */
public final class BuggyEngine {
    private BuggyEngine() {}

    /** A started engine; stop it with {@link VirtualServer#closeAbandoningIfHung}, since it may be deadlocked. */
    public static VirtualServer start(EngineConfig config) throws IOException {
        return VirtualServer.start(config, new BuggyCoordinator());
    }
}
