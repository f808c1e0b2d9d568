package io.groupkit.testkit.internal;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Loopback HTTP servers for the simulators. */
public final class LoopbackServers {
    static {
        // The JDK server writes headers and body as separate packets; with Nagle's algorithm on,
        // each exchange waits for the client's delayed ACK (up to ~400 ms here). The server reads
        // this once, when its first instance in the JVM is made.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private LoopbackServers() {
    }

    /**
     * A started-later server on a free loopback port, with no delay on small writes.
     *
     * @return the server, not started
     * @throws IOException if no port can be opened
     */
    public static HttpServer create() throws IOException {
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    }
}
