package lab.kb905214.senderid.dns.server;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** Serves one DNS-over-TCP connection: length-prefixed queries (RFC 1035 §4.2.2), several per connection. */
final class TcpConnection implements Runnable {
    private final Socket socket;
    private final EmbeddedDnsServer server;
    /** Guards the output: delayed replies are written from the delay executor while this thread reads. */
    private final Object writeLock = new Object();

    TcpConnection(Socket socket, EmbeddedDnsServer server) {
        this.socket = socket;
        this.server = server;
    }

    @Override
    public void run() {
        try {
            socket.setSoTimeout((int) EmbeddedDnsServer.TCP_IDLE_TIMEOUT.toMillis());
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            OutputStream out = socket.getOutputStream();
            while (true) {
                byte[] query = readMessage(in);
                if (query == null) {
                    return;
                }
                // A timed-out query gets no reply; the loop reads on, so the connection stays open and silent.
                Reply reply = server.decide(query);
                if (!reply.isSilent()) {
                    server.dispatch(reply.delay(), () -> write(out, reply));
                }
            }
        } catch (SocketTimeoutException e) {
            // idle for too long: closing is what RFC 7766 servers do
        } catch (IOException e) {
            // the client reset the connection, or close() closed the socket under us
        } finally {
            EmbeddedDnsServer.closeQuietly(socket);
            server.connectionClosed(socket);
        }
    }

    /** Reads one length-prefixed message; null at a clean end of stream or after a broken message. */
    private byte[] readMessage(DataInputStream in) throws IOException {
        int high = in.read();
        if (high < 0) {
            return null; // the client closed between messages: the normal end
        }
        int low = in.read();
        if (low < 0) {
            server.countTruncatedTcpMessage();
            return null;
        }
        byte[] message = new byte[(high << 8) | low];
        try {
            in.readFully(message);
        } catch (EOFException e) {
            // The prefix promised more than the client sent: nothing to answer, and the stream is out of step.
            server.countTruncatedTcpMessage();
            return null;
        }
        return message;
    }

    private void write(OutputStream out, Reply reply) {
        byte[] bytes = reply.tcpBytes();
        byte[] framed = new byte[bytes.length + 2];
        framed[0] = (byte) (bytes.length >>> 8);
        framed[1] = (byte) bytes.length;
        System.arraycopy(bytes, 0, framed, 2, bytes.length);
        server.countAnswered();
        try {
            synchronized (writeLock) {
                out.write(framed);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // the client went away before its answer: the reply is simply not delivered (nor counted)
            server.uncountAnswered();
        }
    }
}
