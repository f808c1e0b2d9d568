package io.groupkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.bitrix24.Bitrix24;
import io.groupkit.bitrix24.Bitrix24Client;
import io.groupkit.bitrix24.CrmChat;
import io.groupkit.bitrix24.CrmEntityType;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.core.policy.TokenBucketRateLimiter;
import io.groupkit.testkit.time.VirtualTime;
import io.groupkit.greenapi.GreenApi;
import io.groupkit.greenapi.GreenApiClient;
import io.groupkit.telegram.Telegram;
import io.groupkit.telegram.TelegramClient;
import io.groupkit.telegram.TelegramGroup;
import io.groupkit.telegram.TelegramSession;
import io.groupkit.testkit.bitrix24.Bitrix24Simulator;
import io.groupkit.testkit.telegram.TelegramSimulator;
import io.groupkit.testkit.greenapi.GreenApiSimulator;
import org.junit.jupiter.api.Test;

/** The per-provider examples' outcome handling, run against the simulators. */
class ExamplesTest {
    private final VirtualTime time = VirtualTime.create();

    @Test
    void theGreenApiExampleDescribesEachOutcome() {
        try (GreenApiSimulator sim = GreenApiSimulator.start(time)) {
            sim.instance("1101000001", "exampleToken").group("120363043968066561@g.us").withoutWhatsapp("79000000009");
            GreenApiClient client = GreenApi.builder().apiUrl(sim.url()).instance("1101000001", "exampleToken")
                    .policies(Policies.builder().time(time).build()).build();
            GroupRef group = GroupRef.of("120363043968066561@g.us");
            assertEquals("in the group", GreenApiExample.describe(client.add(group, Member.phone("+7 900 123-45-68"))));
            assertEquals("no WhatsApp on this number; nothing was sent",
                    GreenApiExample.describe(client.add(group, Member.phone("+7 900 000-00-09"))));
        }
    }

    @Test
    void theTelegramExampleExplainsAPrivacyRefusal() {
        try (TelegramSimulator sim = TelegramSimulator.start(time)) {
            sim.supergroup(7001).user(101, "alice", null).user(102, "bobby_b", null)
                    .privacy(102, TelegramSimulator.Privacy.PREMIUM_WOULD_ALLOW_INVITE);
            try (TelegramClient client = Telegram.builder().session(TelegramSession.fromTelethon(sim.sessionString()))
                    .apiId(1).policies(Policies.builder().time(time).rateLimiter(new TokenBucketRateLimiter()).build())
                    .build()) {
                TelegramGroup group = TelegramGroup.supergroup(7001, sim.channelAccessHash(7001));
                assertEquals("in the group", TelegramExample.describe(client.add(group, Member.username("alice"))));
                String refused = TelegramExample.describe(client.add(group, Member.username("bobby_b")));
                assertTrue(refused.startsWith("their privacy settings refuse it (a Premium account could add them): "),
                        refused);
            }
        }
    }

    @Test
    void theBitrix24ExampleExplainsAMissingOwnership() {
        try (Bitrix24Simulator sim = Bitrix24Simulator.start(time)) {
            sim.users(1, 7).crmChat("deal", 42, 777, 1).crmAccess(1).chat(900, 55, 1);
            Bitrix24Client client = Bitrix24.webhook(sim.webhook(1, "exampleCode"))
                    .policies(Policies.builder().time(time).rateLimiter(new TokenBucketRateLimiter()).build()).build();
            assertEquals("in the chat", Bitrix24Example.describe(client.add(CrmChat.of(CrmEntityType.DEAL, 42), Member.userId(7))));
            String denied = Bitrix24Example.describe(client.add(io.groupkit.bitrix24.ImChat.of(900), Member.userId(7)));
            assertTrue(denied.startsWith("the bot does not own this chat: "), denied);
        }
    }
}
