package io.groupkit.benchmarks;

import com.sun.net.httpserver.HttpServer;
import io.groupkit.testkit.internal.LoopbackServers;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/** A loopback server that answers every POST with one fixed JSON body, as fast as it can. */
final class StubServer implements AutoCloseable {
    private final HttpServer server;

    StubServer(String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        server = LoopbackServers.create();
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
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
