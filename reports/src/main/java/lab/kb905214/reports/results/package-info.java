/** Reading the results files: one file as written ({@code HarnessRun}), a folder of them, and this build's share. */
package lab.kb905214.reports.results;
