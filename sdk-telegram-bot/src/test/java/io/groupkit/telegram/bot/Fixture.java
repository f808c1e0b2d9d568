package io.groupkit.telegram.bot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.groupkit.core.policy.InviteFallback;
import io.groupkit.core.policy.RetryPolicy;
import io.groupkit.testkit.time.TestPolicies;
import io.groupkit.testkit.time.VirtualTime;

/** The bot, its token, and WireMock answers in the Bot API's shape. */
final class Fixture {
    static final long BOT_ID = 7100000001L;
    static final String SECRET_PART = "AAF-k3yS3cretPart_0123456789abcdefXYZ";
    static final String TOKEN = BOT_ID + ":" + SECRET_PART;
    static final TelegramBotChat SUPERGROUP = TelegramBotChat.of(-1001234567890L);
    static final TelegramBotChat BASIC = TelegramBotChat.of(-4001234567L);

    private Fixture() {
    }

    /** A client on WireMock: one attempt (retries are the core's), answers taken on the caller's thread. */
    static TelegramBotClient client(WireMockExtension wm, VirtualTime time) {
        return TelegramBot.builder().token(TOKEN).apiUrl(wm.baseUrl()).httpClient(new SyncHttpClient())
                .policies(TestPolicies.onVirtualTime(time).retry(RetryPolicy.none())
                        .inviteFallback(InviteFallback.ATTACH_LINK).build()).build();
    }

    static String path(String method) {
        return "/bot" + TOKEN + "/" + method;
    }

    static void answer(WireMockExtension wm, String method, ResponseDefinitionBuilder response) {
        wm.stubFor(post(urlEqualTo(path(method))).willReturn(response));
    }

    static ResponseDefinitionBuilder ok(String resultJson) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true,\"result\":" + resultJson + "}");
    }

    static ResponseDefinitionBuilder error(int code, String description, String parameters) {
        return aResponse().withStatus(code).withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":false,\"error_code\":" + code + ",\"description\":\"" + description + "\""
                        + (parameters.isEmpty() ? "" : ",\"parameters\":" + parameters) + "}");
    }

    static String chatMember(long userId, String status, String extra) {
        return "{\"user\":{\"id\":" + userId + ",\"is_bot\":false,\"first_name\":\"P\"},\"status\":\"" + status + "\""
                + extra + "}";
    }
}
