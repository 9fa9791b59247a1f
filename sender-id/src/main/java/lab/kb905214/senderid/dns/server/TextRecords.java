package lab.kb905214.senderid.dns.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/** Builds TXT-like records (TXT, SPF) whose character-strings hold exactly the bytes a test suite means. */
final class TextRecords {
    private static final int MAX_CHARACTER_STRING = 255;

    private TextRecords() {}

    /**
     * Builds a record of {@code type} (TXT or SPF) with one character-string per element of {@code strings}.
     *
     * <p>Built from wire rdata rather than with {@code new TXTRecord(name, dclass, ttl, String)}: that
     * constructor encodes as UTF-8, so the suite's "\x80" (one raw byte) would arrive as two bytes.
     */
    static Record of(Name owner, int type, long ttl, List<String> strings) {
        ByteArrayOutputStream rdata = new ByteArrayOutputStream();
        for (String string : strings) {
            byte[] bytes = suiteBytes(string);
            // A character-string holds at most 255 bytes; longer text continues in the next one, as zone files do.
            int offset = 0;
            do {
                int length = Math.min(MAX_CHARACTER_STRING, bytes.length - offset);
                rdata.write(length);
                rdata.write(bytes, offset, length);
                offset += length;
            } while (offset < bytes.length);
        }
        if (rdata.size() > 0xFFFF) {
            throw new IllegalArgumentException("text of " + owner + " is longer than one record can hold");
        }
        return Record.newRecord(owner, type, DClass.IN, ttl, rdata.toByteArray());
    }

    /**
     * Turns a YAML string into the bytes the suite means: YAML escapes like "\xEF" stand for single raw bytes,
     * so chars up to U+00FF become one byte each; anything beyond (real Unicode text) is written as UTF-8.
     */
    static byte[] suiteBytes(String string) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(string.length());
        string.codePoints().forEach(codePoint -> {
            if (codePoint <= 0xFF) {
                out.write(codePoint);
            } else {
                byte[] utf8 = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
            }
        });
        return out.toByteArray();
    }
}
