package lab.kb905214.reports.html;

import static lab.kb905214.reports.html.HtmlText.escape;

import com.fasterxml.jackson.databind.JsonNode;
import lab.kb905214.reports.results.HarnessRun;
import lab.kb905214.results.SpinCounters;
import lab.kb905214.results.SpinCounters.TrailReplay;

/**
 * A SPIN run's trails as the real engine ran them: per trail, SPIN's ending, its labels as printed and in the serial
 * order the engine was given, and the engine's own order and ending (the counts of every trail, the rows of the first
 * and of every one that did not run exactly or ended otherwise).
 */
final class TrailTable {
    /** Rows shown in full before only the trails that did not run exactly or ended otherwise are listed. */
    private static final int SHOWN = 20;

    private TrailTable() {}

    /** The table, or an empty string when the run replayed no trail on the engine. */
    static String of(HarnessRun run) {
        JsonNode rows = run.counterNode(SpinCounters.TRAIL_REPLAYS);
        if (!rows.isArray() || rows.isEmpty()) {
            return "";
        }
        long exact = 0;
        long agree = 0;
        for (JsonNode row : rows) {
            exact += TrailReplay.EXACT.in(row).asBoolean() ? 1 : 0;
            agree += TrailReplay.AGREE.in(row).asBoolean() ? 1 : 0;
        }
        StringBuilder html = new StringBuilder("<table class=\"results trails\">\n<caption>Each trail run on the real")
                .append(" engine (<code>./lab replay --order</code> takes the order as given): ")
                .append(rows.size())
                .append(" replayed, ")
                .append(exact)
                .append(" run exactly, ")
                .append(agree)
                .append(" of those ending as in SPIN")
                .append(
                        rows.size() > SHOWN
                                ? "; the first " + SHOWN + " shown, with every one that did not run exactly"
                                        + " or ended otherwise among the rest"
                                : "")
                .append("</caption>\n")
                .append("<thead><tr><th>Trail</th><th>SPIN ends</th><th>SPIN printed</th><th>Released on the engine")
                .append("</th><th>Engine ran</th><th>Engine ends</th><th>Same interleaving, same end</th></tr>")
                .append("</thead>\n<tbody>\n");
        int index = 0;
        for (JsonNode row : rows) {
            boolean plain = TrailReplay.AGREE.in(row).asBoolean();
            if (index++ >= SHOWN && plain) {
                continue; // past the first rows, only those that did not run exactly or ended otherwise
            }
            String order = TrailReplay.ORDER.in(row).asText();
            String ran = TrailReplay.ENGINE_ORDER.in(row).asText();
            html.append("<tr><td class=\"num\">")
                    .append(escape(TrailReplay.TRAIL.in(row).asText()))
                    .append("</td><td>")
                    .append(escape(TrailReplay.SPIN_KIND.in(row).asText()))
                    .append("</td><td><code>")
                    .append(escape(TrailReplay.PRINTED.in(row).asText("")))
                    .append("</code></td><td><code>")
                    .append(escape(order))
                    .append("</code></td><td>")
                    .append(ran.equals(order) ? "the same" : "<code>" + escape(ran) + "</code>")
                    .append("</td><td>")
                    .append(escape(TrailReplay.ENGINE_ENDING.in(row).asText()))
                    .append(
                            TrailReplay.EXACT.in(row).asBoolean()
                                    ? ""
                                    : "<br><small>"
                                            + escape(TrailReplay.WHY.in(row).asText("")) + "</small>")
                    .append("</td><td>")
                    .append(TrailReplay.AGREE.in(row).asBoolean() ? "yes" : "<b>no</b>")
                    .append("</td></tr>\n");
        }
        return html.append("</tbody>\n</table>\n").toString();
    }
}
