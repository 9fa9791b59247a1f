package lab.kb905214.engine.fixed;

import java.io.IOException;
import lab.kb905214.engine.smtp.EngineConfig;
import lab.kb905214.engine.smtp.VirtualServer;

/** Starts the SMTP virtual server with the hotfixed coordinator, its wait bounded by the configured bound. */
public final class FixedEngine {
    private FixedEngine() {}

    /**
     * A started engine. An unbounded {@code verdictWaitBound} is for harnesses only: there a lost wakeup must show as a
     * hang instead of hiding behind a TempError at the bound.
     */
    public static VirtualServer start(EngineConfig config) throws IOException {
        return VirtualServer.start(config, FixedCoordinator.waiting(config.verdictWaitBound()));
    }
}
