package io.groupkit.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupkit.testkit.greenapi.GreenApiSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Spring Boot service on the starter, against the Green-API simulator, over real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.endpoints.web.exposure.include=health,metrics",
        "management.endpoint.health.show-details=always"})
class MembershipApplicationTest {
    private static final String TOKEN = "t0kenSecretValue9f3a";
    private static final String GROUP = "120363043968066561@g.us";
    private static final GreenApiSimulator WHATSAPP = GreenApiSimulator.start();
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        WHATSAPP.instance("1101000001", TOKEN).group(GROUP);
    }

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void groupkit(DynamicPropertyRegistry registry) {
        registry.add("groupkit.greenapi.api-url", WHATSAPP::url);
        registry.add("groupkit.greenapi.instance-id", () -> "1101000001");
        registry.add("groupkit.greenapi.token", () -> TOKEN);
    }

    @AfterAll
    static void stop() {
        WHATSAPP.close();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAndMetricsOverHttp() throws Exception {
        HttpResponse<String> added = send("POST", "/groups/" + GROUP + "/members/+79001234568");
        assertEquals(200, added.statusCode(), added.body());
        assertEquals("ADDED", added.body());
        assertTrue(WHATSAPP.instance("1101000001", TOKEN).members(GROUP).contains("79001234568@c.us"));

        HttpResponse<String> health = send("GET", "/actuator/health");
        assertEquals(200, health.statusCode(), health.body());
        JsonNode h = JSON.readTree(health.body());
        assertEquals("UP", h.path("status").asText());
        assertEquals("UP", h.path("components").path("greenapi").path("status").asText(), health.body());
        assertEquals("AUTHORIZED", h.path("components").path("greenapi").path("details").path("state").asText());
        assertFalse(health.body().contains(TOKEN), "no secret in health details");
        assertFalse(health.body().contains("79001234568"), "no phone number in health details");

        HttpResponse<String> calls = send("GET", "/actuator/metrics/groupkit.calls?tag=outcome:ADDED");
        assertEquals(200, calls.statusCode(), calls.body());
        JsonNode m = JSON.readTree(calls.body());
        assertEquals(1.0, m.path("measurements").get(0).path("value").asDouble(), calls.body());
        assertFalse(calls.body().contains("79001234568"), "no phone number in metrics tags");
        HttpResponse<String> names = send("GET", "/actuator/metrics");
        assertTrue(names.body().contains("groupkit.call.duration") && names.body().contains("groupkit.attempt.duration"),
                names.body());
    }
}
