package lab.kb905214.engine.buggy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import lab.kb905214.engine.smtp.EngineConfig;
import lab.kb905214.engine.smtp.VirtualServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The buggy engine's coordinator comes from this module and nowhere else: its class is loaded from engine-buggy's
 * classes (or jar), lives in this module's package, and the fixed coordinator is not even on the classpath, so
 * neither can shadow the other.
 */
@Timeout(60)
class CoordinatorOriginTest {

    @TempDir
    Path dir;

    @Test
    void theCoordinatorClassIsLoadedFromThisModule() throws Exception {
        Path location = codeSource(BuggyCoordinator.class);

        boolean classesDirectory = location.endsWith(Path.of("engine-buggy", "target", "classes"));
        boolean moduleJar = location.getFileName().toString().matches("engine-buggy-[^/]*\\.jar");
        assertThat(classesDirectory || moduleJar).as("loaded from %s", location).isTrue();
        // Not from the shared server's module, where the coordinator interface lives.
        assertThat(location).isNotEqualTo(codeSource(VirtualServer.class));
    }

    @Test
    void theCoordinatorLivesInThisModulesPackage() {
        assertThat(BuggyCoordinator.class.getPackageName()).isEqualTo("lab.kb905214.engine.buggy");
        assertThat(BuggyEngine.class.getPackageName()).isEqualTo("lab.kb905214.engine.buggy");
    }

    @Test
    void theOtherEnginesCoordinatorIsNotOnTheClasspath() {
        assertThatThrownBy(() -> Class.forName("lab.kb905214.engine.fixed.FixedCoordinator"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("lab.kb905214.engine.fixed.FixedEngine"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theEngineRunsThisModulesCoordinator() throws Exception {
        // No message is sent, so the check is never called (and nothing can race); it only has to exist.
        EngineConfig config = EngineConfig.builder(dir.resolve("maildir"), request -> new CompletableFuture<>())
                .build();
        VirtualServer server = BuggyEngine.start(config);
        try {
            assertThat(server.coordinator()).isExactlyInstanceOf(BuggyCoordinator.class);
        } finally {
            server.close();
        }
        assertThat(server.isAbandoned()).isFalse();
    }

    private static Path codeSource(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
