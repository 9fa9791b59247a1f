package lab.kb905214.engine.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import lab.kb905214.engine.smtp.EngineConfig;
import lab.kb905214.senderid.check.SenderIdCheck;
import lab.kb905214.senderid.check.SenderIdRequest;
import lab.kb905214.senderid.check.SenderIdVerdict;
import org.junit.jupiter.api.Test;

/** The verdict wait's bound: one type for bounded and unbounded, derived from the check's own limit by default. */
class WaitBoundTest {

    @Test
    void aDeploymentWaitsTheChecksOwnLimitPlusTheMargin() {
        SenderIdCheck threeSecondCheck = new SenderIdCheck() {
            @Override
            public CompletableFuture<SenderIdVerdict> check(SenderIdRequest request) {
                return new CompletableFuture<>();
            }

            @Override
            public Duration longestCheck() {
                return Duration.ofSeconds(3);
            }
        };

        EngineConfig config =
                EngineConfig.builder(Path.of("maildir"), threeSecondCheck).build();

        assertThat(config.verdictWaitBound().limit())
                .contains(Duration.ofSeconds(3).plus(WaitBound.MARGIN));
    }

    @Test
    void aHarnessSaysUnboundedInTheSameType() {
        SenderIdCheck check = request -> new CompletableFuture<>();

        EngineConfig config = EngineConfig.builder(Path.of("maildir"), check)
                .verdictWaitBound(WaitBound.unbounded())
                .build();

        assertThat(config.verdictWaitBound().isBounded()).isFalse();
        assertThat(config.verdictWaitBound().limit()).isEmpty();
        assertThat(config.verdictWaitBound()).hasToString("unbounded");
    }

    @Test
    void aBoundMustBePositive() {
        assertThatThrownBy(() -> WaitBound.atMost(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WaitBound.atMost(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(WaitBound.atMost(Duration.ofMillis(90))).hasToString("at most 90 ms");
        assertThat(WaitBound.afterEvaluation(Duration.ofSeconds(20))).hasToString("at most 22 s");
    }
}
