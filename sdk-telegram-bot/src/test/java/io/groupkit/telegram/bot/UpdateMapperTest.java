package io.groupkit.telegram.bot;

import static io.groupkit.telegram.bot.Updates.chatMember;
import static io.groupkit.telegram.bot.Updates.member;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.groupkit.core.Member;
import io.groupkit.core.events.Demoted;
import io.groupkit.core.events.EventTime;
import io.groupkit.core.events.JoinRequested;
import io.groupkit.core.events.Joined;
import io.groupkit.core.events.Left;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.core.events.Promoted;
import io.groupkit.core.events.Removed;
import io.groupkit.telegram.bot.internal.BotAnswers;
import io.groupkit.telegram.bot.internal.UpdateMapper;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Update JSON samples and the event each becomes (or none). */
class UpdateMapperTest {
    private static final long P = 555000111L;
    private static final long ADMIN = 555000999L;
    private static final UpdateMapper MAPPER = new UpdateMapper(Fixture.BOT_ID);

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("joined by the bot's link", Updates.joined(10, P, "https://t.me/+AbCdEf123"),
                        "Joined INVITE_LINK link=https://t.me/+AbCdEf123"),
                Arguments.of("joined after a request", chatMember(11, ADMIN, P, member(P, "left", ""), member(P, "member", ""),
                        ",\"via_join_request\":true"), "Joined JOIN_REQUEST by=" + ADMIN),
                Arguments.of("added by an admin", chatMember(12, ADMIN, P, member(P, "left", ""), member(P, "member", ""), ""),
                        "Joined ADDED by=" + ADMIN),
                Arguments.of("joined a public group", chatMember(13, P, P, member(P, "kicked", ""), member(P, "member", ""), ""),
                        "Joined UNKNOWN"),
                Arguments.of("restricted but in", chatMember(14, ADMIN, P, member(P, "left", ""),
                        member(P, "restricted", ",\"is_member\":true"), ""), "Joined ADDED by=" + ADMIN),
                Arguments.of("left", chatMember(15, P, P, member(P, "member", ""), member(P, "left", ""), ""), "Left"),
                Arguments.of("removed", chatMember(16, ADMIN, P, member(P, "member", ""), member(P, "kicked", ""), ""),
                        "Removed by=" + ADMIN),
                Arguments.of("restricted out", chatMember(17, ADMIN, P, member(P, "restricted", ",\"is_member\":true"),
                        member(P, "restricted", ",\"is_member\":false"), ""), "Removed by=" + ADMIN),
                Arguments.of("promoted", chatMember(18, ADMIN, P, member(P, "member", ""), member(P, "administrator", ""), ""),
                        "Promoted ADMIN"),
                Arguments.of("demoted", chatMember(19, ADMIN, P, member(P, "administrator", ""), member(P, "member", ""), ""),
                        "Demoted MEMBER"),
                Arguments.of("restricted, still in", chatMember(20, ADMIN, P, member(P, "member", ""),
                        member(P, "restricted", ",\"is_member\":true"), ""), "none"),
                Arguments.of("banned while out", chatMember(21, ADMIN, P, member(P, "left", ""), member(P, "kicked", ""), ""),
                        "none"),
                Arguments.of("join request", Updates.joinRequest(22, P), "JoinRequested"),
                Arguments.of("the bot's own status", "{\"update_id\":23,\"my_chat_member\":{\"chat\":{\"id\":-100123},"
                        + "\"from\":" + Updates.user(ADMIN) + ",\"date\":1,\"old_chat_member\":" + member(Fixture.BOT_ID, "left", "")
                        + ",\"new_chat_member\":" + member(Fixture.BOT_ID, "administrator", "") + "}}", "none"),
                Arguments.of("a message", "{\"update_id\":24,\"message\":{\"message_id\":1}}", "none"),
                Arguments.of("no user", "{\"update_id\":25,\"chat_member\":{\"chat\":{\"id\":-100123},\"date\":1}}", "none"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eachUpdateBecomesItsEvent(String name, String json, String expected) throws Exception {
        List<MembershipEvent> events = MAPPER.map(BotAnswers.JSON.readTree(json));
        assertEquals(expected, events.isEmpty() ? "none" : describe(events.get(0)));
        if (!events.isEmpty()) {
            MembershipEvent e = events.get(0);
            long updateId = BotAnswers.JSON.readTree(json).path("update_id").asLong();
            assertEquals("tg-bot:" + Fixture.BOT_ID + ":" + updateId, e.id());
            assertEquals(Member.userId(P), e.member());
            assertEquals(TelegramBotChat.of(Updates.CHAT), e.group());
            assertEquals(EventTime.at(Instant.ofEpochSecond(Updates.DATE)), e.time());
        }
    }

    private static String describe(MembershipEvent e) {
        if (e instanceof Joined j) {
            return "Joined " + j.how() + j.by().map(b -> " by=" + b.value()).orElse("")
                    + j.link().map(l -> " link=" + l).orElse("");
        }
        if (e instanceof Removed r) {
            return "Removed" + r.by().map(b -> " by=" + b.value()).orElse("");
        }
        if (e instanceof Promoted p) {
            return "Promoted " + p.role();
        }
        if (e instanceof Demoted d) {
            return "Demoted " + d.role();
        }
        if (e instanceof Left) {
            return "Left";
        }
        return e instanceof JoinRequested ? "JoinRequested" : e.toString();
    }

}
