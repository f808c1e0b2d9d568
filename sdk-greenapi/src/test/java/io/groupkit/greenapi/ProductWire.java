package io.groupkit.greenapi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.testkit.time.VirtualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * WireMock answering as MAX, Telegram or Instagram would: ids of each product's documented shapes
 * (https://green-api.com/v3/docs/api/chat-id, https://green-api.com/en/telegram/docs/api/chat-id,
 * https://green-api.com/en/instagram/docs/api/chat-id) and the stubs and request views the
 * product tables share.
 */
final class ProductWire {
    private final WireMockExtension wm;

    ProductWire(WireMockExtension wm) {
        this.wm = wm;
    }

    static String groupId(GreenApiProduct p) {
        return switch (p) {
            case MAX -> "-10000000000000";
            case TELEGRAM -> "-5098765432";
            case INSTAGRAM -> "340282366841710300949128174631143137232";
            case WHATSAPP -> Fixture.GROUP_ID;
        };
    }

    static GroupRef group(GreenApiProduct p) {
        return GroupRef.of(groupId(p));
    }

    /** The person the rows add: a positive number (MAX, Telegram) or a 64-bit account id (Instagram). */
    static String personId(GreenApiProduct p) {
        return p == GreenApiProduct.INSTAGRAM ? "49547665464" : "10000000";
    }

    static Member person(GreenApiProduct p) {
        return Member.userId(personId(p));
    }

    /** The instance's own account, as getAccountSettings' chatId names it. */
    static String ownId(GreenApiProduct p) {
        return p == GreenApiProduct.INSTAGRAM ? "74857974059" : "20000000";
    }

    /** An invite link of the product's documented shape (Instagram documents none: ⚠ any https link). */
    static String link(GreenApiProduct p) {
        return switch (p) {
            case MAX -> "https://max.ru/join/oA25vH5ZOk3z-eaJfVFAZKZFArnTfNw2uigrUW2PPmk";
            case TELEGRAM -> "https://t.me/+AbCdEfGfdbtjKlMnOp";
            case INSTAGRAM -> "https://ig.me/j/AbCdEf";
            case WHATSAPP -> "https://chat.whatsapp.com/Abc";
        };
    }

    /** The path segment before waInstance the client uses by default. */
    static String prefix(GreenApiProduct p) {
        return p == GreenApiProduct.MAX ? "/v3" : "";
    }

    GreenApiClient client(GreenApiProduct p, VirtualTime time, UnaryOperator<Policies.Builder> policies) {
        return client(p, time, policies, b -> b);
    }

    GreenApiClient client(GreenApiProduct p, VirtualTime time, UnaryOperator<Policies.Builder> policies,
                          UnaryOperator<GreenApi.Builder> more) {
        return more.apply(GreenApi.builder().apiUrl(wm.baseUrl()).instance(Fixture.ID, Fixture.TOKEN).product(p)
                .requestTimeout(Duration.ofMillis(500))
                .policies(policies.apply(Fixture.policies(time)).build())).build();
    }

    /** Any request to the method, under any prefix, answers so. */
    void on(String method, int status, String body) {
        wm.stubFor(any(urlPathMatching(".*/waInstance" + Fixture.ID + "/" + method + "/" + Fixture.TOKEN))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    void ok(String method, String body) {
        on(method, 200, body);
    }

    /** Answers in turn; the last one repeats. */
    void inTurn(String method, String... bodies) {
        for (int i = 0; i < bodies.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "answer " + i;
            String next = i + 1 < bodies.length ? "answer " + (i + 1) : state;
            wm.stubFor(any(urlPathMatching(".*/" + method + "/" + Fixture.TOKEN)).inScenario(method)
                    .whenScenarioStateIs(state).willReturn(aResponse().withStatus(200)
                            .withHeader("Content-Type", "application/json").withBody(bodies[i])).willSetStateTo(next));
        }
    }

    /**
     * getGroupData of the product's group: the instance's own account (admin or not), the person if
     * listed, and an invite link. The element field names are ⚠ undocumented; {@code chatId} is read.
     */
    void groupData(GreenApiProduct p, boolean ownIsAdmin, boolean listsPerson, String link) {
        ok("getGroupData", "{\"chatId\":\"" + groupId(p) + "\",\"subject\":\"Team\",\"groupInviteLink\":\"" + link
                + "\",\"participants\":[{\"chatId\":\"" + ownId(p) + "\",\"isAdmin\":" + ownIsAdmin
                + ",\"isSuperAdmin\":" + ownIsAdmin + "}"
                + (listsPerson ? ",{\"chatId\":\"" + personId(p) + "\",\"isAdmin\":false,\"isSuperAdmin\":false}" : "")
                + "]}");
        ok("getAccountSettings", "{\"chatId\":\"" + ownId(p) + "\",\"stateInstance\":\"authorized\"}");
    }

    List<ServeEvent> served() {
        return wm.getAllServeEvents();
    }

    /** The bodies sent to a method, oldest first. */
    List<String> sent(String method) {
        List<String> bodies = new ArrayList<>(served().stream().filter(e -> e.getRequest().getUrl().contains("/" + method + "/"))
                .map(e -> e.getRequest().getBodyAsString()).toList());
        // WireMock lists the newest first.
        Collections.reverse(bodies);
        return bodies;
    }

    int count(String method) {
        return sent(method).size();
    }
}
