/**
 * The results files' schema: every field's name and type, declared once, written by the harnesses ({@code stress})
 * through {@link lab.kb905214.results.Fields} and read by the gate ({@code reports}) through the same constants.
 */
package lab.kb905214.results;
