/** The gate: every check on the results files, and the two-sided decision (fixed never hangs, buggy still does). */
package lab.kb905214.reports.gate;
