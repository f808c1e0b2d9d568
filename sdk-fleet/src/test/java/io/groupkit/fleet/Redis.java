package io.groupkit.fleet;

import java.io.IOException;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/**
 * A real Redis for the tests: the embedded server's binary (Redis 6.2) on a free loopback port,
 * or the server {@code GROUPKIT_TEST_REDIS} names (a {@code redis://} URI), which is then left alone.
 */
final class Redis implements AutoCloseable {
    private final RedisServer server; // null for an external one
    private final String uri;

    private Redis(RedisServer server, String uri) {
        this.server = server;
        this.uri = uri;
    }

    static Redis start() throws IOException {
        String external = System.getenv("GROUPKIT_TEST_REDIS");
        if (external != null && !external.isBlank()) {
            return new Redis(null, external.strip());
        }
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
                .setting("appendonly no").build();
        server.start();
        return new Redis(server, "redis://127.0.0.1:" + port);
    }

    String uri() {
        return uri;
    }

    /** Stops the embedded server (an external one cannot be stopped from here). */
    void stop() throws IOException {
        if (server != null && server.isActive()) {
            server.stop();
        }
    }

    boolean embedded() {
        return server != null;
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
