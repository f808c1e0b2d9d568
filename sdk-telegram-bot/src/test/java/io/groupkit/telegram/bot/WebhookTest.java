package io.groupkit.telegram.bot;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.sun.net.httpserver.HttpServer;
import io.groupkit.core.events.JoinHow;
import io.groupkit.core.events.Joined;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.testkit.time.VirtualTime;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The webhook receiver: the secret header decides, and each event is handed over once. */
class WebhookTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String SECRET = "hook_S3cret-value";
    private final List<MembershipEvent> seen = new CopyOnWriteArrayList<>();
    private final TelegramBotClient client = Fixture.client(wm, VirtualTime.create());
    private final TelegramBotWebhook hook = client.webhook(SECRET, seen::add);

    private static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theRightSecretDeliversTheSameEventAGetUpdatesReadGives() {
        int status = hook.handle(Map.of("x-telegram-bot-api-secret-token", SECRET),
                body(Updates.joined(40, 555000111L, "https://t.me/+AbCdEf123")));
        assertEquals(200, status);
        Joined j = (Joined) seen.get(0);
        assertEquals("tg-bot:" + Fixture.BOT_ID + ":40", j.id());
        assertEquals(JoinHow.INVITE_LINK, j.how());
    }

    @Test
    void aWrongOrMissingSecretIsRefusedAndNothingDelivered() {
        byte[] update = body(Updates.joinRequest(41, 555000111L));
        assertEquals(401, hook.handle(Map.of(), update));
        assertEquals(401, hook.handle(Map.of(TelegramBotWebhook.SECRET_HEADER, "hook_S3cret-valuf"), update));
        assertEquals(401, hook.handle(Map.of(TelegramBotWebhook.SECRET_HEADER, SECRET + "x"), update));
        assertEquals(401, hook.handle(Map.of(TelegramBotWebhook.SECRET_HEADER, ""), update));
        assertEquals(List.of(), seen);
    }

    @Test
    void anUpdateSentAgainIsHandedOverOnceAndAFailingHandlerGetsItAgain() {
        int[] calls = {0};
        TelegramBotWebhook failingOnce = client.webhook(SECRET, e -> {
            if (calls[0]++ == 0) {
                throw new IllegalStateException("down");
            }
            seen.add(e);
        });
        Map<String, String> h = Map.of(TelegramBotWebhook.SECRET_HEADER, SECRET);
        byte[] update = body(Updates.joinRequest(42, 555000111L));
        assertEquals(500, failingOnce.handle(h, update));
        assertEquals(200, failingOnce.handle(h, update));
        assertEquals(200, failingOnce.handle(h, update));
        assertEquals(1, seen.size());
        assertEquals(400, failingOnce.handle(h, body("{\"no\":1")));
    }

    @Test
    void mountedOnTheJdkServer() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/tg", hook);
        server.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tg");
            String update = Updates.joinRequest(43, 555000111L);
            HttpResponse<Void> refused = http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(update))
                    .build(), HttpResponse.BodyHandlers.discarding());
            assertEquals(401, refused.statusCode());
            assertEquals(List.of(), seen);
            HttpResponse<Void> taken = http.send(HttpRequest.newBuilder(uri).header(TelegramBotWebhook.SECRET_HEADER, SECRET)
                    .POST(HttpRequest.BodyPublishers.ofString(update)).build(), HttpResponse.BodyHandlers.discarding());
            assertEquals(200, taken.statusCode());
            assertEquals(1, seen.size());
        } finally {
            server.stop(0);
        }
    }
}
