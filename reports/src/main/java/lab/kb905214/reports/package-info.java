/**
 * The lab's report and gate: reads this build's results files, writes index.html, summary.json and junit.xml, then
 * judges ({@link lab.kb905214.reports.LabReport}; {@code ./lab report} and Maven's verify phase run it).
 *
 * <p>Sub-packages: {@code results} reads the files, {@code shard} merges shards' folders, {@code gate} holds every
 * check and the two-sided decision, {@code html} and {@code chart} render the page, {@code perf} the benchmarks.
 */
package lab.kb905214.reports;
