package io.groupkit.benchmarks;

import com.sun.net.httpserver.HttpServer;
import io.groupkit.testkit.internal.LoopbackServers;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A loopback server that answers every POST with one fixed JSON body (or the body for the last
 * path segment), as fast as it can.
 */
final class StubServer implements AutoCloseable {
    private final HttpServer server;

    StubServer(String body) throws IOException {
        this(Map.of(), body);
    }

    /** Answers by the request's last path segment (a REST method name); anything else is a 404. */
    StubServer(Map<String, String> bodiesByMethod) throws IOException {
        this(bodiesByMethod, null);
    }

    private StubServer(Map<String, String> bodiesByMethod, String fallback) throws IOException {
        Map<String, byte[]> bodies = new HashMap<>();
        bodiesByMethod.forEach((method, body) -> bodies.put(method, body.getBytes(StandardCharsets.UTF_8)));
        byte[] otherwise = fallback == null ? null : fallback.getBytes(StandardCharsets.UTF_8);
        server = LoopbackServers.create();
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                String path = exchange.getRequestURI().getPath();
                byte[] bytes = bodies.getOrDefault(path.substring(path.lastIndexOf('/') + 1), otherwise);
                if (bytes == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        // The server's threads are the benchmark harness's, not GroupKit's.
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
