package lab.kb905214.engine.fixed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import lab.kb905214.engine.smtp.EngineConfig;
import lab.kb905214.engine.smtp.VirtualServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixed engine's coordinator comes from this module and nowhere else: its class is loaded from engine-fixed's
 * classes (or jar), lives in this module's package, and the buggy coordinator is not even on the classpath, so
 * neither can shadow the other.
 */
@Timeout(60)
class CoordinatorOriginTest {

    @TempDir
    Path dir;

    @Test
    void theCoordinatorClassIsLoadedFromThisModule() throws Exception {
        Path location = codeSource(FixedCoordinator.class);

        boolean classesDirectory = location.endsWith(Path.of("engine-fixed", "target", "classes"));
        boolean moduleJar = location.getFileName().toString().matches("engine-fixed-[^/]*\\.jar");
        assertThat(classesDirectory || moduleJar).as("loaded from %s", location).isTrue();
        // Not from the shared server's module, where the coordinator interface lives.
        assertThat(location).isNotEqualTo(codeSource(VirtualServer.class));
    }

    @Test
    void theCoordinatorLivesInThisModulesPackage() {
        assertThat(FixedCoordinator.class.getPackageName()).isEqualTo("lab.kb905214.engine.fixed");
        assertThat(FixedEngine.class.getPackageName()).isEqualTo("lab.kb905214.engine.fixed");
    }

    @Test
    void theOtherEnginesCoordinatorIsNotOnTheClasspath() {
        assertThatThrownBy(() -> Class.forName("lab.kb905214.engine.buggy.BuggyCoordinator"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("lab.kb905214.engine.buggy.BuggyEngine"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theEngineRunsThisModulesCoordinator() throws Exception {
        // No message is sent, so the check is never called; it only has to exist.
        EngineConfig config = EngineConfig.builder(dir.resolve("maildir"), request -> new CompletableFuture<>())
                .build();
        VirtualServer server = FixedEngine.start(config);
        try {
            assertThat(server.coordinator()).isExactlyInstanceOf(FixedCoordinator.class);
        } finally {
            server.close();
        }
        assertThat(server.isAbandoned()).isFalse();
        // Later tests in this JVM count threads against a baseline: leave none of this server's behind.
        await("the server's threads to end")
                .atMost(RealStack.WAIT)
                .until(() -> server.threads().isEmpty());
    }

    private static Path codeSource(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
