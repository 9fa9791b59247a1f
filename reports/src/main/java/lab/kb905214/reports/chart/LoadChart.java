package lab.kb905214.reports.chart;

import static lab.kb905214.reports.html.HtmlText.coord;
import static lab.kb905214.reports.html.HtmlText.escape;
import static lab.kb905214.reports.html.HtmlText.number;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import lab.kb905214.reports.results.HarnessRun;
import lab.kb905214.results.Harness;
import lab.kb905214.results.LoadCounters;

/**
 * The load harness's time series of every engine on one time axis, as inline SVG: transactions answered per second
 * (top panel) and the probe's latency (bottom panel, a cross where the probe got no answer), with a vertical line
 * where engine-buggy stopped responding.
 */
public final class LoadChart {
    private static final int WIDTH = 1000;
    private static final int LEFT = 70;
    private static final int RIGHT = 30;
    private static final int TOP_PANEL = 200;
    private static final int BOTTOM_PANEL = 150;

    /**
     * One second of one run.
     *
     * @param t seconds since the run started
     * @param transactions transactions answered in that second
     * @param probeMillis the probe's latency, empty when there was no answered probe that second
     * @param unanswered whether a probe went unanswered that second
     */
    record Point(double t, double transactions, OptionalDouble probeMillis, boolean unanswered) {}

    /**
     * One run's series.
     *
     * @param run the results file
     * @param points its seconds, in order
     * @param stoppedAt when it stopped responding, if it did
     */
    record Series(HarnessRun run, List<Point> points, OptionalDouble stoppedAt) {}

    private LoadChart() {}

    /** The series of every load run that has one. */
    static List<Series> series(List<HarnessRun> runs) {
        List<Series> out = new ArrayList<>();
        for (HarnessRun run : runs) {
            JsonNode series = run.counterNode(LoadCounters.SERIES);
            if (!run.is(Harness.LOAD) || !series.isArray() || series.isEmpty()) {
                continue;
            }
            List<Point> points = new ArrayList<>();
            for (JsonNode p : series) {
                JsonNode t = LoadCounters.Point.T.in(p);
                JsonNode tx = LoadCounters.Point.TRANSACTIONS.in(p);
                if (!t.isNumber()) {
                    continue; // a malformed point is left out of the drawing, not fatal to the page
                }
                JsonNode probe = LoadCounters.Point.PROBE_MILLIS.in(p);
                OptionalDouble millis = probe.isNumber() ? OptionalDouble.of(probe.asDouble()) : OptionalDouble.empty();
                // probeUnanswered tells "no answer" from "no probe in that second"; without it, null means no answer.
                JsonNode flag = LoadCounters.Point.PROBE_UNANSWERED.in(p);
                boolean unanswered = flag.isBoolean() ? flag.asBoolean() : millis.isEmpty();
                points.add(new Point(t.asDouble(), tx.isNumber() ? tx.asDouble() : 0, millis, unanswered));
            }
            JsonNode stopped = run.counterNode(LoadCounters.STOPPED_RESPONDING_AT);
            out.add(new Series(
                    run, points, stopped.isNumber() ? OptionalDouble.of(stopped.asDouble()) : OptionalDouble.empty()));
        }
        return out;
    }

    /** The chart, or a note saying why there is none. */
    public static String render(List<HarnessRun> runs) {
        List<Series> all = series(runs);
        if (all.isEmpty()) {
            boolean anyLoad = runs.stream().anyMatch(r -> r.is(Harness.LOAD));
            return "<p class=\"note\" id=\"chart-load-note\">"
                    + (anyLoad
                            ? "The load results files hold no time series (counters.series), so there is nothing to draw."
                            : "No load results yet (load-*.json). The chart appears here once the load harness has written"
                                    + " its files (they are required under <code>mvn verify -Pstress</code>).")
                    + "</p>\n";
        }
        double maxT = 1;
        double maxTx = 0;
        double maxProbe = 0;
        for (Series s : all) {
            for (Point p : s.points()) {
                maxT = Math.max(maxT, p.t());
                maxTx = Math.max(maxTx, p.transactions());
                maxProbe = Math.max(maxProbe, p.probeMillis().orElse(0));
            }
            maxT = Math.max(maxT, s.stoppedAt().orElse(0));
        }
        AxisTicks xAxis = AxisTicks.upTo(maxT);
        AxisTicks txAxis = AxisTicks.upTo(maxTx);
        AxisTicks probeAxis = AxisTicks.upTo(maxProbe);
        int plotWidth = WIDTH - LEFT - RIGHT;
        int topY = 40;
        int bottomY = topY + TOP_PANEL + 50;
        int height = bottomY + BOTTOM_PANEL + 60;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg id=\"chart-load\" class=\"chart\" role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(height)
                .append("\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(height)
                .append("\">\n<title>Load: transactions per second and probe latency, both engines</title>\n");
        legend(svg, all);
        panel(svg, xAxis, txAxis, topY, TOP_PANEL, plotWidth, "transactions answered per second");
        panel(svg, xAxis, probeAxis, bottomY, BOTTOM_PANEL, plotWidth, "probe latency (ms); × = no answer");
        for (int i = 0; i < all.size(); i++) {
            Series s = all.get(i);
            String cls = seriesClass(s, i);
            svg.append(line(s.points(), xAxis, txAxis, topY, TOP_PANEL, plotWidth, cls, false));
            svg.append(line(s.points(), xAxis, probeAxis, bottomY, BOTTOM_PANEL, plotWidth, cls, true));
            for (Point p : s.points()) {
                if (p.unanswered()) {
                    double x = LEFT + plotWidth * p.t() / xAxis.max();
                    svg.append("<text class=\"no-answer ")
                            .append(cls)
                            .append("\" x=\"")
                            .append(coord(x))
                            .append("\" y=\"")
                            .append(bottomY + 12)
                            .append("\" text-anchor=\"middle\">×</text>\n");
                }
            }
        }
        for (Series s : all) {
            if (s.stoppedAt().isPresent()) {
                double x = LEFT + plotWidth * s.stoppedAt().getAsDouble() / xAxis.max();
                svg.append("<line class=\"stopped\" x1=\"")
                        .append(coord(x))
                        .append("\" y1=\"")
                        .append(topY - 8)
                        .append("\" x2=\"")
                        .append(coord(x))
                        .append("\" y2=\"")
                        .append(bottomY + BOTTOM_PANEL)
                        .append("\"/>\n");
                boolean leftOfLine = x > LEFT + plotWidth * 0.6;
                svg.append("<text class=\"stopped-label\" x=\"")
                        .append(coord(leftOfLine ? x - 6 : x + 6))
                        .append("\" y=\"")
                        .append(topY + 14)
                        .append("\" text-anchor=\"")
                        .append(leftOfLine ? "end" : "start")
                        .append("\">engine-")
                        .append(escape(s.run().engine()))
                        .append(' ')
                        .append(escape(s.run().scenario()))
                        .append(" stopped responding at ")
                        .append(number(s.stoppedAt().getAsDouble(), 1))
                        .append(" s</text>\n");
            }
        }
        svg.append("<text class=\"axis-label\" x=\"")
                .append(LEFT + plotWidth / 2)
                .append("\" y=\"")
                .append(height - 12)
                .append("\" text-anchor=\"middle\">seconds since the load started</text>\n");
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String seriesClass(Series s, int index) {
        return "series-" + (s.run().isBuggy() ? "buggy" : s.run().isFixed() ? "fixed" : "other") + " series-" + index;
    }

    private static void legend(StringBuilder svg, List<Series> all) {
        int x = LEFT;
        for (int i = 0; i < all.size(); i++) {
            Series s = all.get(i);
            String cls = seriesClass(s, i);
            svg.append("<line class=\"")
                    .append(cls)
                    .append("\" x1=\"")
                    .append(x)
                    .append("\" y1=\"14\" x2=\"")
                    .append(x + 28)
                    .append("\" y2=\"14\"/>\n");
            String text = "engine-" + s.run().engine() + " " + s.run().scenario() + " ("
                    + s.run().fileName() + ")";
            svg.append("<text class=\"legend\" x=\"")
                    .append(x + 34)
                    .append("\" y=\"19\">")
                    .append(escape(text))
                    .append("</text>\n");
            x += 60 + text.length() * 7;
        }
    }

    private static void panel(
            StringBuilder svg, AxisTicks xAxis, AxisTicks yAxis, int top, int height, int plotWidth, String title) {
        svg.append("<text class=\"panel-title\" x=\"")
                .append(LEFT)
                .append("\" y=\"")
                .append(top - 6)
                .append("\">")
                .append(escape(title))
                .append("</text>\n");
        for (double tick : yAxis.ticks()) {
            double y = top + height - height * tick / yAxis.max();
            svg.append("<line class=\"grid\" x1=\"")
                    .append(LEFT)
                    .append("\" y1=\"")
                    .append(coord(y))
                    .append("\" x2=\"")
                    .append(LEFT + plotWidth)
                    .append("\" y2=\"")
                    .append(coord(y))
                    .append("\"/>\n");
            svg.append("<text class=\"tick\" x=\"")
                    .append(LEFT - 6)
                    .append("\" y=\"")
                    .append(coord(y + 4))
                    .append("\" text-anchor=\"end\">")
                    .append(number(tick, 1))
                    .append("</text>\n");
        }
        for (double tick : xAxis.ticks()) {
            double x = LEFT + plotWidth * tick / xAxis.max();
            svg.append("<text class=\"tick\" x=\"")
                    .append(coord(x))
                    .append("\" y=\"")
                    .append(top + height + 16)
                    .append("\" text-anchor=\"middle\">")
                    .append(number(tick, 1))
                    .append("</text>\n");
        }
        svg.append("<rect class=\"frame\" x=\"")
                .append(LEFT)
                .append("\" y=\"")
                .append(top)
                .append("\" width=\"")
                .append(plotWidth)
                .append("\" height=\"")
                .append(height)
                .append("\"/>\n");
    }

    /** A polyline; for the probe, a gap wherever the probe got no answer. */
    private static String line(
            List<Point> points,
            AxisTicks xAxis,
            AxisTicks yAxis,
            int top,
            int height,
            int plotWidth,
            String cls,
            boolean probe) {
        StringBuilder out = new StringBuilder();
        StringBuilder current = new StringBuilder();
        for (Point p : points) {
            OptionalDouble value = probe ? p.probeMillis() : OptionalDouble.of(p.transactions());
            if (value.isEmpty()) {
                flush(out, current, cls);
                continue;
            }
            double x = LEFT + plotWidth * p.t() / xAxis.max();
            double y = top + height - height * value.getAsDouble() / yAxis.max();
            current.append(coord(x)).append(',').append(coord(y)).append(' ');
        }
        flush(out, current, cls);
        return out.toString();
    }

    private static void flush(StringBuilder out, StringBuilder current, String cls) {
        if (current.length() > 0) {
            out.append("<polyline class=\"")
                    .append(cls)
                    .append("\" points=\"")
                    .append(current.toString().trim())
                    .append("\"/>\n");
            current.setLength(0);
        }
    }
}
