package io.groupkit.telegram.bot;

import io.groupkit.core.InviteLink;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.core.events.MembershipStore;
import io.groupkit.core.policy.InviteFallback;
import io.groupkit.core.policy.RetryPolicy;
import io.groupkit.testkit.telegrambot.BotApiSimulator;
import io.groupkit.testkit.time.TestPolicies;
import io.groupkit.testkit.time.VirtualTime;
import java.util.function.UnaryOperator;

/**
 * A {@link BotApiSimulator} and a bot client over it, sharing virtual time: a supergroup whose
 * owner is {@link #OWNER}, and people {@code person(n)} the simulator knows, not in it.
 */
final class SimFixture implements AutoCloseable {
    static final long CHAT = -1001234567890L;
    static final TelegramBotChat GROUP = TelegramBotChat.of(CHAT);
    static final long OWNER = 900_000_001L;

    final VirtualTime time = VirtualTime.create();
    final BotApiSimulator sim = BotApiSimulator.start(time);
    final MembershipStore store = MembershipStore.inMemory();
    final TelegramBotClient client;

    SimFixture() {
        this(p -> p);
    }

    /** A client whose answers are read on the caller's thread, so a watch's turn ends with its answer. */
    SimFixture(UnaryOperator<Policies.Builder> policies) {
        sim.supergroup(CHAT).owner(CHAT, OWNER);
        for (int n = 0; n < 100; n++) {
            sim.user(id(n), null);
        }
        client = TelegramBot.builder().token(sim.token()).apiUrl(sim.apiUrl()).httpClient(new SyncHttpClient())
                .policies(policies.apply(TestPolicies.onVirtualTime(time).retry(RetryPolicy.none())
                        .inviteFallback(InviteFallback.ATTACH_LINK).invitations(store)).build()).build();
    }

    static long id(int n) {
        return 555_000_000L + n;
    }

    static Member person(int n) {
        return Member.userId(id(n));
    }

    /** A person joins through a fresh link the bot made for anyone. */
    void joinOnTheirOwn(long userId) {
        InviteLink link = (InviteLink) client.inviteLink(GROUP);
        sim.joinByLink(link.url(), userId).ifPresent(error -> {
            throw new IllegalStateException("the scripted join failed: " + error);
        });
    }

    @Override
    public void close() {
        sim.close();
    }
}
