package io.groupkit.telegram.bot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.groupkit.telegram.bot.Fixture.SUPERGROUP;
import static io.groupkit.telegram.bot.Fixture.answer;
import static io.groupkit.telegram.bot.Fixture.chatMember;
import static io.groupkit.telegram.bot.Fixture.error;
import static io.groupkit.telegram.bot.Fixture.ok;
import static io.groupkit.telegram.bot.Fixture.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.groupkit.core.AddResult;
import io.groupkit.core.DecisionResult;
import io.groupkit.core.GroupRef;
import io.groupkit.core.InviteLink;
import io.groupkit.core.InviteLinkResult;
import io.groupkit.core.JoinDecision;
import io.groupkit.core.JoinRequestsPage;
import io.groupkit.core.Member;
import io.groupkit.core.MemberKind;
import io.groupkit.core.NotAdded;
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.RemoveResult;
import io.groupkit.core.Removed;
import io.groupkit.core.spi.Operation;
import io.groupkit.testkit.time.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each method's request and its documented answers against WireMock. */
@Order(1)
class WireTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final Member PERSON = Member.userId("555000111");
    private final VirtualTime time = VirtualTime.startingAt(Instant.parse("2026-12-01T10:00:00Z"));
    private final TelegramBotClient client = Fixture.client(wm, time);

    private static final String LINK = "{\"invite_link\":\"https://t.me/+AbCdEf123\",\"creator\":{\"id\":" + Fixture.BOT_ID
            + ",\"is_bot\":true,\"first_name\":\"B\"},\"creates_join_request\":false,\"is_primary\":false,"
            + "\"is_revoked\":false,\"name\":\"GroupKit\",\"expire_date\":1765447200,\"member_limit\":1}";

    @Test
    void capabilitiesSayABotCannotAddListOrLookUpNames() {
        var c = client.capabilities();
        assertFalse(c.supports(Operation.ADD));
        assertFalse(c.supports(Operation.MEMBERS));
        assertFalse(c.supports(Operation.GROUPS));
        assertTrue(c.supports(Operation.INVITE_LINK) && c.supports(Operation.REMOVE) && c.supports(Operation.EVENTS)
                && c.supports(Operation.DECIDE_JOIN_REQUEST));
        assertEquals(Set.of(MemberKind.USER_ID), c.memberKinds());
        assertEquals("telegram-bot:" + Fixture.BOT_ID, client.accountKey());
        var byName = assertThrows(IllegalArgumentException.class, () -> client.add(SUPERGROUP, Member.username("someone")));
        assertTrue(byName.getMessage().contains("USER_ID"), byName.getMessage());
        assertEquals(OutcomeKind.UNSUPPORTED, client.members(SUPERGROUP).kind());
        assertEquals(OutcomeKind.UNSUPPORTED, client.joinRequests(SUPERGROUP, JoinRequestsPage.first()).kind());
        assertEquals(OutcomeKind.UNSUPPORTED, client.decideAllJoinRequests(SUPERGROUP, JoinDecision.APPROVE).kind());
        assertThrows(IllegalArgumentException.class, () -> client.add(GroupRef.of("x@g.us"), PERSON));
        assertThrows(IllegalArgumentException.class, () -> client.remove(SUPERGROUP, Member.userId("12345678901234567")));
        assertEquals(0, wm.getAllServeEvents().size(), "nothing was sent");
    }

    @Test
    void anAddIsNotAddedWithThePersonsOwnOneUseLink() {
        answer(wm, "getChatMember", ok(Fixture.chatMember(555000111L, "left", "")));
        answer(wm, "createChatInviteLink", ok(LINK));
        AddResult r = client.add(SUPERGROUP, PERSON);
        NotAdded refused = assertInstanceOf(NotAdded.class, r);
        assertEquals("BOT_CANNOT_ADD", refused.detail().code());
        assertEquals("https://t.me/+AbCdEf123", refused.inviteLink().orElseThrow().url());
        long expires = time.now().plus(Duration.ofDays(7)).getEpochSecond();
        wm.verify(postRequestedFor(urlEqualTo(path("createChatInviteLink"))).withRequestBody(equalToJson(
                "{\"chat_id\":-1001234567890,\"name\":\"GroupKit · id …0111\",\"expire_date\":" + expires
                        + ",\"member_limit\":1}")));
    }

    @Test
    void aSecondLinkForThePersonRevokesTheFirstAfterItIsMade() {
        answer(wm, "createChatInviteLink", ok(LINK));
        answer(wm, "revokeChatInviteLink", ok(LINK.replace("\"is_revoked\":false", "\"is_revoked\":true")));
        assertInstanceOf(InviteLink.class, client.inviteLink(SUPERGROUP, PERSON));
        answer(wm, "createChatInviteLink", ok(LINK.replace("AbCdEf123", "Second456")));
        InviteLinkResult second = client.inviteLink(SUPERGROUP, PERSON);
        assertEquals("https://t.me/+Second456", ((InviteLink) second).url());
        wm.verify(1, postRequestedFor(urlEqualTo(path("revokeChatInviteLink"))).withRequestBody(equalToJson(
                "{\"chat_id\":-1001234567890,\"invite_link\":\"https://t.me/+AbCdEf123\"}")));
    }

    @Test
    void theSharedLinkIsANamedLinkNeverTheReplacedPrimaryOne() {
        answer(wm, "createChatInviteLink", ok(LINK.replace(",\"expire_date\":1765447200,\"member_limit\":1", "")));
        assertInstanceOf(InviteLink.class, client.inviteLink(SUPERGROUP));
        wm.verify(postRequestedFor(urlEqualTo(path("createChatInviteLink"))).withRequestBody(equalToJson(
                "{\"chat_id\":-1001234567890,\"name\":\"GroupKit\"}")));
        wm.verify(0, postRequestedFor(urlEqualTo(path("exportChatInviteLink"))));
    }

    @Test
    void aRemovalBansThenLiftsTheBanSoThePersonMayComeBack() {
        answer(wm, "getChatMember", ok(chatMember(555000111, "member", "")));
        answer(wm, "banChatMember", ok("true"));
        answer(wm, "unbanChatMember", ok("true"));
        assertInstanceOf(Removed.class, client.remove(SUPERGROUP, PERSON));
        wm.verify(postRequestedFor(urlEqualTo(path("banChatMember"))).withRequestBody(equalToJson(
                "{\"chat_id\":-1001234567890,\"user_id\":555000111}")));
        wm.verify(postRequestedFor(urlEqualTo(path("unbanChatMember"))).withRequestBody(equalToJson(
                "{\"chat_id\":-1001234567890,\"user_id\":555000111,\"only_if_banned\":true}")));
    }

    @Test
    void aBasicGroupHasNoBanToLift() {
        answer(wm, "getChatMember", ok(chatMember(555000111, "member", "")));
        answer(wm, "banChatMember", ok("true"));
        assertInstanceOf(Removed.class, client.remove(Fixture.BASIC, PERSON));
        wm.verify(0, postRequestedFor(urlEqualTo(path("unbanChatMember"))));
    }

    @Test
    void aBanThatCannotBeLiftedIsSaid() {
        answer(wm, "getChatMember", ok(chatMember(555000111, "member", "")));
        answer(wm, "banChatMember", ok("true"));
        answer(wm, "unbanChatMember", error(400, "Bad Request: not enough rights to restrict/unrestrict chat member", ""));
        Removed r = assertInstanceOf(Removed.class, client.remove(SUPERGROUP, PERSON));
        assertEquals("REMOVED_STILL_BANNED", r.detail().code());
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "left       | false | NOT_MEMBER",
        "kicked     | false | NOT_MEMBER",
        "restricted | false | NOT_MEMBER",
        "restricted | true  | REMOVED",
        "administrator | true | REMOVED",
    })
    void theStatusReadFirstDecidesWhetherAnythingIsSent(String status, boolean isMember, OutcomeKind expected) {
        answer(wm, "getChatMember", ok(chatMember(555000111, status, ",\"is_member\":" + isMember)));
        answer(wm, "banChatMember", ok("true"));
        answer(wm, "unbanChatMember", ok("true"));
        RemoveResult r = client.remove(SUPERGROUP, PERSON);
        assertEquals(expected, r.kind());
        wm.verify(expected == OutcomeKind.REMOVED ? 1 : 0, postRequestedFor(urlEqualTo(path("banChatMember"))));
    }

    @ParameterizedTest(name = "ban answers {0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "400 | Bad Request: user is an administrator of the chat | UNSUPPORTED",
        "400 | Bad Request: not enough rights to restrict/unrestrict chat member | ACCESS_DENIED",
        "403 | Forbidden: bot is not a member of the supergroup chat | ACCESS_DENIED",
        "403 | Forbidden: bot was kicked from the supergroup chat | ACCESS_DENIED",
        "400 | Bad Request: chat not found | NOT_FOUND",
        "400 | Bad Request: PARTICIPANT_ID_INVALID | NOT_FOUND",
        "401 | Unauthorized | UNAUTHORIZED",
    })
    void aRefusedBanIsTyped(int code, String description, OutcomeKind expected) {
        answer(wm, "getChatMember", ok(chatMember(555000111, "member", "")));
        answer(wm, "banChatMember", error(code, description, ""));
        assertEquals(expected, client.remove(SUPERGROUP, PERSON).kind());
        wm.verify(0, postRequestedFor(urlEqualTo(path("unbanChatMember"))));
    }

    /** The core settles a lost answer by asking getChatMember about the person: the status after decides. */
    @ParameterizedTest(name = "ban answer lost ({0}), then {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "502 | member | UNAVAILABLE",
        "502 | left   | REMOVED",
        "500 | member | UNAVAILABLE",
        "500 | kicked | REMOVED",
        "0   | member | UNAVAILABLE",
        "0   | left   | REMOVED",
    })
    void aLostAnswerToABanIsSettledByTheMembershipCheck(int status, String after, OutcomeKind expected) {
        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo(path("getChatMember")))
                .inScenario("s").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(ok(chatMember(555000111, "member", ""))).willSetStateTo("after"));
        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo(path("getChatMember")))
                .inScenario("s").whenScenarioStateIs("after").willReturn(ok(chatMember(555000111, after, ""))));
        answer(wm, "banChatMember", status == 502 ? aResponse().withStatus(502).withBody("<html>Bad Gateway</html>")
                : status == 500 ? error(500, "Internal Server Error", "") : aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        answer(wm, "unbanChatMember", ok("true"));
        assertEquals(expected, client.remove(SUPERGROUP, PERSON).kind());
        wm.verify(2, postRequestedFor(urlEqualTo(path("getChatMember"))));
    }

    @Test
    void aBrokenReadIsUnavailable() {
        answer(wm, "createChatInviteLink", aResponse().withStatus(200).withBody("{\"ok\":true,\"result\":{\"invi"));
        assertEquals(OutcomeKind.UNAVAILABLE, client.inviteLink(SUPERGROUP).kind());
    }

    @ParameterizedTest(name = "{0} answers {1} {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
        "APPROVE | 200 | -                                   | DONE",
        "DECLINE | 200 | -                                   | DONE",
        "APPROVE | 400 | Bad Request: HIDE_REQUESTER_MISSING | NOT_FOUND",
        "DECLINE | 400 | Bad Request: USER_ID_INVALID        | NOT_FOUND",
        "APPROVE | 400 | Bad Request: USER_ALREADY_PARTICIPANT | ALREADY_MEMBER",
        "APPROVE | 400 | Bad Request: USER_CHANNELS_TOO_MUCH | TOO_MANY_GROUPS",
        "APPROVE | 400 | Bad Request: not enough rights to manage chat join requests | ACCESS_DENIED",
        "DECLINE | 429 | Too Many Requests: retry after 7     | RATE_LIMITED",
    })
    void joinRequestsAreDecidedOneByOne(JoinDecision decision, int code, String description, OutcomeKind expected) {
        String method = decision == JoinDecision.APPROVE ? "approveChatJoinRequest" : "declineChatJoinRequest";
        answer(wm, method, code == 200 ? ok("true") : error(code, description, code == 429 ? "{\"retry_after\":7}" : ""));
        DecisionResult r = client.decideJoinRequest(SUPERGROUP, PERSON, decision);
        assertEquals(expected, r.kind());
        wm.verify(postRequestedFor(urlEqualTo(path(method))).withRequestBody(matchingJsonPath("$.user_id", 
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("555000111"))));
    }

    @Test
    void anUpgradedGroupNamesItsNewId() {
        answer(wm, "createChatInviteLink", error(400, "Bad Request: group chat was upgraded to a supergroup chat",
                "{\"migrate_to_chat_id\":-1009876543210}"));
        var r = client.inviteLink(Fixture.BASIC);
        assertEquals(OutcomeKind.NOT_FOUND, r.kind());
        assertEquals("GROUP_MIGRATED", r.detail().code());
        assertEquals(java.util.Optional.of(TelegramBotChat.of(-1009876543210L)), client.upgradedTo(Fixture.BASIC));
        assertEquals(java.util.Optional.empty(), client.upgradedTo(SUPERGROUP));
    }

    @Test
    void webhookHelpersSendTheSecretAndTheUpdatesWanted() {
        answer(wm, "setWebhook", ok("true"));
        answer(wm, "deleteWebhook", ok("true"));
        assertEquals(OutcomeKind.DONE, client.setWebhook("https://example.com/tg", "s3cret_Hook").kind());
        assertEquals(OutcomeKind.DONE, client.deleteWebhook().kind());
        wm.verify(postRequestedFor(urlEqualTo(path("setWebhook"))).withRequestBody(equalToJson(
                "{\"url\":\"https://example.com/tg\",\"secret_token\":\"s3cret_Hook\","
                        + "\"allowed_updates\":[\"chat_member\",\"my_chat_member\",\"chat_join_request\"]}")));
        assertThrows(IllegalArgumentException.class, () -> client.setWebhook("https://example.com/tg", "bad secret!"));
    }

    @Test
    void theBuilderChecksTheTokenWithoutQuotingIt() {
        var bad = assertThrows(IllegalArgumentException.class, () -> TelegramBot.builder().token("123:short-" + "x"));
        assertFalse(bad.getMessage().contains("short-x"));
        var noToken = assertThrows(IllegalStateException.class, () -> TelegramBot.builder().build());
        assertTrue(noToken.getMessage().contains("token"));
        TelegramBot.Builder b = TelegramBot.builder().token(Fixture.TOKEN);
        assertFalse(b.toString().contains(Fixture.SECRET_PART));
        assertFalse(client.toString().contains(Fixture.SECRET_PART));
        assertThrows(IllegalArgumentException.class, () -> TelegramBot.builder().apiUrl("http://example.com"));
    }

    @Test
    void theDefaultPoliciesAttachThePersonalLink() {
        answer(wm, "getChatMember", ok(Fixture.chatMember(555000111L, "left", "")));
        answer(wm, "createChatInviteLink", ok(LINK));
        try (TelegramBotClient plain = TelegramBot.builder().token(Fixture.TOKEN).apiUrl(wm.baseUrl()).build()) {
            NotAdded r = assertInstanceOf(NotAdded.class, plain.add(SUPERGROUP, PERSON));
            assertTrue(r.inviteLink().isPresent());
        }
    }
}
