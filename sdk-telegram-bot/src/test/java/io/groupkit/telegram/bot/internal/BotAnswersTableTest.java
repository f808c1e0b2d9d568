package io.groupkit.telegram.bot.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.MissingNode;
import io.groupkit.core.NotFound;
import io.groupkit.core.Outcome;
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.RateLimited;
import io.groupkit.core.spi.Effect;
import io.groupkit.http.internal.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every row of the error table, from the server's own strings (facts sheet B.4). */
class BotAnswersTableTest {

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource(delimiter = '|', value = {
        "403 | Forbidden: bot is not a member of the supergroup chat | ACCESS_DENIED | BOT_NOT_MEMBER",
        "403 | Forbidden: bot is not a member of the group chat      | ACCESS_DENIED | BOT_NOT_MEMBER",
        "403 | Forbidden: bot is not a member of the channel chat    | ACCESS_DENIED | BOT_NOT_MEMBER",
        "403 | Forbidden: bot was kicked from the supergroup chat    | ACCESS_DENIED | BOT_KICKED",
        "403 | Forbidden: bot was kicked from the group chat         | ACCESS_DENIED | BOT_KICKED",
        "403 | Forbidden: the group chat was deleted                 | NOT_FOUND     | CHAT_DELETED",
        "400 | Bad Request: chat not found                           | NOT_FOUND     | CHAT_NOT_FOUND",
        "400 | Bad Request: private chat not found                   | NOT_FOUND     | CHAT_NOT_FOUND",
        "400 | Bad Request: chat_id is empty                         | NOT_FOUND     | CHAT_ID_EMPTY",
        "400 | Bad Request: user not found                           | NOT_FOUND     | USER_NOT_FOUND",
        "400 | Bad Request: invalid user_id specified                | NOT_FOUND     | USER_ID_INVALID",
        "400 | Bad Request: USER_ID_INVALID                          | NOT_FOUND     | USER_ID_INVALID",
        "400 | Bad Request: PARTICIPANT_ID_INVALID                   | NOT_FOUND     | PARTICIPANT_ID_INVALID",
        "403 | Forbidden: user is deactivated                        | NOT_FOUND     | USER_DEACTIVATED",
        "400 | Bad Request: not enough rights to manage chat invite link | ACCESS_DENIED | NOT_ENOUGH_RIGHTS",
        "400 | Bad Request: not enough rights to manage chat join requests | ACCESS_DENIED | NOT_ENOUGH_RIGHTS",
        "400 | Bad Request: not enough rights to restrict/unrestrict chat member | ACCESS_DENIED | NOT_ENOUGH_RIGHTS",
        "400 | Bad Request: user is an administrator of the chat     | UNSUPPORTED   | USER_ADMIN_INVALID",
        "400 | Bad Request: method is available only for supergroups | UNSUPPORTED  | SUPERGROUPS_ONLY",
        "400 | Bad Request: method is available for supergroup and channel chats only | UNSUPPORTED | SUPERGROUPS_ONLY",
        "400 | Bad Request: USER_ALREADY_PARTICIPANT                 | ALREADY_MEMBER | USER_ALREADY_PARTICIPANT",
        "400 | Bad Request: USER_NOT_PARTICIPANT                     | NOT_MEMBER    | USER_NOT_PARTICIPANT",
        "400 | Bad Request: HIDE_REQUESTER_MISSING                   | NOT_FOUND     | HIDE_REQUESTER_MISSING",
        "400 | Bad Request: USER_CHANNELS_TOO_MUCH                   | TOO_MANY_GROUPS | USER_CHANNELS_TOO_MUCH",
        "400 | Bad Request: CHAT_ADMIN_REQUIRED                      | ACCESS_DENIED | CHAT_ADMIN_REQUIRED",
        "400 | Bad Request: RIGHT_FORBIDDEN                          | ACCESS_DENIED | RIGHT_FORBIDDEN",
        "400 | Bad Request: USER_ADMIN_INVALID                       | UNSUPPORTED   | USER_ADMIN_INVALID",
        "400 | Bad Request: USER_CREATOR                             | UNSUPPORTED   | USER_CREATOR",
        "400 | Bad Request: CHANNEL_PRIVATE                          | ACCESS_DENIED | CHANNEL_PRIVATE",
        "400 | Bad Request: INPUT_USER_DEACTIVATED                   | NOT_FOUND     | INPUT_USER_DEACTIVATED",
        "400 | Bad Request: SOME_NEW_ERROR                           | UNRECOGNIZED  | SOME_NEW_ERROR",
        "400 | Bad Request: something new                            | UNRECOGNIZED  | ERROR_400",
        "401 | Unauthorized                                          | UNAUTHORIZED  | UNAUTHORIZED",
        "409 | Conflict: terminated by other getUpdates request; make sure that only one bot instance is running | UNAVAILABLE | CONFLICT",
        "409 | Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first | UNAVAILABLE | CONFLICT",
        "500 | Internal Server Error                                 | INDETERMINATE | ERROR_500",
    })
    void eachDescriptionHasItsOutcome(int code, String description, OutcomeKind kind, String detailCode) {
        Outcome o = BotAnswers.error(code, description, MissingNode.getInstance(), Effect.CHANGES);
        assertEquals(kind, o.kind());
        assertEquals(detailCode, o.detail().code());
    }

    @Test
    void tooManyRequestsCarriesRetryAfter() throws Exception {
        var params = BotAnswers.JSON.readTree("{\"retry_after\":31}");
        RateLimited r = (RateLimited) BotAnswers.error(429, "Too Many Requests: retry after 31", params, Effect.CHANGES);
        assertEquals(Optional.of(Duration.ofSeconds(31)), r.retryAfter());
    }

    @Test
    void anUpgradedGroupIsNotFoundNamingTheNewChat() throws Exception {
        var params = BotAnswers.JSON.readTree("{\"migrate_to_chat_id\":-1001111111111}");
        NotFound r = (NotFound) BotAnswers.error(400, "Bad Request: group chat was upgraded to a supergroup chat", params,
                Effect.CHANGES);
        assertEquals(NotFound.Subject.GROUP, r.subject());
        assertEquals("GROUP_MIGRATED", r.detail().code());
        assertTrue(r.detail().remedy().orElseThrow().contains("upgradedTo"));
    }

    @ParameterizedTest(name = "{0} {1}: a change -> {2}, a read -> {3}")
    @CsvSource(delimiter = '|', value = {
        "502 | <html><body>Bad Gateway</body></html> | INDETERMINATE | UNAVAILABLE",
        "200 | {\"ok\":true,\"resu                    | INDETERMINATE | UNAVAILABLE",
        "200 | {\"ok\":true}                          | INDETERMINATE | UNAVAILABLE",
        "200 | garbage                                | INDETERMINATE | UNAVAILABLE",
        "500 | {\"ok\":false,\"error_code\":500,\"description\":\"Internal Server Error\"} | INDETERMINATE | UNAVAILABLE",
        "401 | <html>401</html>                       | UNAUTHORIZED  | UNAUTHORIZED",
    })
    void whatIsNotABotApiAnswerIsNoAnswer(int status, String body, OutcomeKind change, OutcomeKind read) {
        Reply reply = new Reply.Answer(status, body.getBytes(StandardCharsets.UTF_8), Optional.empty());
        assertEquals(change, BotAnswers.read(reply, "banChatMember", Effect.CHANGES, s -> s).failure().kind());
        assertEquals(read, BotAnswers.read(reply, "getChatMember", Effect.SAFE_TO_REPEAT, s -> s).failure().kind());
    }

    @Test
    void aLostExchangeIsIndeterminateForAChange() {
        assertEquals(OutcomeKind.INDETERMINATE, BotAnswers.read(new Reply.Lost("reset"), "banChatMember", Effect.CHANGES,
                s -> s).failure().kind());
        assertEquals(OutcomeKind.UNAVAILABLE, BotAnswers.read(new Reply.Lost("reset"), "getChatMember",
                Effect.SAFE_TO_REPEAT, s -> s).failure().kind());
    }
}
