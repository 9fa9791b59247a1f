package lab.kb905214.stress.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A raw-socket SMTP client that can stop anywhere in the protocol: after the final dot without reading the reply,
 * with a reset instead of a close, or with commands pipelined in one write. Every read has a timeout, so a server
 * that stopped responding shows as {@link java.net.SocketTimeoutException}, never as a hung test.
 */
public final class SmtpWire implements Closeable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private SmtpWire(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** The server answered the connection with something other than 220 (a 421 at its connection limit, say). */
    public static final class Refused extends IOException {
        private final transient SmtpReply greeting;

        Refused(SmtpReply greeting) {
            super("greeting was " + greeting);
            this.greeting = greeting;
        }

        /** The greeting the server sent instead of 220. */
        public SmtpReply greeting() {
            return greeting;
        }
    }

    /** Connects and reads the greeting; every later read waits at most {@code readTimeout}. */
    public static SmtpWire connect(InetSocketAddress server, Duration readTimeout) throws IOException {
        SmtpWire wire = open(server, readTimeout);
        try {
            wire.expectGreeting();
            return wire;
        } catch (IOException | RuntimeException e) {
            wire.close();
            throw e;
        }
    }

    /**
     * Connects without reading the greeting (call {@link #expectGreeting()} next), so a caller can hold the wire, and
     * close it from another thread, while the server has yet to greet: a connection still in the accept backlog.
     */
    public static SmtpWire open(InetSocketAddress server, Duration readTimeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(server, (int) Math.max(1, readTimeout.toMillis()));
            socket.setSoTimeout((int) Math.max(1, readTimeout.toMillis()));
            socket.setTcpNoDelay(true);
            return new SmtpWire(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Reads the greeting; a reply other than 220 (a 421 at the connection limit, say) is {@link Refused}. */
    public void expectGreeting() throws IOException {
        SmtpReply greeting = readReply();
        if (greeting.code() != 220) {
            throw new Refused(greeting);
        }
    }

    /** Changes the read timeout for the next replies. */
    public void readTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
    }

    /** Sends one command line and reads its reply. */
    public SmtpReply command(String line) throws IOException {
        send(line + "\r\n");
        return readReply();
    }

    /** Writes {@code text} as is, in one write (pipelining is the caller's choice). */
    public void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** EHLO, MAIL FROM and RCPT TO, each checked; then DATA, expecting 354. */
    public void openTransaction(String helo, String from, String to) throws IOException {
        expect(command("EHLO " + helo), 250);
        expect(command("MAIL FROM:<" + from + ">"), 250);
        expect(command("RCPT TO:<" + to + ">"), 250);
        expect(command("DATA"), 354);
    }

    /** Sends the message (dot-stuffed here) and the final dot, without reading the reply. */
    public void sendMessageAndDot(String message) throws IOException {
        sendMessageAndDot(message, "");
    }

    /**
     * Sends the message (dot-stuffed), the final dot and then {@code pipelined} commands (e.g. "RSET\r\n") in one
     * write, as clients that pipeline behind the message do; reads no reply.
     */
    public void sendMessageAndDot(String message, String pipelined) throws IOException {
        StringBuilder data = new StringBuilder();
        for (String line : message.split("\r?\n", -1)) {
            data.append(line.startsWith(".") ? "." + line : line).append("\r\n");
        }
        data.append(".\r\n").append(pipelined);
        send(data.toString());
    }

    /** Reads one reply, multi-line aware; SocketTimeoutException when none arrives in time, EOFException on close. */
    public SmtpReply readReply() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line.length() < 3) {
                throw new IOException("malformed reply line \"" + line + "\"");
            }
            int code = Integer.parseInt(line.substring(0, 3));
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new SmtpReply(code, lines);
            }
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("server closed the connection");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
    }

    private static void expect(SmtpReply reply, int code) throws IOException {
        if (reply.code() != code) {
            throw new IOException("expected " + code + ", got " + reply);
        }
    }

    /** Closes the connection with a RST instead of a FIN (a client that crashed or timed out). */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** Closes the connection normally (FIN). */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
