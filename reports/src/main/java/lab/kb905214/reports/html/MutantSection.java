package lab.kb905214.reports.html;

import static lab.kb905214.reports.html.HtmlText.escape;
import static lab.kb905214.reports.html.HtmlText.number;

import java.util.List;
import java.util.Optional;
import lab.kb905214.reports.gate.GateProfile;
import lab.kb905214.reports.gate.MutantChecks;
import lab.kb905214.reports.results.MutantMatrix;
import lab.kb905214.reports.results.UnreadableFile;

/** The report's "Mutation analysis" section: the kill matrix, mutant × harness, with what killed each and how fast. */
final class MutantSection {
    private MutantSection() {}

    /** The section's HTML; says so plainly when no mutant was run. */
    static String render(MutantMatrix matrix, GateProfile profile) {
        StringBuilder html = new StringBuilder(
                        "<section id=\"mutants\">\n<h2>Mutation analysis: the lab's own power</h2>\n")
                .append("<p>Each mutant is engine-fixed's coordinator with one plausible mistake, run through the")
                .append(" harnesses like the real engines. A gate must catch new mistakes in the fix, not only the two")
                .append(" old bugs: a mutant no harness kills is a hole in the harnesses. M0 is the unmutated control,")
                .append(" which every harness must let survive. This build (<b>")
                .append(profile.id())
                .append("</b>) requires mutants ")
                .append(escape(String.join(", ", MutantChecks.requiredMutants(profile))))
                .append(" through ")
                .append(escape(String.join(", ", MutantChecks.requiredHarnesses(profile))))
                .append("; <code>mvn verify -Pstress</code> runs every mutant through every harness. The gate's")
                .append(" rule: no mutant survives every harness that ran it, the control survives them all, and ")
                .append(escape(MutantChecks.STRESS_RULE))
                .append(".</p>\n");
        if (matrix.rows().isEmpty()) {
            return html.append("<p class=\"note\">No mutant was run in this build.</p>\n</section>\n")
                    .toString();
        }
        int total = MutantChecks.DEFINED_MUTANTS.size() - 1;
        int killed = matrix.mutants().size() - matrix.survivors().size();
        html.append("<p id=\"mutants-summary\"><b>")
                .append(killed)
                .append(" of ")
                .append(total)
                .append("</b> mutants killed by at least one harness");
        if (!MutantChecks.notRun(matrix).isEmpty()) {
            html.append("; <b>not run</b> (the gate fails on these): ")
                    .append(escape(String.join(", ", MutantChecks.notRun(matrix))));
        }
        if (!matrix.survivors().isEmpty()) {
            html.append("; <b>survivors</b>: ")
                    .append(escape(String.join(
                            ", ",
                            matrix.survivors().stream()
                                    .map(MutantMatrix.Row::mutant)
                                    .toList())));
        }
        matrix.row(MutantMatrix.CONTROL)
                .ifPresent(control -> html.append(
                        control.killers().isEmpty()
                                ? "; the control survived every harness that ran it"
                                : "; <b>the control was killed by " + escape(String.join(", ", control.killers()))
                                        + "</b>"));
        html.append(".</p>\n<table class=\"results\" id=\"kill-matrix\">\n<thead><tr><th>Mutant</th><th>Mistake</th>")
                .append("<th title=\"harnesses that killed it; the fastest kill\">Kills</th>");
        for (String harness : MutantMatrix.HARNESSES) {
            html.append("<th>").append(escape(harness)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        int required = profile == GateProfile.STRESS ? MutantChecks.STRESS_KILLS : 1;
        for (MutantMatrix.Row row : matrix.rows()) {
            boolean survivor =
                    !row.isControl() && !row.cells().isEmpty() && row.killers().isEmpty();
            html.append("<tr data-mutant=\"")
                    .append(escape(row.mutant()))
                    .append("\"")
                    .append(survivor ? " class=\"survivor\"" : "")
                    .append("><td")
                    .append(survivor ? " class=\"bad\"" : "")
                    .append("><b>")
                    .append(escape(row.mutant()))
                    .append("</b></td><td><b>")
                    .append(escape(row.title()))
                    .append("</b><br><small>")
                    .append(escape(row.change()))
                    .append("</small></td>")
                    .append(kills(row, required));
            for (String harness : MutantMatrix.HARNESSES) {
                html.append(cell(row, row.cell(harness)));
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n<p class=\"legend\">A cell says what the harness saw that engine-fixed never")
                .append(
                        " shows (a deadlock, a session waiting forever, a wrong reply or stored count, a result with no")
                .append(" linearization, a forbidden JCStress outcome), and the seconds from the harness's start on")
                .append(
                        " that mutant to the kill. \"not run\": the harness did not run that mutant in this build; \"n/a\": the")
                .append(" harness cannot judge that mutant, for the reason given.</p>\n");
        List<UnreadableFile> unreadable = matrix.unreadable();
        if (!unreadable.isEmpty()) {
            html.append("<ul>\n");
            unreadable.forEach(bad -> html.append("<li><code>")
                    .append(escape(bad.fileName()))
                    .append("</code>: ")
                    .append(escape(bad.error()))
                    .append("</li>\n"));
            html.append("</ul>\n");
        }
        return html.append("</section>\n").toString();
    }

    // How many harnesses killed the row's mutant, against what this profile requires, and the fastest kill.
    private static String kills(MutantMatrix.Row row, int required) {
        int n = row.killers().size();
        if (row.isControl()) {
            return "<td class=\"num " + (n == 0 ? "good" : "bad") + "\">" + n + "</td>";
        }
        Optional<Double> fastest = row.killers().stream()
                .map(h -> row.cells().get(h).secondsToKill())
                .flatMap(Optional::stream)
                .min(Double::compare);
        return "<td class=\"num " + (n >= required ? "good" : "bad") + "\">" + n + " of "
                + row.judgedBy().size()
                + fastest.map(s -> "<br><small>first in " + number(s, 1) + " s</small>")
                        .orElse("") + "</td>";
    }

    // For a mutant a kill is the good news; for the control it is the bad news.
    private static String cell(MutantMatrix.Row row, Optional<MutantMatrix.Cell> found) {
        if (found.isEmpty()) {
            return "<td class=\"miss-run\"><small>not run</small></td>";
        }
        MutantMatrix.Cell cell = found.get();
        if (cell.notApplicable().isPresent()) {
            return "<td title=\"" + escape(cell.notApplicable().get()) + "\">n/a<br><small>"
                    + escape(abbreviate(cell.notApplicable().get())) + "</small></td>";
        }
        String explored = cell.run().explored().isPresent()
                ? number(cell.run().explored().getAsLong()) + " "
                        + escape(cell.run().unit())
                : "";
        if (!cell.killed()) {
            String css = row.isControl() ? "good" : "miss";
            // what the harness ran it through, e.g. the explorer's trees and their leaves
            String title = cell.run().evidence().isEmpty()
                    ? ""
                    : " title=\"" + escape(cell.run().evidence()) + "\"";
            return "<td class=\"" + css + "\"" + title + ">survived<br><small>" + explored + "</small></td>";
        }
        String css = row.isControl() ? "bad" : "good";
        String when =
                cell.secondsToKill().map(s -> " in " + number(s, 1) + " s").orElse("");
        return "<td class=\"" + css + "\" title=\"" + escape(cell.killedBy().orElse("")) + "\">killed" + when
                + "<br><small>" + escape(abbreviate(cell.killedBy().orElse(""))) + "</small></td>";
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
