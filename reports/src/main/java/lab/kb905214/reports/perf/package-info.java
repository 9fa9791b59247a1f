/** The report's "Performance" section, rendered from the bench module's {@code bench.json}. */
package lab.kb905214.reports.perf;
