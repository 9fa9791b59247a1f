/** The report page's HTML: the page, its style, and one class per section. */
package lab.kb905214.reports.html;
