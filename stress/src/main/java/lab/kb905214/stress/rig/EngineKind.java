package lab.kb905214.stress.rig;

import java.io.IOException;
import lab.kb905214.engine.buggy.BuggyEngine;
import lab.kb905214.engine.fixed.FixedEngine;
import lab.kb905214.engine.smtp.EngineConfig;
import lab.kb905214.engine.smtp.VirtualServer;
import lab.kb905214.results.Engine;

/** The two engines a harness can drive; each starts through its own module's assembly. */
public enum EngineKind implements EngineUnderTest {
    BUGGY(Engine.BUGGY) {
        @Override
        public VirtualServer start(EngineConfig config) throws IOException {
            return BuggyEngine.start(config);
        }
    },
    FIXED(Engine.FIXED) {
        @Override
        public VirtualServer start(EngineConfig config) throws IOException {
            return FixedEngine.start(config);
        }
    };

    @SuppressWarnings("ImmutableEnumChecker") // Engine is a record of one String: immutable
    private final Engine engine;

    EngineKind(Engine engine) {
        this.engine = engine;
    }

    @Override
    public abstract VirtualServer start(EngineConfig config) throws IOException;

    @Override
    public Engine engine() {
        return engine;
    }

    /** The shipped engine that results files call {@code engine}. */
    public static EngineKind of(Engine engine) {
        for (EngineKind kind : values()) {
            if (kind.engine.equals(engine)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("not a shipped engine: " + engine);
    }
}
