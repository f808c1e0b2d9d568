package io.groupkit.greenapi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.groupkit.core.AccountState;
import io.groupkit.core.AccountStatus;
import io.groupkit.core.Added;
import io.groupkit.core.Done;
import io.groupkit.core.GroupCreated;
import io.groupkit.core.InviteLink;
import io.groupkit.core.Member;
import io.groupkit.core.Members;
import io.groupkit.core.MemberRole;
import io.groupkit.core.Removed;
import io.groupkit.core.policy.InviteFallback;
import io.groupkit.core.policy.Prechecks;
import io.groupkit.testkit.time.VirtualTime;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The exact request of every operation: URL shape, verb, JSON field names and types. */
@Order(1)
class WireRequestsTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final VirtualTime time = VirtualTime.create();

    private GreenApiClient client(Prechecks prechecks) {
        return GreenApi.builder().apiUrl(wm.baseUrl()).instance(Fixture.ID, Fixture.TOKEN)
                .policies(Fixture.policies(time).prechecks(prechecks).inviteFallback(InviteFallback.ATTACH_AND_SEND).build())
                .build();
    }

    private static String path(String method) {
        return "/waInstance" + Fixture.ID + "/" + method + "/" + Fixture.TOKEN;
    }

    @Test
    void addByPhoneSendsTheNumberAsAnInteger() {
        wm.stubFor(post(urlEqualTo(path("addGroupParticipant"))).willReturn(okJson("{\"addParticipant\":true}")));
        assertInstanceOf(Added.class, client(Prechecks.OFF).add(Fixture.GROUP, Member.phone("+7 900 123-45-68")));
        wm.verify(postRequestedFor(urlEqualTo(path("addGroupParticipant")))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"groupId\":\"" + Fixture.GROUP_ID + "\",\"participantPhone\":79001234568}", false, false)));
    }

    @Test
    void addByChatIdSendsTheChatId() {
        wm.stubFor(post(urlEqualTo(path("addGroupParticipant"))).willReturn(okJson("{\"addParticipant\":true}")));
        assertInstanceOf(Added.class, client(Prechecks.OFF).add(Fixture.GROUP, Member.chatId("79001234568@c.us")));
        wm.verify(postRequestedFor(urlEqualTo(path("addGroupParticipant"))).withRequestBody(equalToJson(
                "{\"groupId\":\"" + Fixture.GROUP_ID + "\",\"participantChatId\":\"79001234568@c.us\"}", false, false)));
    }

    @Test
    void thePrecheckAsksCheckWhatsappWithAnIntegerAfterTheState() {
        wm.stubFor(get(urlEqualTo(path("getStateInstance"))).willReturn(okJson("{\"stateInstance\":\"authorized\"}")));
        wm.stubFor(post(urlEqualTo(path("checkWhatsapp"))).willReturn(okJson("{\"existsWhatsapp\":true}")));
        wm.stubFor(post(urlEqualTo(path("addGroupParticipant"))).willReturn(okJson("{\"addParticipant\":true}")));
        assertInstanceOf(Added.class, client(Prechecks.ON).add(Fixture.GROUP, Member.phone("+7 900 123-45-68")));
        wm.verify(getRequestedFor(urlEqualTo(path("getStateInstance"))));
        wm.verify(postRequestedFor(urlEqualTo(path("checkWhatsapp")))
                .withRequestBody(equalToJson("{\"phoneNumber\":79001234568}", false, false)));
    }

    @Test
    void removeSendsTheChatId() {
        wm.stubFor(post(urlEqualTo(path("removeGroupParticipant"))).willReturn(okJson("{\"removeParticipant\":true}")));
        assertInstanceOf(Removed.class, client(Prechecks.OFF).remove(Fixture.GROUP, Member.phone("+79001234568")));
        wm.verify(postRequestedFor(urlEqualTo(path("removeGroupParticipant"))).withRequestBody(equalToJson(
                "{\"groupId\":\"" + Fixture.GROUP_ID + "\",\"participantChatId\":\"79001234568@c.us\"}", false, false)));
    }

    @Test
    void groupDataGivesTheLinkAndTheMembers() {
        wm.stubFor(post(urlEqualTo(path("getGroupData"))).willReturn(okJson("{\"groupId\":\"" + Fixture.GROUP_ID
                + "\",\"owner\":\"79990000000@c.us\",\"subject\":\"Team\",\"creation\":1587570015,"
                + "\"participants\":[{\"id\":\"79990000000@c.us\",\"isAdmin\":true,\"isSuperAdmin\":true},"
                + "{\"id\":\"79001234568@c.us\",\"isAdmin\":false,\"isSuperAdmin\":false},"
                + "{\"id\":\"1234567890@lid\",\"isAdmin\":true,\"isSuperAdmin\":false}],"
                + "\"subjectTime\":1587570015,\"subjectOwner\":\"79990000000@c.us\","
                + "\"groupInviteLink\":\"https://chat.whatsapp.com/Abc\"}")));
        GreenApiClient c = client(Prechecks.OFF);
        assertEquals("https://chat.whatsapp.com/Abc", assertInstanceOf(InviteLink.class, c.inviteLink(Fixture.GROUP)).url());
        Members m = assertInstanceOf(Members.class, c.members(Fixture.GROUP));
        assertEquals(List.of(MemberRole.OWNER, MemberRole.MEMBER, MemberRole.ADMIN),
                m.members().stream().map(x -> x.member() != null ? x.role() : null).toList());
        assertEquals("1234567890@lid", m.members().get(2).member().value());
        wm.verify(2, postRequestedFor(urlEqualTo(path("getGroupData")))
                .withRequestBody(equalToJson("{\"groupId\":\"" + Fixture.GROUP_ID + "\"}")));
    }

    @Test
    void createGroupChecksEveryNumberThenSendsChatIds() {
        wm.stubFor(post(urlEqualTo(path("checkWhatsapp"))).willReturn(okJson("{\"existsWhatsapp\":true}")));
        wm.stubFor(post(urlEqualTo(path("createGroup"))).willReturn(okJson("{\"created\":true,\"chatId\":"
                + "\"120363000000000042@g.us\",\"groupInviteLink\":\"https://chat.whatsapp.com/New\"}")));
        GroupCreated g = assertInstanceOf(GroupCreated.class, client(Prechecks.OFF).createGroup("Team",
                List.of(Member.phone("+79001234568"), Member.chatId("79001234569@c.us"))));
        assertEquals("120363000000000042@g.us", g.group().key());
        assertEquals("https://chat.whatsapp.com/New", g.inviteLink().orElseThrow());
        wm.verify(2, postRequestedFor(urlEqualTo(path("checkWhatsapp"))));
        wm.verify(postRequestedFor(urlEqualTo(path("createGroup"))).withRequestBody(equalToJson(
                "{\"groupName\":\"Team\",\"chatIds\":[\"79001234568@c.us\",\"79001234569@c.us\"]}")));
    }

    @Test
    void theOtherGroupMethods() {
        wm.stubFor(post(urlEqualTo(path("updateGroupName"))).willReturn(okJson("{\"updateGroupName\":true}")));
        wm.stubFor(post(urlEqualTo(path("setGroupAdmin"))).willReturn(okJson("{\"setGroupAdmin\":true}")));
        wm.stubFor(post(urlEqualTo(path("removeAdmin"))).willReturn(okJson("{\"removeAdmin\":true}")));
        wm.stubFor(post(urlEqualTo(path("leaveGroup"))).willReturn(okJson("{\"leaveGroup\":true}")));
        GreenApiClient c = client(Prechecks.OFF);
        Member p = Member.phone("+79001234568");
        assertInstanceOf(Done.class, c.rename(Fixture.GROUP, "New name"));
        assertInstanceOf(Done.class, c.setAdmin(Fixture.GROUP, p));
        assertInstanceOf(Done.class, c.removeAdmin(Fixture.GROUP, p));
        assertInstanceOf(Done.class, c.leave(Fixture.GROUP));
        wm.verify(postRequestedFor(urlEqualTo(path("updateGroupName"))).withRequestBody(equalToJson(
                "{\"groupId\":\"" + Fixture.GROUP_ID + "\",\"groupName\":\"New name\"}")));
        wm.verify(postRequestedFor(urlEqualTo(path("setGroupAdmin"))).withRequestBody(equalToJson(
                "{\"groupId\":\"" + Fixture.GROUP_ID + "\",\"participantChatId\":\"79001234568@c.us\"}")));
        wm.verify(postRequestedFor(urlEqualTo(path("removeAdmin"))).withRequestBody(equalToJson(
                "{\"groupId\":\"" + Fixture.GROUP_ID + "\",\"participantChatId\":\"79001234568@c.us\"}")));
        wm.verify(postRequestedFor(urlEqualTo(path("leaveGroup"))).withRequestBody(equalToJson(
                "{\"groupId\":\"" + Fixture.GROUP_ID + "\"}")));
    }

    @Test
    void aGroupPictureIsAMultipartUpload() {
        wm.stubFor(post(urlEqualTo(path("setGroupPicture"))).willReturn(okJson(
                "{\"setGroupPicture\":true,\"urlAvatar\":\"https://pps.whatsapp.net/x.jpg\",\"reason\":\"\"}")));
        byte[] jpeg = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 1, 2, 3};
        Done d = assertInstanceOf(Done.class, client(Prechecks.OFF).setGroupPicture(Fixture.GROUP, jpeg));
        assertEquals("https://pps.whatsapp.net/x.jpg", d.detail().description());
        wm.verify(postRequestedFor(urlEqualTo(path("setGroupPicture")))
                .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.containing("multipart/form-data; boundary="))
                .withRequestBodyPart(new com.github.tomakehurst.wiremock.matching.MultipartValuePatternBuilder()
                        .withName("groupId").withBody(equalTo(Fixture.GROUP_ID)).build())
                .withRequestBodyPart(new com.github.tomakehurst.wiremock.matching.MultipartValuePatternBuilder()
                        .withName("file").withHeader("Content-Type", equalTo("image/jpeg"))
                        .withBody(com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo(jpeg)).build()));
    }

    @Test
    void stateAndSettingsAreGets() {
        wm.stubFor(get(urlEqualTo(path("getStateInstance"))).willReturn(okJson("{\"stateInstance\":\"yellowCard\"}")));
        AccountStatus s = assertInstanceOf(AccountStatus.class, client(Prechecks.OFF).state());
        assertEquals(AccountState.SPAM_SUSPENDED, s.state());
        assertEquals("yellowCard", s.detail().code());
    }

    /** A bare refusal of someone outside the contacts, by an admin instance of a group with a link. */
    private void stubARefusalThatTheLinkRemedies() {
        wm.stubFor(post(urlEqualTo(path("addGroupParticipant"))).willReturn(okJson("{\"addParticipant\":false}")));
        wm.stubFor(post(urlEqualTo(path("getGroupData"))).willReturn(okJson("{\"groupId\":\"" + Fixture.GROUP_ID
                + "\",\"participants\":[{\"id\":\"79990000000@c.us\",\"isAdmin\":true,\"isSuperAdmin\":true}],"
                + "\"groupInviteLink\":\"https://chat.whatsapp.com/Abc\"}")));
        wm.stubFor(get(urlEqualTo(path("getSettings"))).willReturn(okJson("{\"wid\":\"79990000000@c.us\"}")));
        wm.stubFor(get(urlEqualTo(path("getContacts"))).willReturn(okJson("[]")));
    }

    @Test
    void theFallbackSendsTheLinkWithSendMessage() {
        stubARefusalThatTheLinkRemedies();
        wm.stubFor(post(urlEqualTo(path("sendMessage"))).willReturn(okJson("{\"idMessage\":\"BAE5F4886AFFFFFF\"}")));
        var r = client(Prechecks.OFF).add(Fixture.GROUP, Member.chatId("79001234568@c.us"));
        assertEquals(io.groupkit.core.OutcomeKind.NOT_IN_CONTACTS, r.kind());
        wm.verify(postRequestedFor(urlEqualTo(path("sendMessage"))).withRequestBody(equalToJson(
                "{\"chatId\":\"79001234568@c.us\",\"message\":\"You are invited to join our WhatsApp group:"
                        + " https://chat.whatsapp.com/Abc\"}")));
        wm.verify(getRequestedFor(urlEqualTo(path("getContacts"))));
    }

    /** Only an answer with a message id counts as sent: an error, garbage or a lost answer never does. */
    @Test
    void aLinkIsSentOnlyWhenSendMessageAnswersAMessageId() {
        stubARefusalThatTheLinkRemedies();
        for (var answer : java.util.List.of(aResponse().withStatus(500).withBody("<html>oops</html>"),
                aResponse().withStatus(400).withBody("{\"message\":\"bad chatId\"}"), okJson("{}"),
                okJson("{\"idMessage\":"), aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER))) {
            wm.stubFor(post(urlEqualTo(path("sendMessage"))).willReturn(answer));
            var r = assertInstanceOf(io.groupkit.core.LinkFallback.class,
                    client(Prechecks.OFF).add(Fixture.GROUP, Member.chatId("79001234568@c.us")));
            assertTrue(r.inviteLink().isPresent(), "the link is still attached");
            assertFalse(r.inviteSent(), "not sent: " + answer.build().getStatus());
        }
        wm.stubFor(post(urlEqualTo(path("sendMessage"))).willReturn(okJson("{\"idMessage\":\"BAE5F4886AFFFFFF\"}")));
        var sent = assertInstanceOf(io.groupkit.core.LinkFallback.class,
                client(Prechecks.OFF).add(Fixture.GROUP, Member.chatId("79001234568@c.us")));
        assertTrue(sent.inviteSent());
    }

    @Test
    void noRequestFollowsARedirect() {
        wm.stubFor(post(urlEqualTo(path("addGroupParticipant"))).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://elsewhere.invalid/")));
        var r = client(Prechecks.OFF).add(Fixture.GROUP, Member.chatId("79001234568@c.us"));
        assertEquals(io.groupkit.core.OutcomeKind.UNRECOGNIZED, r.kind());
        assertEquals(302, r.detail().status().orElseThrow());
    }
}
