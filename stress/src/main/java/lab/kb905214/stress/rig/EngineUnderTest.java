package lab.kb905214.stress.rig;

import java.io.IOException;
import lab.kb905214.engine.smtp.EngineConfig;
import lab.kb905214.engine.smtp.VirtualServer;
import lab.kb905214.results.Engine;

/**
 * An engine a harness can drive: one of the two shipped engines ({@link EngineKind}) or, in the lab's own mutation
 * analysis, the shared virtual server around a deliberately broken coordinator.
 */
public interface EngineUnderTest {

    /** Starts this engine with {@code config}. */
    VirtualServer start(EngineConfig config) throws IOException;

    /** This engine as results files name it ("buggy", "fixed", "mutant-M1", ...). */
    Engine engine();
}
