package lab.kb905214.senderid.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import lab.kb905214.senderid.spf.SpfResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Exchange 2003 SP2's Sender ID filtering decisions: every result under every Fail action and error handling. */
class FilterPolicyTest {

    /** Every result under every Fail action, with the default TempError (defer) and PermError (accept) handling. */
    static Stream<Arguments> everyResultUnderEveryAction() {
        List<Arguments> rows = new ArrayList<>();
        for (FilterAction action : FilterAction.values()) {
            Decision onFail = switch (action) {
                case ACCEPT -> Decision.ACCEPT;
                case DELETE -> Decision.DELETE;
                case REJECT -> Decision.REJECT;
            };
            rows.add(Arguments.of(SpfResult.PASS, action, Decision.ACCEPT));
            rows.add(Arguments.of(SpfResult.NEUTRAL, action, Decision.ACCEPT));
            rows.add(Arguments.of(SpfResult.NONE, action, Decision.ACCEPT));
            rows.add(Arguments.of(SpfResult.SOFTFAIL, action, Decision.ACCEPT));
            rows.add(Arguments.of(SpfResult.FAIL, action, onFail));
            rows.add(Arguments.of(SpfResult.TEMPERROR, action, Decision.DEFER));
            rows.add(Arguments.of(SpfResult.PERMERROR, action, Decision.ACCEPT));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} with Fail action {1}: {2}")
    @MethodSource("everyResultUnderEveryAction")
    void onlyFailFollowsTheFailAction(SpfResult result, FilterAction action, Decision expected) {
        assertThat(FilterPolicy.defaults().withOnFail(action).decide(result)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} handled as {1}, Fail action {2}: {3}")
    @CsvSource(textBlock = """
            TEMPERROR, ACCEPT,        ACCEPT, ACCEPT
            TEMPERROR, ACCEPT,        DELETE, ACCEPT
            TEMPERROR, ACCEPT,        REJECT, ACCEPT
            TEMPERROR, TREAT_AS_FAIL, ACCEPT, ACCEPT
            TEMPERROR, TREAT_AS_FAIL, DELETE, DELETE
            TEMPERROR, TREAT_AS_FAIL, REJECT, REJECT
            TEMPERROR, DEFER,         ACCEPT, DEFER
            TEMPERROR, DEFER,         DELETE, DEFER
            TEMPERROR, DEFER,         REJECT, DEFER
            PERMERROR, ACCEPT,        ACCEPT, ACCEPT
            PERMERROR, ACCEPT,        DELETE, ACCEPT
            PERMERROR, ACCEPT,        REJECT, ACCEPT
            PERMERROR, TREAT_AS_FAIL, ACCEPT, ACCEPT
            PERMERROR, TREAT_AS_FAIL, DELETE, DELETE
            PERMERROR, TREAT_AS_FAIL, REJECT, REJECT
            PERMERROR, DEFER,         ACCEPT, DEFER
            PERMERROR, DEFER,         DELETE, DEFER
            PERMERROR, DEFER,         REJECT, DEFER
            """)
    void errorsAreHandledAsConfigured(SpfResult error, ErrorHandling handling, FilterAction onFail, Decision expected) {
        FilterPolicy policy = error == SpfResult.TEMPERROR
                ? FilterPolicy.defaults().withOnFail(onFail).withOnTempError(handling)
                : FilterPolicy.defaults().withOnFail(onFail).withOnPermError(handling);

        assertThat(policy.decide(error)).isEqualTo(expected);
    }

    @Test
    void oneErrorsHandlingLeavesTheOtherAlone() {
        FilterPolicy policy =
                FilterPolicy.defaults().withOnFail(FilterAction.REJECT).withOnTempError(ErrorHandling.TREAT_AS_FAIL);

        assertThat(policy.decide(SpfResult.TEMPERROR)).isEqualTo(Decision.REJECT);
        assertThat(policy.decide(SpfResult.PERMERROR)).isEqualTo(Decision.ACCEPT);
        assertThat(policy.withOnPermError(ErrorHandling.DEFER).decide(SpfResult.TEMPERROR))
                .isEqualTo(Decision.REJECT);
    }

    @Test
    void theDefaultsAreExchangesAcceptWithTempErrorDeferred() {
        FilterPolicy defaults = FilterPolicy.defaults();

        assertThat(defaults.onFail()).isEqualTo(FilterAction.ACCEPT);
        assertThat(defaults.onTempError()).isEqualTo(ErrorHandling.DEFER);
        assertThat(defaults.onPermError()).isEqualTo(ErrorHandling.ACCEPT);
        assertThat(defaults.decide(SpfResult.FAIL))
                .as("Exchange's default stamps and accepts")
                .isEqualTo(Decision.ACCEPT);
    }

    @ParameterizedTest
    @EnumSource(Decision.class)
    void everyDecisionHasItsSmtpReply(Decision decision) {
        String reply = decision.replyCode() + " " + decision.enhancedStatus();

        assertThat(reply)
                .isEqualTo(
                        switch (decision) {
                            case ACCEPT, DELETE ->
                                "250 2.6.0"; // Delete answers like Accept: the client must not learn it was dropped
                            case REJECT -> "550 5.7.1";
                            case DEFER -> "451 4.4.3";
                        });
    }
}
