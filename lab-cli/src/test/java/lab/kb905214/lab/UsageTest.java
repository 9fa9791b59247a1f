package lab.kb905214.lab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Wrong arguments give a usage message and exit 2, never a stack trace; --help works on every command. */
class UsageTest {

    @ParameterizedTest(name = "lab {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''|lab|Missing a command",
                "frobnicate|lab|frobnicate",
                "reproduce --clients x|lab reproduce|--clients",
                "reproduce --engine sideways|lab reproduce|expected buggy, fixed or both",
                "reproduce --abort-rate 1.5|lab reproduce|--abort-rate must be 0 to 1",
                "reproduce --seconds 0|lab reproduce|--seconds must be 1 to 86400",
                "reproduce --clients 0|lab reproduce|--clients must be 1 to 1000",
                "reproduce --bogus|lab reproduce|--bogus",
                "replay --engine buggy|lab replay|--schedule",
                "replay --schedule H3 --engine buggy|lab replay|expected one of H1, H2, STALE, ERROR, TWO_SESSIONS, not 'H3'",
                "replay --schedule H1 --engine both|lab replay|expected buggy or fixed",
                "serve|lab serve|--engine",
                "serve --engine fixed --port 70000|lab serve|expected a port number",
                "serve --engine fixed --zone /nonexistent/zone.yml|lab serve|does not exist",
                "check --helo mail.example|lab check|--ip",
                "check --ip 127.0.0.1|lab check|--helo",
                "check --ip not-an-ip --helo mail.example|lab check|expected an IP address",
                "check --ip 256.0.0.1 --helo mail.example|lab check|is not an IPv4 address",
                "check --ip 127.0.0.1 --helo x --scope dkim|lab check|expected spf, mfrom or pra",
                "check --ip 127.0.0.1 --helo x --scope pra|lab check|--scope pra needs the message",
                "check --ip 127.0.0.1 --helo x --zone z.yml --dns 127.0.0.1:53|lab check|mutually exclusive",
                "check --ip 127.0.0.1 --helo x --dns 127.0.0.1|lab check|expected HOST:PORT",
                "check --ip 127.0.0.1 --helo x --headers /nonexistent/m.eml|lab check|does not exist",
                "report --profile nightly|lab report|unknown gate profile"
            })
    void wrongArgumentsExit2WithUsage(String args, String usageOf, String message) {
        CommandRun run = CommandRun.lab(args.isEmpty() ? new String[0] : args.split(" "));

        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains(message).contains("Usage: " + usageOf);
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest(name = "lab {0} --help")
    @ValueSource(strings = {"", "reproduce", "replay", "serve", "check", "report"})
    void helpExits0(String command) {
        CommandRun run = command.isEmpty() ? CommandRun.lab("--help") : CommandRun.lab(command, "--help");

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Usage: lab" + (command.isEmpty() ? "" : " " + command));
        assertThat(run.err()).isEmpty();
    }

    @ParameterizedTest(name = "lab help {0}")
    @ValueSource(strings = {"reproduce", "replay", "serve", "check", "report"})
    void helpCommandShowsEachCommand(String command) {
        CommandRun run = CommandRun.lab("help", command);

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Usage: lab " + command);
    }

    @org.junit.jupiter.api.Test
    void reproduceHelpSaysTheSeedDoesNotFixThreadTiming() {
        CommandRun run = CommandRun.lab("reproduce", "--help");

        assertThat(run.out().replaceAll("\\s+", " ")).contains("not thread timing");
    }
}
