package lab.kb905214.senderid.headers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HeaderFieldTest {

    @Test
    void unfoldingRemovesLineEndsFollowedByWhiteSpaceOnly() {
        HeaderField crlf = new HeaderField("Subject", " a\r\n b\r\n\tc");
        HeaderField lf = new HeaderField("Subject", " a\n b");

        assertThat(crlf.unfoldedValue()).isEqualTo(" a b\tc");
        assertThat(lf.unfoldedValue()).isEqualTo(" a b");
        assertThat(new HeaderField("X", " a\r\nb").unfoldedValue())
                .as("not a fold")
                .isEqualTo(" a\r\nb");
    }

    @Test
    void namesMatchIgnoringAsciiCase() {
        HeaderField field = new HeaderField("Resent-Sender", " x@example.com");

        assertThat(field.hasName("resent-sender")).isTrue();
        assertThat(field.hasName("RESENT-SENDER")).isTrue();
        assertThat(field.hasName("Resent-From")).isFalse();
        assertThat(field.hasName(null)).isFalse();
    }

    @Test
    void namesDoNotMatchThroughUnicodeCaseFolding() {
        // "\u017Fender".equalsIgnoreCase("Sender") is true in Java; a header name is ASCII and must not match.
        assertThat("\u017Fender".equalsIgnoreCase("Sender")).isTrue();
        assertThat(new HeaderField("Sender", " x@example.com").hasName("\u017Fender"))
                .isFalse();
    }

    @Test
    void nonEmptyMeansMoreThanWhiteSpace() {
        assertThat(new HeaderField("Sender", "").isNonEmpty()).isFalse();
        assertThat(new HeaderField("Sender", "   \t").isNonEmpty()).isFalse();
        assertThat(new HeaderField("Sender", "  \r\n \r\n\t").isNonEmpty()).isFalse();
        assertThat(new HeaderField("Sender", " \r\n x").isNonEmpty()).isTrue();
        assertThat(new HeaderField("Sender", "()").isNonEmpty())
                .as("a comment is not white space")
                .isTrue();
    }

    @Test
    void rejectsIllegalNames() {
        assertThatThrownBy(() -> new HeaderField("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HeaderField("Bad Name", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HeaderField("A:B", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HeaderField("Caf\u00e9", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
