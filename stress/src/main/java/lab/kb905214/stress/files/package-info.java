/** Files the harnesses make and clear away: scratch folders, an earlier run's leftovers. */
package lab.kb905214.stress.files;
