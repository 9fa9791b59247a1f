package lab.kb905214.senderid.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import lab.kb905214.senderid.spf.SpfResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** MS-OXCMAIL PidTagSenderIdStatus values, one per result. */
class SenderIdStatusTest {

    @ParameterizedTest(name = "{0} = {2}")
    @CsvSource(textBlock = """
            NEUTRAL,   1,          0x1
            PASS,      2,          0x2
            FAIL,      3,          0x3
            SOFTFAIL,  4,          0x4
            NONE,      5,          0x5
            TEMPERROR, 2147483654, 0x80000006
            PERMERROR, 2147483655, 0x80000007
            """)
    void eachResultHasExchangesValue(SpfResult result, long unsigned, String hex) {
        SenderIdStatus status = SenderIdStatus.of(result);

        assertThat(Integer.toUnsignedLong(status.value())).isEqualTo(unsigned);
        assertThat(status.hex()).isEqualTo(hex);
    }

    @Test
    void everyResultMapsToItsOwnStatus() {
        assertThat(Arrays.stream(SpfResult.values()).map(SenderIdStatus::of).distinct())
                .hasSize(SpfResult.values().length);
        assertThat(SenderIdStatus.values()).hasSameSizeAs(SpfResult.values());
    }

    @Test
    void theErrorValuesHaveTheHighBitSet() {
        // Exchange stored these as HRESULT-like 32-bit values: negative as a Java int.
        assertThat(SenderIdStatus.TEMPERROR.value()).isNegative().isEqualTo(0x80000006);
        assertThat(SenderIdStatus.PERMERROR.value()).isNegative().isEqualTo(0x80000007);
    }
}
