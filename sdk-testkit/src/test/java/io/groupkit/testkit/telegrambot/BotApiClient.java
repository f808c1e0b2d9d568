package io.groupkit.testkit.telegrambot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/** Calls the simulator over real HTTP, as a bot client would. */
final class BotApiClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BotApiSimulator sim;

    BotApiClient(BotApiSimulator sim) {
        this.sim = sim;
    }

    /** An answer: the HTTP status and the body. */
    record Reply(int status, JsonNode json) {
        JsonNode result() {
            if (!json.path("ok").asBoolean()) {
                throw new AssertionError("expected ok:true, got " + json);
            }
            return json.path("result");
        }

        String description() {
            return json.path("description").asText();
        }
    }

    Reply json(String method, String body) {
        return send(request(sim.token(), method, "").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    Reply json(String token, String method, String body) {
        return send(request(token, method, "").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    Reply form(String method, String body) {
        return send(request(sim.token(), method, "").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    Reply query(String method, String query) {
        return send(request(sim.token(), method, "?" + query).GET().build());
    }

    CompletableFuture<Reply> jsonAsync(String method, String body) {
        HttpRequest r = request(sim.token(), method, "").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.sendAsync(r, HttpResponse.BodyHandlers.ofString()).thenApply(BotApiClient::reply);
    }

    private HttpRequest.Builder request(String token, String method, String query) {
        return HttpRequest.newBuilder(URI.create(sim.apiUrl() + "/bot" + token + "/" + method + query));
    }

    private static Reply send(HttpRequest request) {
        try {
            return reply(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Reply reply(HttpResponse<String> response) {
        try {
            return new Reply(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
