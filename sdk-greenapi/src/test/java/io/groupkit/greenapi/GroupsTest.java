package io.groupkit.greenapi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.groupkit.core.GroupInfo;
import io.groupkit.core.Groups;
import io.groupkit.core.GroupsPage;
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.Unauthorized;
import io.groupkit.core.Unrecognized;
import io.groupkit.testkit.time.VirtualTime;
import io.groupkit.testkit.greenapi.GreenApiSimulator;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The groups the instance is in: getChats' entries of type group, paged, details from getGroupData when asked. */
@Order(10)
class GroupsTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final VirtualTime time = VirtualTime.create();

    private GreenApiClient client() {
        return GreenApi.builder().apiUrl(wm.baseUrl()).instance(Fixture.ID, Fixture.TOKEN)
                .policies(Fixture.policies(time).build()).build();
    }

    private static String path(String method) {
        return "/waInstance" + Fixture.ID + "/" + method + "/" + Fixture.TOKEN;
    }

    @Test
    void theChatListsGroupsBecomeSortedGroupReferences() {
        // The documented shape: users and groups, archived or not; a group may come without a name.
        wm.stubFor(get(urlEqualTo(path("getChats"))).willReturn(okJson("["
                + "{\"archive\":false,\"id\":\"79876543210@c.us\",\"ephemeralExpiration\":86400,"
                + "\"ephemeralSettingTimestamp\":1777870423,\"name\":\"John Doe\",\"type\":\"user\"},"
                + "{\"archive\":true,\"id\":\"120363043968066561@g.us\",\"ephemeralExpiration\":0,"
                + "\"ephemeralSettingTimestamp\":0,\"name\":\"sales team\",\"type\":\"group\"},"
                + "{\"archive\":false,\"id\":\"79001234567-1581234048@g.us\",\"ephemeralExpiration\":0,"
                + "\"ephemeralSettingTimestamp\":0,\"name\":\"Accounting\",\"type\":\"group\"},"
                + "{\"archive\":false,\"id\":\"120363000000000007@g.us\",\"type\":\"group\"},"
                + "{\"archive\":false,\"id\":\"123456789012345@lid\",\"name\":\"Hidden\",\"type\":\"user\"}]")));
        Groups g = assertInstanceOf(Groups.class, client().groups());
        assertEquals(List.of("", "Accounting", "sales team"), g.groups().stream().map(GroupInfo::title).toList(),
                "sorted by title, ignoring case; users left out");
        assertEquals(List.of("120363000000000007@g.us", "79001234567-1581234048@g.us", "120363043968066561@g.us"),
                g.groups().stream().map(i -> i.group().key()).toList());
        assertTrue(g.groups().stream().allMatch(i -> i.addRight() == GroupInfo.AddRight.UNKNOWN
                && i.memberCount().isEmpty()), "a plain listing costs no look-up and claims nothing");
        assertEquals(0, wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                urlEqualTo(path("getGroupData")))).size());
    }

    @Test
    void anAccountInNoGroupHasAnEmptyLastPage() {
        wm.stubFor(get(urlEqualTo(path("getChats"))).willReturn(okJson("[{\"archive\":false,\"id\":\"79876543210@c.us\","
                + "\"name\":\"John Doe\",\"type\":\"user\"}]")));
        Groups g = assertInstanceOf(Groups.class, client().groups(GroupsPage.first()));
        assertTrue(g.groups().isEmpty());
        assertTrue(g.next().isEmpty());
    }

    @Test
    void failuresAreOutcomes() {
        wm.stubFor(get(urlEqualTo(path("getChats"))).willReturn(aResponse().withStatus(401).withBody("Unauthorized")));
        assertInstanceOf(Unauthorized.class, client().groups());
        wm.resetAll();
        wm.stubFor(get(urlEqualTo(path("getChats"))).willReturn(okJson("{\"chats\":[]}")));
        assertInstanceOf(Unrecognized.class, client().groups());
        wm.resetAll();
        wm.stubFor(get(urlEqualTo(path("getChats"))).willReturn(aResponse().withStatus(502).withBody("<html>502</html>")));
        assertEquals(OutcomeKind.UNAVAILABLE, client().groups().kind(), "a read is retried, then Unavailable");
        assertTrue(wm.findAll(getRequestedFor(urlEqualTo(path("getChats")))).size() > 1);
    }

    @Test
    void lookedUpDetailsComeFromTheGroupsData() {
        wm.stubFor(get(urlEqualTo(path("getChats"))).willReturn(okJson("[{\"id\":\"120363043968066561@g.us\",\"type\":\"group\"}]")));
        wm.stubFor(get(urlEqualTo(path("getSettings"))).willReturn(okJson("{\"wid\":\"79990000000@c.us\"}")));
        wm.stubFor(post(urlEqualTo(path("getGroupData"))).willReturn(okJson("{\"groupId\":\"120363043968066561@g.us\","
                + "\"subject\":\"Support\",\"size\":3,\"allowParticipantsAddMembers\":false,\"participants\":["
                + "{\"id\":\"79990000000@c.us\",\"isAdmin\":true,\"isSuperAdmin\":false},"
                + "{\"id\":\"79001234567@c.us\",\"isAdmin\":false,\"isSuperAdmin\":false},"
                + "{\"id\":\"123456789012345@lid\",\"isAdmin\":false,\"isSuperAdmin\":false}],\"groupInviteLink\":\"\"}")));
        Groups g = assertInstanceOf(Groups.class, client().groups(GroupsPage.first().details(GroupsPage.Details.LOOKED_UP)));
        GroupInfo info = g.groups().get(0);
        assertEquals("Support", info.title(), "the name from getGroupData where getChats has none");
        assertEquals(OptionalInt.of(3), info.memberCount());
        assertEquals(GroupInfo.AddRight.YES, info.addRight(), "the instance is an admin");
    }

    @Test
    void pagesWalkOneListingAndDetailsArePaced() {
        try (Fixture f = new Fixture()) {
            for (int i = 0; i < 250; i++) {
                String id = String.format("1203630%011d@g.us", i);
                f.instance.group(id).subject(id, String.format("Group %03d", i));
            }
            f.instance.notAdminOf(String.format("1203630%011d@g.us", 1));
            Groups first = assertInstanceOf(Groups.class, f.client.groups(GroupsPage.first()));
            assertEquals(100, first.groups().size());
            assertEquals(List.of("Group", "Group 000"), first.groups().subList(0, 2).stream().map(GroupInfo::title).toList(),
                    "the fixture's own group first, then by title");
            Groups second = assertInstanceOf(Groups.class, f.client.groups(GroupsPage.after(first.next().orElseThrow())));
            Groups third = assertInstanceOf(Groups.class, f.client.groups(GroupsPage.after(second.next().orElseThrow())));
            assertEquals(51, third.groups().size(), "250 made here and the fixture's own group");
            assertTrue(third.next().isEmpty());
            assertEquals(1, f.sim.requests("getChats").size(), "later pages walk the list the first page read");
            long before = f.time.nanoTime();
            Groups details = assertInstanceOf(Groups.class, f.client.groups(GroupsPage.first().limit(5)
                    .details(GroupsPage.Details.LOOKED_UP)));
            assertEquals(GroupInfo.AddRight.NO, details.groups().get(2).addRight(), "not an admin of Group 001");
            assertEquals(GroupInfo.AddRight.YES, details.groups().get(1).addRight());
            assertEquals(OptionalInt.of(1), details.groups().get(1).memberCount());
            List<GreenApiSimulator.Request> reads = f.sim.requests("getGroupData");
            assertEquals(5, reads.size());
            for (int i = 1; i < reads.size(); i++) {
                assertTrue(reads.get(i).atNanos() - reads.get(i - 1).atNanos() >= Duration.ofSeconds(1).toNanos(),
                        "getGroupData stays under one per second");
            }
            assertTrue(f.time.nanoTime() - before >= Duration.ofSeconds(4).toNanos());
        }
    }

    @Test
    void aCursorFromElsewhereIsTheCallersBug() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> client().groups(GroupsPage.after("page-two")));
        assertTrue(e.getMessage().contains("Groups.next()"), e.getMessage());
    }
}
