package lab.kb905214.engine.failpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The failpoints record what happened (armed or not, which steps were reached while armed): results files say that. */
class FailpointsRecordTest {

    @Test
    void failpointsNeverArmedRecordNothing() {
        Failpoints failpoints = new Failpoints();
        failpoints.reach(Step.COMPLETION_BEGIN);
        assertThat(failpoints.wereArmed()).isFalse();
        assertThat(failpoints.stepsReached()).isEmpty();
    }

    @Test
    void onlyStepsReachedWhileArmedAreRecordedAndArmingIsRememberedAfterDisarm() {
        Failpoints failpoints = new Failpoints();
        failpoints.reach(Step.TEARDOWN_CANCEL); // before arming: not part of any schedule
        failpoints.arm(Schedule.pausing(Set.of(), Duration.ofSeconds(1)));
        failpoints.reach(Step.WAITER_CHECKED);
        failpoints.reach(Step.COMPLETION_POST);
        failpoints.disarm();
        failpoints.reach(Step.TEARDOWN_DONE); // after disarming: not recorded either
        assertThat(failpoints.wereArmed()).isTrue();
        assertThat(failpoints.stepsReached()).containsExactly(Step.COMPLETION_POST, Step.WAITER_CHECKED);
    }
}
