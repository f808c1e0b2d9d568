package io.groupkit.bitrix24;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.AccessDeniedExtend;
import io.groupkit.core.Added;
import io.groupkit.core.Done;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The seed's situation end to end, a moved portal, and the builder's checks. */
@Order(5)
class PortalTest {

    @Test
    void theBotWithoutOwnerRightsIsToldHowToFixItAndTheFixWorks() {
        try (Fixture f = new Fixture()) {
            long chat = 900;
            long owner = 55;
            f.sim.chat(chat, owner, Fixture.BOT);
            AccessDeniedExtend refused = assertInstanceOf(AccessDeniedExtend.class, f.client.add(ImChat.of(chat), Member.userId(100)));
            assertTrue(refused.remedy().contains("im.chat.setOwner"), refused.remedy());
            // The current owner hands the chat over, through their own webhook.
            Bitrix24Client ownerClient = Bitrix24.webhook(f.sim.webhook(owner, "ownerCode123"))
                    .policies(Fixture.policies(f.time).build()).build();
            assertInstanceOf(Done.class, ownerClient.setOwner(ImChat.of(chat), Member.userId(Fixture.BOT)));
            assertInstanceOf(Added.class, f.client.add(ImChat.of(chat), Member.userId(100)));
            assertEquals(Fixture.BOT, f.sim.owner(chat));
        }
    }

    @Test
    void theSimulatorListsACrmItemsChats() {
        try (Fixture f = new Fixture()) {
            f.sim.crmChat("deal", 42, 778, Fixture.BOT);
            CrmChatsResult.Found found = assertInstanceOf(CrmChatsResult.Found.class, f.client.crmChats(Fixture.DEAL, CrmChatFilter.ACTIVE));
            assertEquals(List.of(ImChat.of(777), ImChat.of(778)), found.chats().stream().map(CrmChatInfo::chat).toList());
            assertInstanceOf(Added.class, f.client.add(found.chats().get(1).chat(), Member.userId(100)));
        }
    }

    @Test
    void olderBuildsWrongRequestIsToldApart() {
        try (Fixture f = new Fixture()) {
            f.sim.legacyWrongRequest().chat(901, 55, Fixture.BOT, 100);
            assertEquals(io.groupkit.core.OutcomeKind.ALREADY_MEMBER, f.client.add(ImChat.of(901), Member.userId(100)).kind());
            assertEquals(io.groupkit.core.OutcomeKind.ACCESS_DENIED, f.client.add(ImChat.of(901), Member.userId(101)).kind());
        }
    }

    @Test
    void aMovedPortalIsFollowedAndRemembered() {
        List<String> moves = new ArrayList<>();
        try (Fixture f = new Fixture(b -> b.onPortalMoved((from, to) -> moves.add(from + " -> " + to)))) {
            f.sim.moveTo("/moved");
            assertInstanceOf(Added.class, f.client.add(Fixture.IM, Member.userId(100)));
            assertInstanceOf(Added.class, f.client.add(Fixture.IM, Member.userId(101)));
            assertEquals(1, moves.size(), moves::toString);
            assertTrue(moves.get(0).endsWith("/moved/rest/1/***/"), moves.get(0));
            assertFalse(moves.get(0).contains(Fixture.CODE));
            assertEquals(2, f.sim.requests("im.chat.user.add").size(), "the second call went straight to the new address");
        }
    }

    @Test
    void theRePostAfterAMoveTakesAPermitOfItsOwn() {
        // The whole bucket (no headroom): 50 requests to the old address fill it, so one re-POST
        // that skipped the bucket would overflow it.
        try (Fixture f = new Fixture(b -> b.pacingHeadroom(1.0))) {
            f.sim.moveTo("/moved");
            List<java.util.concurrent.CompletableFuture<io.groupkit.core.RemoveResult>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                calls.add(f.client.removeAsync(Fixture.IM, Member.userId(100 + i)));
            }
            calls.forEach(c -> assertInstanceOf(io.groupkit.core.NotMember.class, c.join()));
            assertEquals(0, f.sim.bucketRejections(), "every request, re-POSTs included, waited for a permit");
        }
    }

    @Test
    void theBuilderRefusesWhatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> Bitrix24.webhook("http://portal.bitrix24.com/rest/1/abc/"));
        IllegalArgumentException plainOauth = assertThrows(IllegalArgumentException.class,
                () -> Bitrix24.oauth("https://portal.bitrix24.com/rest/", "id", "secret", TokenStore.inMemory(OAuthTest.FIRST))
                        .oauthServer("http://oauth.bitrix.info"));
        assertTrue(plainOauth.getMessage().contains("https"), plainOauth.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Bitrix24.webhook("https://portal.bitrix24.com/api/" + Fixture.CODE));
        assertFalse(bad.getMessage().contains(Fixture.CODE));
        Bitrix24.Builder b = Bitrix24.webhook("https://portal.bitrix24.com/rest/1/" + Fixture.CODE + "/");
        assertFalse(b.toString().contains(Fixture.CODE), b.toString());
        Bitrix24Client c = b.build();
        assertFalse(c.toString().contains(Fixture.CODE), c.toString());
        assertThrows(IllegalArgumentException.class, () -> c.add(GroupRef.of("chat1"), Member.userId(5)));
        assertThrows(IllegalArgumentException.class, () -> c.add(Fixture.IM, Member.phone("+79001234567")));
        assertThrows(IllegalArgumentException.class, () -> c.add(Fixture.IM, Member.userId("abc")));
        assertThrows(IllegalArgumentException.class, () -> ImChat.of(0));
        assertThrows(IllegalArgumentException.class, () -> CrmChat.of(CrmEntityType.LEAD, -1));
        assertEquals(io.groupkit.core.OutcomeKind.UNSUPPORTED, c.inviteLink(Fixture.IM).kind());
        assertEquals("crm:deal:42:chat7", Fixture.DEAL.withChat(7).key());
    }
}
