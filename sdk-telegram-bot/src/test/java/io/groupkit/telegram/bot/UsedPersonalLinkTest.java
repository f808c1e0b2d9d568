package io.groupkit.telegram.bot;

import static io.groupkit.telegram.bot.Updates.chatMember;
import static io.groupkit.telegram.bot.Updates.member;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.groupkit.telegram.bot.internal.BotAnswers;
import io.groupkit.telegram.bot.internal.UpdateMapper;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which joins revoke the link they used: only joins through one of this bot's GroupKit personal links. */
class UsedPersonalLinkTest {
    private static final long P = 555000111L;
    private static final String URL = "https://t.me/+Personal1";
    private static final UpdateMapper MAPPER = new UpdateMapper(Fixture.BOT_ID);

    private static String link(String name, int limit, long creator) {
        return ",\"invite_link\":{\"invite_link\":\"" + URL + "\",\"creator\":" + Updates.user(creator)
                + ",\"creates_join_request\":false,\"is_primary\":false,\"is_revoked\":false"
                + (name.isEmpty() ? "" : ",\"name\":\"" + name + "\"") + (limit == 0 ? "" : ",\"member_limit\":" + limit) + "}";
    }

    private static String join(String link) {
        return chatMember(1, P, P, member(P, "left", ""), member(P, "member", ""), link);
    }

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("a join through the person's link", join(link("GroupKit · id …0111", 1, Fixture.BOT_ID)), true),
                Arguments.of("restricted but a member", chatMember(2, P, P, member(P, "left", ""),
                        member(P, "restricted", ",\"is_member\":true"), link("GroupKit · id …0111", 1, Fixture.BOT_ID)), true),
                Arguments.of("the shared GroupKit link", join(link("GroupKit", 0, Fixture.BOT_ID)), false),
                Arguments.of("a GroupKit name with room for two", join(link("GroupKit · id …0111", 2, Fixture.BOT_ID)), false),
                Arguments.of("an admin's one-use link", join(link("GroupKit · id …0111", 1, 555000999L)), false),
                Arguments.of("an unnamed one-use link", join(link("", 1, Fixture.BOT_ID)), false),
                Arguments.of("a member already (rights edited)", chatMember(3, P, P, member(P, "member", ""),
                        member(P, "restricted", ",\"is_member\":true"), link("GroupKit · id …0111", 1, Fixture.BOT_ID)), false),
                Arguments.of("a leave", chatMember(4, P, P, member(P, "member", ""), member(P, "left", ""),
                        link("GroupKit · id …0111", 1, Fixture.BOT_ID)), false),
                Arguments.of("a join without a link", join(""), false),
                Arguments.of("a join request", Updates.joinRequest(5, P), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void onlyThisBotsPersonalLinksAreRevoked(String name, String update, boolean revoked) {
        Optional<UpdateMapper.UsedLink> used = MAPPER.usedPersonalLink(Objects.requireNonNull(
                BotAnswers.parse(update.getBytes(StandardCharsets.UTF_8))));
        assertEquals(revoked ? Optional.of(new UpdateMapper.UsedLink(TelegramBotChat.of(Updates.CHAT), URL)) : Optional.empty(),
                used, name);
    }
}
