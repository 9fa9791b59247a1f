package lab.kb905214.engine.smtp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import lab.kb905214.senderid.headers.HeaderField;
import lab.kb905214.senderid.headers.HeaderLimitException;
import lab.kb905214.senderid.headers.HeaderLimits;
import lab.kb905214.senderid.headers.HeaderReader;
import org.subethamail.smtp.RejectException;

/**
 * Reads one DATA section to its end: parses the header section within limits and copies every octet, as received,
 * into the spool. A limit break stops the copying but never the reading: the client is still sending, and it must
 * get the error reply, not a broken pipe.
 */
final class MessageIntake {

    /**
     * What was read.
     *
     * @param headers the header fields (empty when a header limit broke)
     * @param size the octets read (after dot-unstuffing)
     * @param refusal the reply for a broken limit or a failed spool, or null when the message is whole
     */
    record Result(List<HeaderField> headers, long size, RejectException refusal) {
        boolean refused() {
            return refusal != null;
        }
    }

    private MessageIntake() {}

    static Result read(InputStream data, OutputStream spool, HeaderLimits limits, long maxMessageSize)
            throws IOException {
        SpoolingTee tee = new SpoolingTee(data, spool, maxMessageSize);
        // HeaderReader reads an octet at a time; the buffer keeps that cheap. Whatever it reads ahead passes
        // through the tee in order, so the spool still gets the exact octet sequence.
        OctetBuffer in = new OctetBuffer(tee);
        List<HeaderField> headers = List.of();
        HeaderLimitException headerBreak = null;
        try {
            headers = new HeaderReader(limits).read(in);
        } catch (HeaderLimitException e) {
            headerBreak = e;
            tee.stopSpooling();
        }
        in.transferTo(OutputStream.nullOutputStream());
        if (tee.overSize()) {
            return new Result(
                    List.of(),
                    tee.size(),
                    new RejectException(
                            552,
                            "5.3.4 Message size exceeds fixed maximum message size (" + maxMessageSize + " octets)"));
        }
        if (headerBreak != null) {
            return new Result(List.of(), tee.size(), refusalFor(headerBreak));
        }
        if (tee.spoolFailure() != null) {
            return new Result(
                    List.of(),
                    tee.size(),
                    new RejectException(451, "4.3.0 Local error in processing: cannot store the message"));
        }
        return new Result(headers, tee.size(), null);
    }

    private static RejectException refusalFor(HeaderLimitException e) {
        return switch (e.kind()) {
            // RFC 5321 4.5.3.1.6: a text line over the limit is answered 500 "Line too long".
            case LINE_TOO_LONG ->
                new RejectException(500, "5.5.2 Line too long: a header line is longer than " + e.limit() + " octets");
            case TOO_MANY_FIELDS ->
                new RejectException(552, "5.3.4 Too many header fields (more than " + e.limit() + ")");
            case HEADER_TOO_LARGE ->
                new RejectException(552, "5.3.4 Header section too large (more than " + e.limit() + " octets)");
        };
    }

    /**
     * A read buffer for one thread: {@link java.io.BufferedInputStream} takes a lock for every octet, and the header
     * parser asks for every octet. Bulk reads past the buffered octets go straight to the stream below.
     */
    private static final class OctetBuffer extends InputStream {
        private final InputStream in;
        private final byte[] buffer = new byte[8192];
        private int position;
        private int limit;

        OctetBuffer(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            while (position == limit) {
                int n = in.read(buffer, 0, buffer.length); // blocks for at least one octet, or says -1
                if (n < 0) {
                    return -1;
                }
                position = 0;
                limit = n;
            }
            return buffer[position++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (position == limit) {
                return in.read(b, off, len);
            }
            int n = Math.min(len, limit - position);
            System.arraycopy(buffer, position, b, off, n);
            position += n;
            return n;
        }
    }

    /** Copies what is read into the spool until the size limit, a header limit or a write error stops it. */
    private static final class SpoolingTee extends FilterInputStream {
        private final OutputStream spool;
        private final long maxSize;
        private long size;
        private boolean spooling = true;
        private IOException spoolFailure;

        SpoolingTee(InputStream data, OutputStream spool, long maxSize) {
            super(data);
            this.spool = spool;
            this.maxSize = maxSize;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                copy(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                copy(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipped octets would bypass the spool; read them instead.
            byte[] scratch = new byte[(int) Math.min(n, 8192)];
            int read = read(scratch, 0, scratch.length);
            return Math.max(read, 0);
        }

        void stopSpooling() {
            spooling = false;
        }

        boolean overSize() {
            return size > maxSize;
        }

        long size() {
            return size;
        }

        IOException spoolFailure() {
            return spoolFailure;
        }

        private void copy(byte[] b, int off, int n) {
            size += n;
            if (size > maxSize) {
                spooling = false;
            }
            if (!spooling) {
                return;
            }
            try {
                spool.write(b, off, n);
            } catch (IOException e) {
                spoolFailure = e;
                spooling = false;
            }
        }
    }
}
