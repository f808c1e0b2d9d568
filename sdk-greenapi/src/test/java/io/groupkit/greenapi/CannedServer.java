package io.groupkit.greenapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP server on loopback that answers every connection's first bytes with the same canned
 * bytes and hangs up: a proxy refusing CONNECT, or a plain-HTTP server where TLS was expected.
 * Records what each connection sent first.
 */
final class CannedServer implements AutoCloseable {
    private final ServerSocket socket;
    private final List<String> received = new CopyOnWriteArrayList<>();

    CannedServer(String answer) {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread t = new Thread(() -> serve(answer.getBytes(StandardCharsets.ISO_8859_1)), "canned-server");
        t.setDaemon(true);
        t.start();
    }

    private void serve(byte[] answer) {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                Thread t = new Thread(() -> answer(s, answer), "canned-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void answer(Socket s, byte[] answer) {
        try (s) {
            InputStream in = s.getInputStream();
            byte[] first = new byte[4096];
            int n = in.read(first); // a request head or a TLS ClientHello: one read is enough to answer
            received.add(new String(first, 0, Math.max(n, 0), StandardCharsets.ISO_8859_1));
            s.getOutputStream().write(answer);
            s.getOutputStream().flush();
            s.shutdownOutput();
            while (in.read(first) >= 0) {
                // until the client hangs up, so that it reads the whole answer before a reset
            }
        } catch (IOException reset) {
            // the client went away
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    /** What each connection sent first, in order. */
    List<String> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
