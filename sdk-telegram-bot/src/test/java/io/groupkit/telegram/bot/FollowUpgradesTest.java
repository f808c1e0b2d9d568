package io.groupkit.telegram.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.InviteLink;
import io.groupkit.core.NotAdded;
import io.groupkit.core.NotFound;
import io.groupkit.core.Removed;
import io.groupkit.core.policy.InviteFallback;
import io.groupkit.core.policy.RetryPolicy;
import io.groupkit.testkit.telegrambot.BotApiSimulator;
import io.groupkit.testkit.time.TestPolicies;
import io.groupkit.testkit.time.VirtualTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A basic group that became a supergroup: reported by default, followed when the caller allows. */
class FollowUpgradesTest {
    private static final long BASIC = -4_001L;
    private static final long SUPER = -1_009_000_000_001L;
    private static final long OWNER = 900_000_001L;
    private static final long ALICE = 555_000_001L;
    private static final long BOB = 555_000_002L;

    private static TelegramBotClient client(BotApiSimulator sim, VirtualTime time, boolean follow) {
        return TelegramBot.builder().token(sim.token()).apiUrl(sim.apiUrl()).httpClient(new SyncHttpClient())
                .followUpgrades(follow).policies(TestPolicies.onVirtualTime(time).retry(RetryPolicy.none())
                        .inviteFallback(InviteFallback.ATTACH_LINK).build()).build();
    }

    @Test
    void byDefaultTheUpgradeIsTheOutcomeAndTheNewIdIsTold() {
        VirtualTime time = VirtualTime.create();
        try (BotApiSimulator sim = BotApiSimulator.start(time)) {
            sim.user(ALICE, null).basicGroup(BASIC, OWNER).migrate(BASIC, SUPER);
            TelegramBotClient bot = client(sim, time, false);
            NotFound nf = assertInstanceOf(NotFound.class, bot.inviteLink(TelegramBotChat.of(BASIC), io.groupkit.core.Member.userId(ALICE)));
            assertEquals("GROUP_MIGRATED", nf.detail().code());
            assertEquals(Optional.of(TelegramBotChat.of(SUPER)), bot.upgradedTo(TelegramBotChat.of(BASIC)));
        }
    }

    @Test
    void followedTheCallsGoOnInTheSupergroup() {
        VirtualTime time = VirtualTime.create();
        try (BotApiSimulator sim = BotApiSimulator.start(time)) {
            sim.user(ALICE, null).user(BOB, null).basicGroup(BASIC, OWNER, BOB).migrate(BASIC, SUPER);
            TelegramBotClient bot = client(sim, time, true);
            TelegramBotChat old = TelegramBotChat.of(BASIC);
            InviteLink link = assertInstanceOf(InviteLink.class, bot.inviteLink(old, io.groupkit.core.Member.userId(ALICE)));
            assertEquals(SUPER, sim.link(link.url()).orElseThrow().chatId(), "the link is the supergroup's");
            NotAdded added = assertInstanceOf(NotAdded.class, bot.add(old, io.groupkit.core.Member.userId(ALICE)));
            assertEquals(SUPER, sim.link(added.inviteLink().orElseThrow().url()).orElseThrow().chatId());
            assertInstanceOf(Removed.class, bot.remove(old, io.groupkit.core.Member.userId(BOB)));
            assertTrue(!sim.members(SUPER).contains(BOB), "removed from the supergroup");
        }
    }
}
