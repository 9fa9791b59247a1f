/** The report's two inline SVG charts (time to the first hang; a load run's throughput and hangs over time). */
package lab.kb905214.reports.chart;
