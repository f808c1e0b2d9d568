package io.groupkit.telegram.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.Member;
import io.groupkit.core.NotAdded;
import io.groupkit.core.events.MembershipStore;
import io.groupkit.testkit.telegrambot.BotApiSimulator;
import io.groupkit.testkit.time.TestPolicies;
import io.groupkit.testkit.time.VirtualTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A caller's own policies (the README's way to record invitations) still give a bot's add its link. */
class OwnPoliciesTest {
    private static final long CHAT = -1001234567890L;
    private static final long ALICE = 555_000_001L;

    @Test
    void aFallbackLeftOffBecomesAttachLinkAndInvitationsAreRecorded() {
        VirtualTime time = VirtualTime.create();
        MembershipStore store = MembershipStore.inMemory();
        try (BotApiSimulator sim = BotApiSimulator.start(time)) {
            sim.user(ALICE, null).supergroup(CHAT);
            TelegramBotClient bot = TelegramBot.builder().token(sim.token()).apiUrl(sim.apiUrl())
                    .httpClient(new SyncHttpClient()).policies(TestPolicies.onVirtualTime(time).invitations(store).build())
                    .build();
            NotAdded refused = assertInstanceOf(NotAdded.class, bot.add(TelegramBotChat.of(CHAT), Member.userId(ALICE)));
            assertTrue(refused.inviteLink().isPresent(), refused::toString);
            assertEquals(1, store.invitations(bot.accountKey(), Optional.empty()).size());
        }
    }
}
