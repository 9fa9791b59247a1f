package lab.kb905214.reports.chart;

import static lab.kb905214.reports.html.HtmlText.coord;
import static lab.kb905214.reports.html.HtmlText.escape;
import static lab.kb905214.reports.html.HtmlText.number;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import lab.kb905214.reports.results.HarnessRun;
import lab.kb905214.results.LoadCounters;

/**
 * A horizontal bar chart (inline SVG) of how long each harness took to find its first hang.
 *
 * <p>Only the load harness measures that time directly ({@code stoppedRespondingAt}); for the others it is
 * estimated as {@code seconds × firstHangAt / explored}, i.e. assuming the run explored its units at a steady pace.
 */
public final class FirstHangChart {
    private static final int WIDTH = 1000;
    private static final int LABEL = 300;
    private static final int BAR = 26;
    private static final int GAP = 10;

    /**
     * One bar.
     *
     * @param label harness, engine and scenario
     * @param seconds time to the first hang, if the run hung
     * @param detail how the time was obtained, or why there is no bar
     * @param fixed whether this is an engine-fixed run (a hang there is a failure)
     */
    record Bar(String label, OptionalDouble seconds, String detail, boolean fixed) {}

    private FirstHangChart() {}

    /** The bars: every engine-buggy run, and every engine-fixed run that hung. */
    static List<Bar> bars(List<HarnessRun> runs) {
        List<Bar> bars = new ArrayList<>();
        for (HarnessRun run : runs) {
            long hangs = run.hangs().orElse(0);
            if (!run.isBuggy() && !(run.isFixed() && hangs > 0)) {
                continue;
            }
            String label = run.harness() + " · " + run.engine() + " · " + run.scenario();
            long explored = run.explored().orElse(0);
            if (hangs == 0) {
                bars.add(new Bar(
                        label,
                        OptionalDouble.empty(),
                        "no hang in " + number(explored) + " " + run.unit(),
                        run.isFixed()));
                continue;
            }
            JsonNode stopped = run.counterNode(LoadCounters.STOPPED_RESPONDING_AT);
            if (stopped.isNumber()) {
                bars.add(new Bar(
                        label,
                        OptionalDouble.of(stopped.asDouble()),
                        "stopped responding at " + number(stopped.asDouble(), 1) + " s (measured)",
                        run.isFixed()));
            } else if (run.firstHangAt().isPresent()
                    && explored > 0
                    && run.seconds().isPresent()) {
                long first = run.firstHangAt().getAsLong();
                double estimate = run.seconds().getAsDouble() * first / explored;
                bars.add(new Bar(
                        label,
                        OptionalDouble.of(estimate),
                        "#" + number(first) + " of " + number(explored) + " " + run.unit() + " · " + approx(estimate)
                                + " (estimated)",
                        run.isFixed()));
            } else {
                bars.add(new Bar(label, OptionalDouble.empty(), "hung, but the file gives no time", run.isFixed()));
            }
        }
        return bars;
    }

    private static String approx(double seconds) {
        return seconds < 0.01 ? "<0.01 s" : "≈" + number(seconds, seconds < 1 ? 2 : 1) + " s";
    }

    /** The chart's SVG element, or a note when there is nothing to draw. */
    public static String render(List<HarnessRun> runs) {
        List<Bar> bars = bars(runs);
        if (bars.isEmpty()) {
            return "<p class=\"note\" id=\"chart-first-hang-note\">No engine-buggy results yet: nothing to chart.</p>\n";
        }
        double dataMax =
                bars.stream().mapToDouble(b -> b.seconds().orElse(0)).max().orElse(0);
        AxisTicks axis = AxisTicks.upTo(dataMax);
        int top = 24;
        int plotWidth = WIDTH - LABEL - 40;
        int height = top + bars.size() * (BAR + GAP) + 40;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg id=\"chart-first-hang\" class=\"chart\" role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(height)
                .append("\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(height)
                .append("\">\n<title>Time to the first hang, per harness</title>\n");
        double axisY = top + bars.size() * (BAR + GAP);
        for (double tick : axis.ticks()) {
            double x = LABEL + plotWidth * tick / axis.max();
            svg.append("<line class=\"grid\" x1=\"")
                    .append(coord(x))
                    .append("\" y1=\"")
                    .append(top - 6)
                    .append("\" x2=\"")
                    .append(coord(x))
                    .append("\" y2=\"")
                    .append(coord(axisY))
                    .append("\"/>\n");
            svg.append("<text class=\"tick\" x=\"")
                    .append(coord(x))
                    .append("\" y=\"")
                    .append(coord(axisY + 16))
                    .append("\" text-anchor=\"middle\">")
                    .append(number(tick, 2))
                    .append("</text>\n");
        }
        svg.append("<text class=\"axis-label\" x=\"")
                .append(LABEL + plotWidth / 2)
                .append("\" y=\"")
                .append(coord(axisY + 34))
                .append("\" text-anchor=\"middle\">seconds until the first hang</text>\n");
        int y = top;
        for (Bar bar : bars) {
            svg.append("<text class=\"bar-label\" x=\"")
                    .append(LABEL - 10)
                    .append("\" y=\"")
                    .append(y + BAR / 2 + 5)
                    .append("\" text-anchor=\"end\">")
                    .append(escape(bar.label()))
                    .append("</text>\n");
            double width = 0;
            if (bar.seconds().isPresent()) {
                width = Math.max(2, plotWidth * bar.seconds().getAsDouble() / axis.max());
                svg.append("<rect class=\"")
                        .append(bar.fixed() ? "bar fixed-hang" : "bar")
                        .append("\" x=\"")
                        .append(LABEL)
                        .append("\" y=\"")
                        .append(y)
                        .append("\" width=\"")
                        .append(coord(width))
                        .append("\" height=\"")
                        .append(BAR)
                        .append("\"><title>")
                        .append(escape(bar.detail()))
                        .append("</title></rect>\n");
            }
            // The detail goes right of the bar, or inside it when the bar is long.
            boolean inside = width > plotWidth * 0.6;
            double textX = inside ? LABEL + width - 8 : LABEL + width + 8;
            svg.append("<text class=\"")
                    .append(inside ? "bar-value inside" : "bar-value")
                    .append("\" x=\"")
                    .append(coord(textX))
                    .append("\" y=\"")
                    .append(y + BAR / 2 + 5)
                    .append("\" text-anchor=\"")
                    .append(inside ? "end" : "start")
                    .append("\">")
                    .append(escape(bar.detail()))
                    .append("</text>\n");
            y += BAR + GAP;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }
}
