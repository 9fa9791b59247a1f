package lab.kb905214.stress.rig;

import java.io.IOException;
import java.util.Locale;
import lab.kb905214.engine.buggy.BuggyEngine;
import lab.kb905214.engine.fixed.FixedEngine;
import lab.kb905214.engine.smtp.EngineConfig;
import lab.kb905214.engine.smtp.VirtualServer;

/** The two engines a harness can drive; each starts through its own module's assembly. */
public enum EngineKind implements EngineUnderTest {
    BUGGY {
        @Override
        public VirtualServer start(EngineConfig config) throws IOException {
            return BuggyEngine.start(config);
        }
    },
    FIXED {
        @Override
        public VirtualServer start(EngineConfig config) throws IOException {
            return FixedEngine.start(config);
        }
    };

    @Override
    public abstract VirtualServer start(EngineConfig config) throws IOException;

    /** "buggy" or "fixed", as results files name engines. */
    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
