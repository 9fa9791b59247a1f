package lab.kb905214.reports.html;

import java.util.Locale;

/** Escaping for text and attribute values written into the report's HTML and SVG. */
public final class HtmlText {

    private HtmlText() {}

    /**
     * Escapes {@code text} for element content or a quoted attribute value. Control characters other than tab and
     * newline are dropped: harness output (e.g. a thread dump) may carry them, and they are not allowed in HTML.
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\n', '\t' -> out.append(c);
                case '\r' -> {}
                default -> {
                    if (c >= 0x20 && c != 0x7f) {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** A number for people: whole numbers with thousands separators, others with up to {@code digits} decimals. */
    public static String number(double value, int digits) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        String formatted = String.format(Locale.ROOT, "%,." + digits + "f", value);
        return formatted.contains(".") ? formatted.replaceAll("0+$", "").replaceAll("\\.$", "") : formatted;
    }

    /** A whole number with thousands separators. */
    public static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** A coordinate for SVG (one decimal, dot separator). */
    public static String coord(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** An id-safe form of a text (letters, digits and dashes). */
    public static String id(String text) {
        return text.replaceAll("[^A-Za-z0-9_-]", "-");
    }
}
