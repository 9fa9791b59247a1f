package lab.kb905214.reports.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * A linear axis from 0 to a round maximum, with 4–6 round tick values, for the report's SVG charts.
 *
 * @param max the axis maximum (a round number &gt;= the data's maximum)
 * @param ticks the tick values from 0 to max
 */
record AxisTicks(double max, List<Double> ticks) {

    /** An axis that holds {@code dataMax} (at least 1, so an all-zero series still gets an axis). */
    static AxisTicks upTo(double dataMax) {
        double target = dataMax > 0 && Double.isFinite(dataMax) ? dataMax : 1;
        double raw = target / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double factor : new double[] {1, 2, 2.5, 5, 10}) {
            step = factor * magnitude;
            if (step >= raw) {
                break;
            }
        }
        double max = Math.ceil(target / step - 1e-9) * step;
        if (max <= 0) {
            max = step;
        }
        List<Double> ticks = new ArrayList<>();
        for (int i = 0; i * step <= max + step / 1000; i++) {
            ticks.add(i * step);
        }
        return new AxisTicks(max, ticks);
    }
}
