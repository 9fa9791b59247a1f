package lab.kb905214.senderid.pra;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import lab.kb905214.senderid.headers.HeaderField;
import lab.kb905214.senderid.headers.HeaderLimits;
import lab.kb905214.senderid.headers.HeaderReader;
import lab.kb905214.senderid.headers.Mailbox;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** RFC 4407 §2, one test per path through the steps (as SPEC-notes.md restates them). */
class PraExtractorTest {

    private static PraResult extract(String... lines) {
        return PraExtractor.extract(HeaderReader.parse(String.join("\r\n", lines) + "\r\n\r\n"));
    }

    private static void assertPra(PraResult result, String address, String headerName) {
        assertThat(result.isFound()).as("found: %s", result).isTrue();
        assertThat(result.pra()).hasValueSatisfying(pra -> {
            assertThat(pra.mailbox().address()).isEqualTo(address);
            assertThat(pra.headerName()).isEqualTo(headerName);
            assertThat(pra.domain()).isEqualTo(address.substring(address.lastIndexOf('@') + 1));
        });
    }

    private static void assertIllFormed(PraResult result, String... reasonParts) {
        assertThat(result.isFound()).as("found: %s", result).isFalse();
        assertThat(result.pra()).isEmpty();
        assertThat(result.failureReason()).contains(reasonParts);
    }

    @Nested
    class Step1ResentSender {
        @Test
        void theFirstNonEmptyResentSenderIsChosen() {
            PraResult result = extract(
                    "Resent-Sender: rs@a.example",
                    "Resent-From: rf@b.example",
                    "Sender: s@c.example",
                    "From: f@d.example");

            assertPra(result, "rs@a.example", "resent-sender");
        }

        @Test
        void aResentFromBeforeItWithReceivedBetweenGoesToStep2() {
            PraResult result = extract(
                    "Resent-From: rf@b.example",
                    "Received: from relay.example by mx.example; Mon, 1 Jan 2024 00:00:00 +0000",
                    "Resent-Sender: rs@a.example",
                    "From: f@d.example");

            assertPra(result, "rf@b.example", "resent-from");
        }

        @Test
        void aResentFromBeforeItWithReturnPathBetweenGoesToStep2() {
            PraResult result = extract(
                    "Resent-From: rf@b.example",
                    "Return-Path: <bounce@b.example>",
                    "Resent-Sender: rs@a.example",
                    "From: f@d.example");

            assertPra(result, "rf@b.example", "resent-from");
        }

        @Test
        void aResentFromBeforeItWithNothingBetweenKeepsTheResentSender() {
            PraResult result = extract(
                    "Received: from earlier.example by relay.example; Mon, 1 Jan 2024 00:00:00 +0000",
                    "Resent-From: rf@b.example",
                    "Resent-Sender: rs@a.example",
                    "Received: from sender.example by relay.example; Mon, 1 Jan 2024 00:00:00 +0000",
                    "From: f@d.example");

            assertPra(result, "rs@a.example", "resent-sender");
        }

        @Test
        void readingAnyPrecedingResentFromNotOnlyTheNearest() {
            // Our reading of "a Resent-From header precedes the Resent-Sender": ANY non-empty one. Here the nearest
            // Resent-From has nothing between it and the Resent-Sender (same, older resending), but the first one
            // has a Received between: a newer resending without a Resent-Sender. Step 2 then takes the first
            // Resent-From. The "nearest Resent-From" reading would have chosen old-sender@old.example.
            PraResult result = extract(
                    "Resent-From: new@new.example",
                    "Received: from old.example by new.example; Tue, 2 Jan 2024 00:00:00 +0000",
                    "Resent-From: old-from@old.example",
                    "Resent-Sender: old-sender@old.example",
                    "From: f@d.example");

            assertPra(result, "new@new.example", "resent-from");
        }

        @Test
        void anEmptyResentFromBeforeItDoesNotCount() {
            PraResult result = extract(
                    "Resent-From:   ",
                    "Received: from relay.example by mx.example; Mon, 1 Jan 2024 00:00:00 +0000",
                    "Resent-Sender: rs@a.example");

            assertPra(result, "rs@a.example", "resent-sender");
        }

        @Test
        void anEmptyResentSenderIsSkippedForTheNextNonEmptyOne() {
            PraResult result = extract("Resent-Sender: \t", "Resent-Sender: rs2@a.example", "From: f@d.example");

            assertPra(result, "rs2@a.example", "resent-sender");
        }

        @Test
        void aMalformedSelectedResentSenderDoesNotFallBackToLaterSteps() {
            // Step 5 goes to step 6, never back to step 2-4.
            PraResult result =
                    extract("Resent-Sender: rs-without-domain", "Resent-From: rf@b.example", "From: f@d.example");

            assertIllFormed(result, "Resent-Sender header is malformed", "no domain");
        }
    }

    @Nested
    class Step2ResentFrom {
        @Test
        void theFirstNonEmptyResentFromIsChosenWhenThereIsNoResentSender() {
            PraResult result = extract(
                    "Resent-From:  ",
                    "Resent-From: first@b.example",
                    "Resent-From: second@c.example",
                    "Sender: s@c.example",
                    "From: f@d.example");

            assertPra(result, "first@b.example", "resent-from");
        }
    }

    @Nested
    class Step3Sender {
        @Test
        void exactlyOneSenderIsChosen() {
            // The From header holding two mailboxes does not matter: step 3 decides first.
            PraResult result = extract("From: a@x.example, b@y.example", "Sender: Secretary <s@c.example>");

            assertPra(result, "s@c.example", "sender");
        }

        @Test
        void twoSendersMakeTheMessageIllFormed() {
            PraResult result = extract("Sender: s1@c.example", "Sender: s2@c.example", "From: f@d.example");

            assertIllFormed(result, "multiple Sender headers (2)");
        }

        @Test
        void anEmptySenderIsIgnored() {
            PraResult result = extract("Sender:   ", "Sender:\r\n \t", "From: f@d.example");

            assertPra(result, "f@d.example", "from");
        }
    }

    @Nested
    class Step4From {
        @Test
        void exactlyOneFromIsChosen() {
            assertPra(extract("Subject: hi", "From: \"Doe, John\" <john@example.com>"), "john@example.com", "from");
        }

        @Test
        void twoFromHeadersMakeTheMessageIllFormed() {
            assertIllFormed(extract("From: a@x.example", "From: b@y.example"), "multiple From headers (2)");
        }

        @Test
        void noFromHeaderMakesTheMessageIllFormed() {
            assertIllFormed(extract("Subject: no sender at all", "To: t@example.com"), "no From header");
            assertIllFormed(extract("From:  "), "no From header");
            assertIllFormed(PraExtractor.extract(List.of()), "no From header");
        }
    }

    @Nested
    class Step5Mailbox {
        @Test
        void aFromWithTwoMailboxesHasNoPra() {
            assertIllFormed(extract("From: a@x.example, b@y.example"), "From header holds 2 mailboxes");
        }

        @Test
        void aMailboxWithoutDomainHasNoPra() {
            assertIllFormed(extract("From: John <john>"), "From header is malformed", "no domain");
        }

        @Test
        void aMalformedMailboxHasNoPra() {
            assertIllFormed(extract("From: John Doe <john@example.com"), "From header is malformed", "expected '>'");
        }

        @Test
        void aDomainLiteralIsNotADomain() {
            assertIllFormed(extract("From: john@[192.0.2.1]"), "domain literal", "[192.0.2.1]");
        }

        @Test
        void anEmptyGroupHoldsNoMailbox() {
            assertIllFormed(extract("From: undisclosed-recipients:;"), "From header holds no mailbox");
        }

        @Test
        void aGroupOfOneMemberHoldsOneMailbox() {
            assertPra(extract("From: Team: lead@example.com;"), "lead@example.com", "from");
        }

        @Test
        void theReasonNeverCarriesTheSendersLineBreaks() {
            PraResult result = extract("From: bad\r\n <x\u0000@example.com");

            assertThat(result.failureReason()).doesNotContain("\r", "\n", "\u0000");
        }
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        assertPra(extract("RESENT-sender: rs@a.example"), "rs@a.example", "resent-sender");
        assertPra(extract("resent-FROM: rf@b.example"), "rf@b.example", "resent-from");
        assertPra(extract("sEnDeR: s@c.example"), "s@c.example", "sender");
        assertPra(extract("fRoM: f@d.example"), "f@d.example", "from");
    }

    @Test
    void foldedHeadersAreUnfoldedBeforeParsing() {
        PraResult result = extract("From: \"John\r\n Doe\"\r\n\t(comment\r\n continued)\r\n <john@\r\n example.com>");

        assertPra(result, "john@example.com", "from");
        assertThat(result.pra().orElseThrow().mailbox().displayName()).isEqualTo("John Doe");
    }

    @Test
    void worksOnHeadersReadFromAStream() throws IOException {
        String message = """
                From sender@example.com Mon Jan  1 00:00:00 2024\r
                Received: from a by b; Mon, 1 Jan 2024 00:00:00 +0000\r
                From: J\u00f6rg <joerg@example.com>\r
                \r
                body\r
                """;

        List<HeaderField> headers =
                new HeaderReader(HeaderLimits.defaults()).read(new ByteArrayInputStream(message.getBytes(ISO_8859_1)));

        assertPra(PraExtractor.extract(headers), "joerg@example.com", "from");
    }

    @Test
    void resultAccessorsMatchTheOutcome() {
        Pra pra = new Pra(new Mailbox("", "a", "example.com"), "from");

        assertThat(PraResult.found(pra).failure()).isEmpty();
        assertThatThrownBy(() -> PraResult.found(pra).failureReason()).isInstanceOf(IllegalStateException.class);
        assertThat(PraResult.illFormed("why").failure()).contains(new PraFailure("why"));
        assertThat(PraResult.found(pra)).isEqualTo(PraResult.found(pra));
        assertThatThrownBy(() -> new Pra(pra.mailbox(), "From")).isInstanceOf(IllegalArgumentException.class);
    }
}
