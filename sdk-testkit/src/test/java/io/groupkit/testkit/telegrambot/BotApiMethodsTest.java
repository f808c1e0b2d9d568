package io.groupkit.testkit.telegrambot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.testkit.telegrambot.BotApiClient.Reply;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each method's answers and errors over real HTTP, with the server's exact descriptions. */
class BotApiMethodsTest {
    static final long SG = -1001234567890L;
    static final long BG = -4001L;
    static final long NOT_ADMIN = -1002000000001L;
    static final long REMOVED = -1003000000001L;
    static final long OLD = -4002L;
    static final long UPGRADED = -1004000000001L;
    static final long OWNER = 1000;

    private final BotApiSimulator sim = BotApiSimulator.start()
            .user(1001, "alice").user(1003, null)
            .supergroup(SG, 1001, 1002).owner(SG, OWNER)
            .basicGroup(BG, 1001)
            .supergroup(NOT_ADMIN, 1001).botNotAdmin(NOT_ADMIN)
            .supergroup(REMOVED, 1001).botRemoved(REMOVED)
            .basicGroup(OLD, 1001).migrate(OLD, UPGRADED);
    private final BotApiClient api = new BotApiClient(sim);

    @AfterEach
    void stop() {
        sim.close();
    }

    static Stream<Arguments> errors() {
        String name33 = "n".repeat(33);
        return Stream.of(
                Arguments.of("getChat", "{}", 400, "Bad Request: chat_id is empty"),
                Arguments.of("getChat", "{\"chat_id\":-100999}", 400, "Bad Request: chat not found"),
                Arguments.of("getChat", "{\"chat_id\":\"@somewhere\"}", 400, "Bad Request: chat not found"),
                Arguments.of("getChat", "{\"chat_id\":" + REMOVED + "}", 403, "Forbidden: bot was kicked from the supergroup chat"),
                Arguments.of("getChatMember", "{\"chat_id\":" + SG + "}", 400, "Bad Request: invalid user_id specified"),
                Arguments.of("getChatMember", "{\"chat_id\":" + SG + ",\"user_id\":0}", 400, "Bad Request: invalid user_id specified"),
                Arguments.of("getChatMember", "{\"chat_id\":" + SG + ",\"user_id\":999}", 400, "Bad Request: user not found"),
                Arguments.of("createChatInviteLink", "{\"chat_id\":" + NOT_ADMIN + "}", 400,
                        "Bad Request: not enough rights to manage chat invite link"),
                Arguments.of("exportChatInviteLink", "{\"chat_id\":" + NOT_ADMIN + "}", 400,
                        "Bad Request: not enough rights to manage chat invite link"),
                Arguments.of("approveChatJoinRequest", "{\"chat_id\":" + NOT_ADMIN + ",\"user_id\":1003}", 400,
                        "Bad Request: not enough rights to manage chat join requests"),
                Arguments.of("banChatMember", "{\"chat_id\":" + NOT_ADMIN + ",\"user_id\":1001}", 400,
                        "Bad Request: not enough rights to restrict/unrestrict chat member"),
                Arguments.of("approveChatJoinRequest", "{\"chat_id\":" + SG + ",\"user_id\":1003}", 400,
                        "Bad Request: HIDE_REQUESTER_MISSING"),
                Arguments.of("declineChatJoinRequest", "{\"chat_id\":" + SG + ",\"user_id\":1003}", 400,
                        "Bad Request: HIDE_REQUESTER_MISSING"),
                Arguments.of("approveChatJoinRequest", "{\"chat_id\":" + SG + ",\"user_id\":1001}", 400,
                        "Bad Request: USER_ALREADY_PARTICIPANT"),
                Arguments.of("banChatMember", "{\"chat_id\":" + SG + ",\"user_id\":" + OWNER + "}", 400,
                        "Bad Request: user is an administrator of the chat"),
                Arguments.of("unbanChatMember", "{\"chat_id\":" + BG + ",\"user_id\":1001}", 400,
                        "Bad Request: method is available for supergroup and channel chats only"),
                Arguments.of("createChatInviteLink", "{\"chat_id\":" + OLD + "}", 400,
                        "Bad Request: group chat was upgraded to a supergroup chat"),
                Arguments.of("createChatInviteLink", "{\"chat_id\":" + SG + ",\"name\":\"" + name33 + "\"}", 400,
                        "Bad Request: invite link name is too long"),
                Arguments.of("createChatInviteLink", "{\"chat_id\":" + SG + ",\"member_limit\":100000}", 400,
                        "Bad Request: member limit must be between 1 and 99999"),
                Arguments.of("createChatInviteLink", "{\"chat_id\":" + SG + ",\"member_limit\":1,\"creates_join_request\":true}",
                        400, "Bad Request: member limit can't be specified for links requiring administrator approval"),
                Arguments.of("revokeChatInviteLink", "{\"chat_id\":" + SG + ",\"invite_link\":\"https://t.me/+nope\"}", 400,
                        "Bad Request: INVITE_HASH_EXPIRED"),
                Arguments.of("getChat", "{\"chat_id\":", 400, "Bad Request: can't parse JSON object"),
                Arguments.of("setWebhook", "{\"url\":\"ftp://example.org/hook\"}", 400, "Bad Request: bad webhook: Wrong HTTP URL"),
                Arguments.of("setWebhook", "{\"url\":\"https://example.org/hook\",\"secret_token\":\"a b\"}", 400,
                        "Bad Request: secret token contains unallowed characters"),
                Arguments.of("sendTelepathy", "{}", 404, "Not Found"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @MethodSource("errors")
    void errorsCarryTheServersDescription(String method, String body, int code, String description) {
        Reply r = api.json(method, body);
        assertEquals(code, r.status());
        assertFalse(r.json().path("ok").asBoolean(true));
        assertEquals(code, r.json().path("error_code").asInt());
        assertEquals(description, r.description());
    }

    @Test
    void aWrongTokenIsUnauthorizedAndTheTokenIsNeverRecorded() {
        Reply r = api.json(sim.botId() + ":" + "x".repeat(35), "getMe", "{}");
        assertEquals(401, r.status());
        assertEquals("Unauthorized", r.description());
        assertEquals(List.of("getMe"), sim.calls());
        assertTrue(sim.token().matches(sim.botId() + ":[A-Za-z0-9_-]{35}"), sim.token());
        assertFalse(sim.toString().contains(sim.token()));
    }

    @Test
    void anUpgradedGroupNamesItsSupergroup() {
        Reply r = api.json("banChatMember", "{\"chat_id\":" + OLD + ",\"user_id\":1001}");
        assertEquals(UPGRADED, r.json().path("parameters").path("migrate_to_chat_id").asLong());
        assertEquals("supergroup", api.json("getChat", "{\"chat_id\":" + UPGRADED + "}").result().path("type").asText());
        assertEquals(Set.of(1001L), sim.members(UPGRADED));
    }

    @Test
    void scriptedRateLimitsAndRefusals() {
        sim.rateLimit("getMe", 5, 1).refuse("getChat", 400, "Bad Request: USER_CHANNELS_TOO_MUCH", 1);
        Reply limited = api.json("getMe", "{}");
        assertEquals(429, limited.status());
        assertEquals("Too Many Requests: retry after 5", limited.description());
        assertEquals(5, limited.json().path("parameters").path("retry_after").asInt());
        assertEquals(sim.botId(), api.json("getMe", "{}").result().path("id").asLong());
        assertEquals("Bad Request: USER_CHANNELS_TOO_MUCH", api.json("getChat", "{\"chat_id\":" + SG + "}").description());
        assertEquals("supergroup", api.json("getChat", "{\"chat_id\":" + SG + "}").result().path("type").asText());
    }

    @Test
    void parametersComeAsJsonAsAFormOrInTheQuery() {
        String member = "{\"chat_id\":" + SG + ",\"user_id\":1001}";
        assertEquals("member", api.json("getChatMember", member).result().path("status").asText());
        assertEquals("member", api.form("getChatMember", "chat_id=" + SG + "&user_id=1001").result().path("status").asText());
        assertEquals("member", api.query("getChatMember", "chat_id=" + SG + "&user_id=1001").result().path("status").asText());
        assertEquals("alice", api.query("getChatMember", "chat_id=" + SG + "&user_id=1001")
                .result().path("user").path("username").asText());
    }

    @Test
    void readsOfChatsAndMembers() {
        assertTrue(api.json("getMe", "{}").result().path("is_bot").asBoolean());
        assertEquals("group", api.json("getChat", "{\"chat_id\":" + BG + "}").result().path("type").asText());
        sim.restricted(SG, 1003, true);
        assertEquals("creator", status(SG, OWNER));
        assertEquals("member", status(SG, 1002));
        assertEquals("left", status(BG, 1002)); // a non-member is left, not an error
        assertEquals("administrator", status(SG, sim.botId()));
        assertEquals("member", status(NOT_ADMIN, sim.botId()));
        JsonNodeAssert.restrictedMember(api.json("getChatMember", "{\"chat_id\":" + SG + ",\"user_id\":1003}").result());
        // owner, 1001, 1002, restricted 1003 (is_member), the bot
        assertEquals(5, api.json("getChatMemberCount", "{\"chat_id\":" + SG + "}").result().asInt());
        assertEquals(Set.of(1001L, 1002L, 1003L, OWNER), sim.members(SG));
        var admins = api.json("getChatAdministrators", "{\"chat_id\":" + SG + "}").result();
        assertEquals(2, admins.size());
        assertEquals("creator", admins.get(0).path("status").asText());
        assertTrue(admins.get(1).path("can_invite_users").asBoolean());
    }

    @Test
    void links() {
        String first = api.json("exportChatInviteLink", "{\"chat_id\":" + SG + "}").result().asText();
        String second = api.json("exportChatInviteLink", "{\"chat_id\":" + SG + "}").result().asText();
        assertTrue(first.startsWith("https://t.me/+"), first);
        assertTrue(sim.link(first).orElseThrow().revoked()); // a new primary link revokes the old one
        var made = api.json("createChatInviteLink", "{\"chat_id\":" + SG + ",\"name\":\"for 1003\",\"member_limit\":1,"
                + "\"expire_date\":4102444800}").result();
        assertEquals("for 1003", made.path("name").asText());
        assertEquals(1, made.path("member_limit").asInt());
        assertFalse(made.path("is_primary").asBoolean());
        assertEquals(sim.botId(), made.path("creator").path("id").asLong());
        String url = made.path("invite_link").asText();
        var edited = api.json("editChatInviteLink", "{\"chat_id\":" + SG + ",\"invite_link\":\"" + url + "\",\"name\":\"x\"}")
                .result();
        assertEquals("x", edited.path("name").asText());
        var revoked = api.json("revokeChatInviteLink", "{\"chat_id\":" + SG + ",\"invite_link\":\"" + url + "\"}").result();
        assertTrue(revoked.path("is_revoked").asBoolean());
        var primary = api.json("revokeChatInviteLink", "{\"chat_id\":" + SG + ",\"invite_link\":\"" + second + "\"}").result();
        assertTrue(primary.path("is_primary").asBoolean() && primary.path("is_revoked").asBoolean());
        String third = api.json("getChat", "{\"chat_id\":" + SG + "}").result().path("invite_link").asText();
        assertFalse(sim.link(third).orElseThrow().revoked()); // revoking the primary link made a new one
        assertEquals(Set.of(first, second, url, third).size(), 4);
    }

    @Test
    void joinRequestsAreApprovedOrDeclined() {
        sim.requestToJoin(SG, 1003).requestToJoin(SG, 1004);
        assertEquals(List.of(1003L, 1004L), sim.pendingRequests(SG));
        assertTrue(api.json("approveChatJoinRequest", "{\"chat_id\":" + SG + ",\"user_id\":1003}").result().asBoolean());
        assertTrue(api.json("declineChatJoinRequest", "{\"chat_id\":" + SG + ",\"user_id\":1004}").result().asBoolean());
        assertEquals(List.of(), sim.pendingRequests(SG));
        assertTrue(sim.members(SG).contains(1003L));
        assertFalse(sim.members(SG).contains(1004L));
    }

    @Test
    void banAndUnban() {
        assertTrue(api.json("banChatMember", "{\"chat_id\":" + SG + ",\"user_id\":1002}").result().asBoolean());
        assertEquals("kicked", status(SG, 1002));
        assertEquals(0, api.json("getChatMember", "{\"chat_id\":" + SG + ",\"user_id\":1002}").result()
                .path("until_date").asLong());
        assertTrue(api.json("unbanChatMember", "{\"chat_id\":" + SG + ",\"user_id\":1002}").result().asBoolean());
        assertEquals("left", status(SG, 1002));
        // only_if_banned leaves a member alone; the default removes one
        api.json("unbanChatMember", "{\"chat_id\":" + SG + ",\"user_id\":1001,\"only_if_banned\":true}").result();
        assertEquals("member", status(SG, 1001));
        api.json("unbanChatMember", "{\"chat_id\":" + SG + ",\"user_id\":1001}").result();
        assertEquals("left", status(SG, 1001));
        // a basic group has no ban list: the person is removed
        api.json("banChatMember", "{\"chat_id\":" + BG + ",\"user_id\":1001}").result();
        assertEquals("left", status(BG, 1001));
    }

    @Test
    void aBotThatLeftIsNotAMember() {
        assertTrue(api.json("leaveChat", "{\"chat_id\":" + SG + "}").result().asBoolean());
        Reply r = api.json("getChat", "{\"chat_id\":" + SG + "}");
        assertEquals(403, r.status());
        assertEquals("Forbidden: bot is not a member of the supergroup chat", r.description());
        api.json("leaveChat", "{\"chat_id\":" + BG + "}").result();
        assertEquals("Forbidden: bot is not a member of the group chat",
                api.json("getChat", "{\"chat_id\":" + BG + "}").description());
    }

    private String status(long chat, long user) {
        return api.json("getChatMember", "{\"chat_id\":" + chat + ",\"user_id\":" + user + "}").result().path("status").asText();
    }

    /** Checks on one ChatMember. */
    static final class JsonNodeAssert {
        static void restrictedMember(com.fasterxml.jackson.databind.JsonNode member) {
            assertEquals("restricted", member.path("status").asText());
            assertTrue(member.path("is_member").asBoolean());
        }
    }
}
