package io.groupkit.greenapi.products;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.AddResult;
import io.groupkit.core.GroupRef;
import io.groupkit.core.InviteLink;
import io.groupkit.core.Member;
import io.groupkit.core.Members;
import io.groupkit.core.NotFound;
import io.groupkit.core.OutcomeKind;
import io.groupkit.greenapi.GreenApi;
import io.groupkit.greenapi.GreenApiClient;
import io.groupkit.greenapi.GreenApiProduct;
import io.groupkit.testkit.time.TestPolicies;
import io.groupkit.testkit.greenapi.GreenApiSimulator;
import io.groupkit.testkit.time.VirtualTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each product's particular answers, from the simulator's wire to the client's typed outcome. */
class ProductOutcomesTest {
    private final VirtualTime time = VirtualTime.create();
    private final GreenApiSimulator sim = GreenApiSimulator.start(time);
    private final ProductFixture max = new ProductFixture(sim, time, GreenApiProduct.MAX, "3100000001");
    private final ProductFixture tg = new ProductFixture(sim, time, GreenApiProduct.TELEGRAM, "4100000001");
    private final ProductFixture ig = new ProductFixture(sim, time, GreenApiProduct.INSTAGRAM, "5100000001");

    @AfterEach
    void stop() {
        sim.close();
    }

    private static OutcomeKind add(ProductFixture f, Member m) {
        return f.client.add(f.group, m).kind();
    }

    @Test
    void telegramsFalseForAMemberIsAlreadyMemberAndIts400ForAnUnknownIdIsAMissingPerson() {
        Member m = Member.userId("30000001");
        assertEquals(OutcomeKind.ADDED, add(tg, m));
        assertEquals(OutcomeKind.ALREADY_MEMBER, add(tg, m));
        tg.instance.withoutAccount("30000099");
        AddResult unknown = tg.client.add(tg.group, Member.userId("30000099"));
        assertEquals(NotFound.Subject.MEMBER, assertInstanceOf(NotFound.class, unknown, unknown::toString).subject());
    }

    @Test
    void telegramUsernamesAreLookedUpOnceAndAddedById() {
        tg.instance.account("@tg_person", "30000777");
        assertEquals(OutcomeKind.ADDED, add(tg, Member.username("tg_person")));
        assertEquals(OutcomeKind.ALREADY_MEMBER, add(tg, Member.username("tg_person")));
        assertTrue(tg.instance.members(tg.group.key()).contains("30000777"));
        assertEquals(1, sim.requests("checkAccount").size());
    }

    @Test
    void instagramsTrueForAMemberIsAlreadyMemberAndAddsNobody() {
        assertEquals(OutcomeKind.ADDED, add(ig, Member.username("ig.person")));
        assertEquals(OutcomeKind.ALREADY_MEMBER, add(ig, Member.username("ig.person")));
        assertEquals(1, ig.instance.effectiveAdds(ig.group.key()).size());
        assertTrue(sim.requests("addGroupParticipant").get(0).body().contains("\"participantChatId\":\"@ig.person\""),
                "Instagram takes @username directly");
    }

    @Test
    void instagramsTrueForAMemberListedByIdAndUsernameIsAlreadyMember() {
        // Another process added them: this client knows them only from the listing, by id with the username.
        ig.instance.account("@ig.member", "17841400000000777").group(ig.group.key(), "17841400000000777");
        assertEquals(OutcomeKind.ALREADY_MEMBER, add(ig, Member.username("ig.member")));
        assertEquals(0, ig.instance.effectiveAdds(ig.group.key()).size());
    }

    @Test
    void anInstagramListingByUsernameNamesThePersonAsAdded() {
        // The participants' field names are undocumented (the docs speak of a username and an admin flag).
        ig.instance.failNext("getGroupData", 1, GreenApiSimulator.Fault.answer(200, "{\"chatId\":\"" + ig.group.key()
                + "\",\"subject\":\"G\",\"groupInviteLink\":\"\",\"participants\":[{\"username\":\"@ig.person\","
                + "\"isAdmin\":false},{\"chatId\":\"" + ig.instance.ownId() + "\",\"isAdmin\":true}]}"));
        Members listed = assertInstanceOf(Members.class, ig.client.members(ig.group));
        assertTrue(listed.members().stream().anyMatch(m -> m.member().equals(Member.username("ig.person"))),
                listed::toString);
    }

    @Test
    void maxPhonesAreLookedUpAndOnlyRussianOrBelarusianOnesAreTaken() {
        max.instance.account("79001234567", "20000042");
        assertEquals(OutcomeKind.ADDED, add(max, Member.phone("+7 900 123-45-67")));
        assertTrue(max.instance.members(max.group.key()).contains("20000042"));
        assertThrows(IllegalArgumentException.class, () -> max.client.add(max.group, Member.phone("+1 555 000 1234")));
        max.instance.withoutWhatsapp("79000000001");
        assertEquals(OutcomeKind.NOT_REGISTERED, add(max, Member.phone("+7 900 000-00-01")));
        assertEquals(1, sim.requests("addGroupParticipant").size(), "only the person with an account was sent");
    }

    @Test
    void maxGoesUnderV3UnlessTheBuilderDropsThePrefix() {
        assertEquals(OutcomeKind.ADDED, add(max, Member.userId("20000003")));
        int sent = max.instance.requests().size();
        assertEquals(sent, max.instance.requestsUnderV3(), "every MAX request under /v3/ by default");
        GreenApiClient bare = GreenApi.builder().product(GreenApiProduct.MAX).pathPrefix("").apiUrl(sim.url())
                .instance("3100000001", ProductFixture.TOKEN).policies(TestPolicies.onVirtualTime(time).build()).build();
        assertEquals(OutcomeKind.ADDED, bare.add(max.group, Member.userId("20000004")).kind());
        assertTrue(max.instance.requests().size() > sent);
        assertEquals(sent, max.instance.requestsUnderV3(), "none under /v3/ without the prefix");
        assertEquals(0, tg.instance.requestsUnderV3() + ig.instance.requestsUnderV3());
    }

    @Test
    void groupIdsOfAnotherProductAreRefusedBeforeSending() {
        Member m = Member.userId("20000001");
        assertThrows(IllegalArgumentException.class, () -> max.client.add(GroupRef.of("120363043968066561@g.us"), m));
        assertThrows(IllegalArgumentException.class, () -> ig.client.add(GroupRef.of("-1001234567890"), m));
        assertThrows(IllegalArgumentException.class, () -> tg.client.add(GroupRef.of(ig.group.key()), m));
        assertEquals(0, sim.requests("addGroupParticipant").size());
    }

    @Test
    void eachProductGivesItsOwnInviteLinks() {
        assertTrue(((InviteLink) max.client.inviteLink(max.group)).url().startsWith("https://max.ru/join/"));
        assertTrue(((InviteLink) tg.client.inviteLink(tg.group)).url().startsWith("https://t.me/+"));
        assertTrue(((InviteLink) ig.client.inviteLink(ig.group)).url().startsWith("https://"));
    }

    @Test
    void statesStopAddsBeforeSending() {
        tg.instance.state("pendingPassword");
        AddResult waiting = tg.client.add(tg.group, Member.userId("30000002"));
        assertEquals(OutcomeKind.UNAUTHORIZED, waiting.kind(), waiting::toString);
        assertTrue(waiting.remedy().contains("password"), waiting::remedy);
        max.instance.state("suspended");
        assertEquals(OutcomeKind.SPAM_LIMITED, add(max, Member.userId("20000002")));
        assertEquals(0, sim.requests("addGroupParticipant").size());
    }
}
