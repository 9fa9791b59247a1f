package lab.kb905214.stress.client;

import java.util.List;

/**
 * One SMTP reply: its code and its text lines.
 *
 * @param code the three-digit reply code
 * @param lines the text after the code, one entry per line of a multi-line reply
 */
public record SmtpReply(int code, List<String> lines) {
    public SmtpReply {
        lines = List.copyOf(lines);
    }

    /** The reply as the server sent it, lines joined with " / ". */
    @Override
    public String toString() {
        return code + " " + String.join(" / ", lines);
    }
}
