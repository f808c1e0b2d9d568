package io.groupkit.bitrix24;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.groupkit.core.AccessDenied;
import io.groupkit.core.GroupInfo;
import io.groupkit.core.Groups;
import io.groupkit.core.GroupsPage;
import io.groupkit.core.Unrecognized;
import io.groupkit.testkit.time.VirtualTime;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The caller's chats from im.recent.list: documented answers, paging by OFFSET and LIMIT, rights. */
@Order(6)
class GroupsTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final VirtualTime time = VirtualTime.create();

    private Bitrix24Client client() {
        return Fixture.wireClient(wm.baseUrl(), time);
    }

    private static String path(String method) {
        return Fixture.wirePath(method);
    }

    /** One item as im.recent.list documents it (abridged), with the caller's role and the chat's rule. */
    private static String chat(long id, String title, String role, String addRule, Object counter) {
        return "{\"id\":\"chat" + id + "\",\"chat_id\":" + id + ",\"type\":\"chat\",\"title\":\"" + title + "\","
                + "\"counter\":0,\"pinned\":false,\"chat\":{\"id\":" + id + ",\"name\":\"" + title + "\",\"owner\":547,"
                + "\"type\":\"chat\",\"user_counter\":" + counter + ",\"role\":\"" + role + "\","
                + "\"restrictions\":{\"extend\":true,\"user_list\":true},"
                + "\"permissions\":{\"manage_users_add\":\"" + addRule + "\",\"manage_users_delete\":\"manager\"}}}";
    }

    @Test
    void theCallersChatsWithTheirSizeAndTheRightToAdd() {
        String dialog = "{\"id\":547,\"chat_id\":1231,\"type\":\"user\",\"title\":\"John Doe\",\"user\":{\"id\":547}}";
        wm.stubFor(post(urlEqualTo(path("im.recent.list"))).willReturn(okJson("{\"result\":{\"items\":[" + dialog + ","
                + chat(1317, "I want a green chat", "MEMBER", "member", 2) + ","
                + chat(1400, "Board", "MEMBER", "manager", "\"12\"") + ","
                + chat(1500, "Mine", "OWNER", "owner", 3) + ","
                + chat(1317, "I want a green chat", "MEMBER", "member", 2)
                + "],\"hasMorePages\":false,\"hasMore\":false},\"total\":-1}")));
        Groups g = assertInstanceOf(Groups.class, client().groups(GroupsPage.first()));
        assertEquals(List.of(ImChat.of(1317), ImChat.of(1400), ImChat.of(1500)),
                g.groups().stream().map(GroupInfo::group).toList(), "chats only, each once");
        assertEquals(List.of(GroupInfo.AddRight.YES, GroupInfo.AddRight.NO, GroupInfo.AddRight.YES),
                g.groups().stream().map(GroupInfo::addRight).toList());
        assertEquals(OptionalInt.of(12), g.groups().get(1).memberCount(), "a count written as a string is read");
        assertEquals("I want a green chat", g.groups().get(0).title());
        assertTrue(g.next().isEmpty());
        wm.verify(postRequestedFor(urlEqualTo(path("im.recent.list")))
                .withRequestBody(equalToJson("{\"SKIP_DIALOG\":\"Y\",\"OFFSET\":0,\"LIMIT\":100}")));
    }

    @Test
    void theNextPageStartsOneLimitFurtherWhateverThePageHeld() {
        wm.stubFor(post(urlEqualTo(path("im.recent.list"))).willReturn(okJson("{\"result\":{\"items\":["
                + chat(9, "Nine", "MEMBER", "member", 2) + "],\"hasMore\":true}}")));
        Groups g = assertInstanceOf(Groups.class, client().groups(GroupsPage.first().limit(500)));
        assertEquals("200", g.next().orElseThrow(), "OFFSET grows by LIMIT (at most 200), not by the items returned");
        client().groups(GroupsPage.after(g.next().get()).limit(20));
        wm.verify(postRequestedFor(urlEqualTo(path("im.recent.list")))
                .withRequestBody(equalToJson("{\"SKIP_DIALOG\":\"Y\",\"OFFSET\":200,\"LIMIT\":20}")));
    }

    @Test
    void anAccountInNoChatHasAnEmptyLastPage() {
        wm.stubFor(post(urlEqualTo(path("im.recent.list"))).willReturn(okJson("{\"result\":{\"items\":[],\"hasMore\":false}}")));
        Groups g = assertInstanceOf(Groups.class, client().groups());
        assertTrue(g.groups().isEmpty());
    }

    @Test
    void failuresAreOutcomes() {
        wm.stubFor(post(urlEqualTo(path("im.recent.list"))).willReturn(aResponse().withStatus(403)
                .withBody("{\"error\":\"insufficient_scope\",\"error_description\":\"The request requires higher privileges\"}")));
        AccessDenied denied = assertInstanceOf(AccessDenied.class, client().groups());
        assertTrue(denied.remedy().contains("scope"), denied.remedy());
        wm.resetAll();
        wm.stubFor(post(urlEqualTo(path("im.recent.list"))).willReturn(okJson("{\"result\":[]}")));
        assertInstanceOf(Unrecognized.class, client().groups());
    }

    @Test
    void theSimulatorsChatsPageThroughToTheEnd() {
        try (Fixture f = new Fixture()) {
            for (long id = 1000; id < 1450; id++) {
                f.sim.chat(id, 7, Fixture.BOT).title(id, "Chat " + id);
            }
            f.sim.chat(2000, 7).manager(2000, Fixture.BOT);
            f.sim.chat(2000, 7, Fixture.BOT);
            Groups all = assertInstanceOf(Groups.class, f.client.groups());
            assertEquals(453, all.groups().size(), "450 here, the fixture's chat and CRM chat, and chat 2000");
            assertEquals(3, f.sim.requests("im.recent.list").size(), "pages of 200");
            GroupInfo managed = all.groups().stream().filter(g -> g.group().equals(ImChat.of(2000))).findFirst().orElseThrow();
            assertEquals(GroupInfo.AddRight.YES, managed.addRight(), "a manager may add");
            GroupInfo member = all.groups().stream().filter(g -> g.group().equals(ImChat.of(1000))).findFirst().orElseThrow();
            assertEquals(GroupInfo.AddRight.NO, member.addRight(), "a plain member may not");
            assertEquals(0, f.sim.bucketRejections());
        }
    }
}
