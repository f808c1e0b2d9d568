package io.groupkit.telegram.bot;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.groupkit.telegram.bot.Fixture.ok;
import static io.groupkit.telegram.bot.Fixture.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.core.events.MembershipStore;
import io.groupkit.core.events.MembershipWatch;
import io.groupkit.testkit.time.VirtualTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A watch over the bot: the core's push-only path reads {@code getUpdates} from the saved offset,
 * and each update's event is delivered once. The HTTP client answers before it returns and the
 * watch runs on the thread that moves virtual time, so each turn ends before the next.
 */
class PollingWatchTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final Executor DIRECT = Runnable::run;
    private static final Duration TURN = Duration.ofSeconds(1);
    private final VirtualTime time = VirtualTime.create();
    private final TelegramBotClient client = Fixture.client(wm, time);

    private static void updatesFrom(long offset, String... updates) {
        wm.stubFor(post(urlEqualTo(path("getUpdates"))).withRequestBody(matchingJsonPath("$.offset",
                WireMock.equalTo(Long.toString(offset)))).willReturn(ok("[" + String.join(",", updates) + "]")));
    }

    @Test
    void eachUpdateIsDeliveredOnceAndConfirmedOnlyByTheNextRead() {
        // Start from now: offset -1 shows the newest queued update (99), which is not reported.
        updatesFrom(-1, Updates.joinRequest(99, 1));
        updatesFrom(100, Updates.joined(100, 555000111L, "https://t.me/+A"), Updates.joinRequest(101, 555000222L),
                "{\"update_id\":102,\"message\":{\"message_id\":5}}");
        updatesFrom(103, Updates.chatMember(103, 555000111L, 555000111L, Updates.member(555000111L, "member", ""),
                Updates.member(555000111L, "left", ""), ""));
        updatesFrom(104);
        List<MembershipEvent> seen = new CopyOnWriteArrayList<>();
        try (MembershipWatch w = client.watch().groups(Fixture.SUPERGROUP).store(MembershipStore.inMemory())
                .executor(DIRECT).interval(TURN).owner("a").start(seen::add)) {
            for (int i = 0; i < 10; i++) {
                time.advance(TURN);
            }
        }
        assertEquals(List.of("tg-bot:" + Fixture.BOT_ID + ":100", "tg-bot:" + Fixture.BOT_ID + ":101",
                "tg-bot:" + Fixture.BOT_ID + ":103"), seen.stream().map(MembershipEvent::id).toList());
        var reads = wm.findAll(postRequestedFor(urlEqualTo(path("getUpdates"))));
        assertTrue(reads.size() >= 4, "read on: " + reads.size());
        assertTrue(reads.stream().allMatch(r -> r.getBodyAsString().contains(
                "\"allowed_updates\":[\"chat_member\",\"my_chat_member\",\"chat_join_request\"]")));
    }

    /** Personal links made for refused adds explain the joins through them: the invitation is attached and closed. */
    @Test
    void joinsThroughPersonalLinksAreJoinsByInvitation() {
        MembershipStore store = MembershipStore.inMemory();
        TelegramBotClient bot = TelegramBot.builder().token(Fixture.TOKEN).apiUrl(wm.baseUrl())
                .httpClient(new SyncHttpClient()).policies(io.groupkit.testkit.time.TestPolicies.onVirtualTime(time)
                        .retry(io.groupkit.core.policy.RetryPolicy.none())
                        .inviteFallback(io.groupkit.core.policy.InviteFallback.ATTACH_LINK).invitations(store).build())
                .build();
        wm.stubFor(post(urlEqualTo(path("getChatMember"))).willReturn(ok(Fixture.chatMember(555000001L, "left", ""))));
        for (int n = 1; n <= 3; n++) {
            wm.stubFor(post(urlEqualTo(path("createChatInviteLink"))).withRequestBody(matchingJsonPath("$.name",
                    WireMock.containing("…000" + n))).willReturn(ok("{\"invite_link\":\"https://t.me/+P" + n
                    + "\",\"creator\":{\"id\":1,\"is_bot\":true,\"first_name\":\"B\"},\"creates_join_request\":false,"
                    + "\"is_primary\":false,\"is_revoked\":false,\"member_limit\":1}")));
            assertTrue(bot.add(Fixture.SUPERGROUP, io.groupkit.core.Member.userId(555000000L + n))
                    instanceof io.groupkit.core.NotAdded refused && refused.inviteLink().isPresent());
        }
        updatesFrom(-1);
        updatesFrom(0, Updates.joined(200, 555000001L, "https://t.me/+P1"), Updates.joined(201, 555000002L, "https://t.me/+P2"));
        updatesFrom(202);
        List<MembershipEvent> seen = new CopyOnWriteArrayList<>();
        try (MembershipWatch w = bot.watch().groups(Fixture.SUPERGROUP).store(store).executor(DIRECT).interval(TURN)
                .owner("a").start(seen::add)) {
            for (int i = 0; i < 6; i++) {
                time.advance(TURN);
            }
        }
        assertEquals(2, seen.size());
        for (MembershipEvent e : seen) {
            io.groupkit.core.events.Joined j = (io.groupkit.core.events.Joined) e;
            assertTrue(j.byInvitation(), () -> "explained by the person's link: " + j);
            assertEquals(j.member(), j.invitation().orElseThrow().member());
        }
        var invitations = store.invitations(bot.accountKey(), java.util.Optional.of(Fixture.SUPERGROUP.key()));
        assertEquals(3, invitations.size());
        assertEquals(2, invitations.stream().filter(i -> i.joinedAt().isPresent()).count());
    }
}
