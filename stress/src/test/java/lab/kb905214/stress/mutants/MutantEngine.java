package lab.kb905214.stress.mutants;

import java.io.IOException;
import lab.kb905214.engine.smtp.EngineConfig;
import lab.kb905214.engine.smtp.VirtualServer;
import lab.kb905214.results.Engine;
import lab.kb905214.stress.rig.EngineUnderTest;

/** The shared SMTP virtual server around a mutant coordinator, started like the two shipped engines. */
public record MutantEngine(Mutant mutant) implements EngineUnderTest {

    @Override
    public VirtualServer start(EngineConfig config) throws IOException {
        return VirtualServer.start(config, mutant.create());
    }

    @Override
    public Engine engine() {
        return mutant.engine();
    }
}
