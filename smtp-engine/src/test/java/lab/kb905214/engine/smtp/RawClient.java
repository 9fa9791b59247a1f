package lab.kb905214.engine.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A plain-socket SMTP client for protocol-level tests: writes exact bytes, reads replies line by line. */
final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000); // every read in a test is bounded
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Writes {@code text} as is (the caller supplies the CRLFs), in one write. */
    RawClient send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /** Writes raw bytes in one write. */
    RawClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Reads one complete reply (all its lines) and returns its lines; null at end of stream. */
    List<String> replyLines() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = line();
            if (line == null) {
                return lines.isEmpty() ? null : lines;
            }
            lines.add(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return lines;
            }
        }
    }

    /** Reads one reply and returns its last line (the one with the final code). */
    String reply() throws IOException {
        List<String> lines = replyLines();
        return lines == null ? null : lines.get(lines.size() - 1);
    }

    /** Reads the greeting, sends EHLO and reads its reply. */
    List<String> hello() throws IOException {
        String greeting = reply();
        if (greeting == null || !greeting.startsWith("220")) {
            throw new IOException("no greeting: " + greeting);
        }
        send("EHLO client.test\r\n");
        return replyLines();
    }

    /** Whether the server closed the connection: the next read gives end of stream (or a reset). */
    boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    /** Closes abruptly with a reset (SO_LINGER 0) instead of a FIN. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** The local port (what the server sees as the client's port). */
    int localPort() {
        return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private String line() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return buf.size() == 0 ? null : buf.toString(StandardCharsets.ISO_8859_1);
            }
            if (b == '\n' && previous == '\r') {
                byte[] bytes = buf.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            buf.write(b);
            previous = b;
        }
    }
}
