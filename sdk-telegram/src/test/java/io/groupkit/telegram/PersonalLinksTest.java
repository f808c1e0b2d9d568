package io.groupkit.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.AddResult;
import io.groupkit.core.InviteLink;
import io.groupkit.core.InviteLinkResult;
import io.groupkit.core.Member;
import io.groupkit.core.Outcome;
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.PrivacyRestricted;
import io.groupkit.core.events.Invitation;
import io.groupkit.core.events.InvitationState;
import io.groupkit.core.events.MembershipStore;
import io.groupkit.core.policy.InviteFallback;
import io.groupkit.testkit.telegram.TelegramSimulator.InviteLinkInfo;
import io.groupkit.testkit.telegram.TelegramSimulator.Privacy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Links made for one person: one use, an expiry, a title naming the person masked; reused while
 * they work, revoked once spent, recorded as invitations; and the fallback hands them to people
 * who could not be added.
 */
class PersonalLinksTest {

    @Test
    void aPersonsLinkLetsOnePersonInNamesThemMaskedAndIsReusedWhileItWorks() {
        MembershipStore store = MembershipStore.inMemory();
        try (Fixture f = new Fixture(b -> b, p -> p.invitations(store))) {
            InviteLink first = assertInstanceOf(InviteLink.class, f.client.inviteLink(f.supergroup, Fixture.phone(150)));
            assertEquals("PERSONAL_LINK_EXPORTED", first.detail().code());
            assertEquals(1, first.usageLimit().orElseThrow());
            assertEquals(f.time.now().plus(Duration.ofDays(7)).getEpochSecond(), first.expiresAt().orElseThrow().getEpochSecond());
            InviteLinkInfo made = f.sim.inviteLink(first.url()).orElseThrow();
            assertEquals(Optional.of("GroupKit · +12*******50"), made.title(), "the phone masked, as in logs");
            assertTrue(made.title().orElseThrow().length() <= 32);

            InviteLink again = assertInstanceOf(InviteLink.class, f.client.inviteLink(f.supergroup, Fixture.phone(150)));
            assertEquals("LINK_REUSED", again.detail().code());
            assertEquals(first.url(), again.url());
            assertEquals(1, f.sim.inviteLinks(Fixture.CHANNEL).size(), "made once");
            assertEquals(1, f.client.invitations(store).toGroup(f.supergroup).size(), "recorded once");

            assertEquals(Optional.empty(), f.sim.joinByLink(first.url(), 150));
            assertEquals(Optional.of("INVITE_HASH_EXPIRED"), f.sim.joinByLink(first.url(), 151), "one use: a forward lets nobody in");
            assertFalse(f.sim.members(Fixture.CHANNEL).contains(151L));

            InviteLink next = assertInstanceOf(InviteLink.class, f.client.inviteLink(f.supergroup, Fixture.phone(150)));
            assertNotEquals(first.url(), next.url(), "a used link is not given again");
            assertTrue(f.sim.inviteLink(first.url()).orElseThrow().revoked(), "and is revoked once GroupKit learns it was used");
            assertTrue(next.detail().description().contains("used, was revoked"), next.detail().description());
        }
    }

    @Test
    void anExpiredInvitationIsReportedExpiredAndItsLinkRevokedWhenTheNextIsAskedFor() {
        MembershipStore store = MembershipStore.inMemory();
        try (Fixture f = new Fixture(b -> b.personalLinkExpiry(Duration.ofDays(2)), p -> p.invitations(store))) {
            InviteLink link = assertInstanceOf(InviteLink.class, f.client.inviteLink(f.basic, Fixture.person(160)));
            assertEquals(InvitationState.PENDING, only(f, store).state(f.time.now()));
            f.time.advance(Duration.ofDays(2).plusSeconds(1));
            assertEquals(InvitationState.EXPIRED, only(f, store).state(f.time.now()));
            assertEquals(Optional.of("INVITE_HASH_EXPIRED"), f.sim.joinByLink(link.url(), 160), "expired on the server's clock");

            InviteLink fresh = assertInstanceOf(InviteLink.class, f.client.inviteLink(f.basic, Fixture.person(160)));
            assertNotEquals(link.url(), fresh.url());
            assertTrue(f.sim.inviteLink(link.url()).orElseThrow().revoked());
            assertEquals(Optional.empty(), f.sim.joinByLink(fresh.url(), 160));
        }
    }

    @Test
    void theFallbackGivesEachRefusedPersonTheirOwnLink() {
        MembershipStore store = MembershipStore.inMemory();
        try (Fixture f = new Fixture(b -> b, p -> p.invitations(store).inviteFallback(InviteFallback.ATTACH_LINK))) {
            f.sim.privacy(170, Privacy.RESTRICTED).privacy(171, Privacy.RESTRICTED);
            PrivacyRestricted a = assertInstanceOf(PrivacyRestricted.class, f.client.add(f.supergroup, Fixture.person(170)));
            PrivacyRestricted b = assertInstanceOf(PrivacyRestricted.class, f.client.add(f.supergroup, Fixture.person(171)));
            String linkA = a.inviteLink().orElseThrow().url();
            assertNotEquals(linkA, b.inviteLink().orElseThrow().url(), "one link per person, never the group's");
            assertEquals(Optional.of("GroupKit · @person_170"), f.sim.inviteLink(linkA).orElseThrow().title());
            AddResult again = f.client.add(f.supergroup, Fixture.person(170));
            assertEquals(linkA, assertInstanceOf(PrivacyRestricted.class, again).inviteLink().orElseThrow().url(),
                    "the same person's refusal again: their link again");
            List<Invitation> recorded = f.client.invitations(store).toGroup(f.supergroup);
            assertEquals(2, recorded.size());
            assertTrue(f.client.invitations(store).ofPerson(Member.userId("170")).size() == 1,
                    "the listing's id of the person finds the invitation made to their username");
        }
    }

    @Test
    void aLinkAskedForNobodyIsNotMade() {
        try (Fixture f = new Fixture()) {
            InviteLinkResult r = f.client.inviteLink(f.basic, Member.username("nobody_here"));
            assertEquals(OutcomeKind.NOT_FOUND, r.kind());
            // A phone no account has (PHONE_NOT_OCCUPIED) is a person not found too, not an unknown answer.
            InviteLinkResult byPhone = f.client.inviteLink(f.basic, Member.phone("+1 202 555 0199"));
            assertEquals(OutcomeKind.NOT_FOUND, byPhone.kind(), byPhone::toString);
            assertFalse(f.sim.calls().contains("messages.exportChatInvite"));
        }
    }

    @Test
    void aLinkIsRevokedOnRequest() {
        try (Fixture f = new Fixture()) {
            InviteLink link = assertInstanceOf(InviteLink.class, f.client.inviteLink(f.supergroup, Fixture.person(180)));
            assertEquals("REVOKED", f.client.revokeInviteLink(f.supergroup, link.url()).detail().code());
            assertEquals(Optional.of("INVITE_HASH_EXPIRED"), f.sim.joinByLink(link.url(), 180));
            assertEquals("INVITE_HASH_EXPIRED", f.client.revokeInviteLink(f.supergroup, link.url()).detail().code(),
                    "revoking twice: the link is dead, as wanted");
        }
    }

    /**
     * The documented errors of exportChatInvite, getExportedChatInvite and editExportedChatInvite
     * (facts sheet A.5): operation, the method the error is aimed at, code, error, outcome.
     */
    @ParameterizedTest(name = "{0} / {1}: {2} {3} -> {4}")
    @CsvSource({
            "personal-basic, messages.exportChatInvite, 400, CHAT_ADMIN_REQUIRED, ACCESS_DENIED",
            "personal-supergroup, messages.exportChatInvite, 403, CHAT_ADMIN_REQUIRED, ACCESS_DENIED",
            "personal-supergroup, messages.exportChatInvite, 400, EXPIRE_DATE_INVALID, UNSUPPORTED",
            "personal-supergroup, messages.exportChatInvite, 400, USAGE_LIMIT_INVALID, UNSUPPORTED",
            "personal-supergroup, messages.exportChatInvite, 400, PRICING_CHAT_INVALID, UNSUPPORTED",
            "personal-supergroup, messages.exportChatInvite, 400, SUBSCRIPTION_PERIOD_INVALID, UNSUPPORTED",
            "personal-supergroup, messages.exportChatInvite, 400, CHANNEL_MONOFORUM_UNSUPPORTED, UNSUPPORTED",
            "personal-supergroup, messages.exportChatInvite, 406, CHANNEL_PRIVATE, ACCESS_DENIED",
            "personal-supergroup, messages.exportChatInvite, 400, PEER_ID_INVALID, NOT_FOUND",
            "personal-again, messages.getExportedChatInvite, 400, CHAT_ADMIN_REQUIRED, ACCESS_DENIED",
            "personal-again, messages.getExportedChatInvite, 420, FLOOD_WAIT_3600, RATE_LIMITED",
            "personal-again, messages.getExportedChatInvite, 400, INVITE_HASH_EXPIRED, INVITE_LINK",
            "revoke, messages.editExportedChatInvite, 400, CHAT_INVITE_PERMANENT, UNSUPPORTED",
            "revoke, messages.editExportedChatInvite, 400, INVITE_HASH_EXPIRED, DONE",
            "revoke, messages.editExportedChatInvite, 400, USAGE_LIMIT_INVALID, UNSUPPORTED",
            "revoke, messages.editExportedChatInvite, 403, EDIT_BOT_INVITE_FORBIDDEN, ACCESS_DENIED",
            "revoke, messages.editExportedChatInvite, 400, CHAT_ADMIN_REQUIRED, ACCESS_DENIED",
            "revoke, messages.editExportedChatInvite, 400, INVITE_REVOKED_MISSING, NOT_FOUND",
    })
    void everyDocumentedErrorIsItsOutcome(String operation, String method, int code, String message, OutcomeKind expected) {
        try (Fixture f = new Fixture()) {
            String link = "";
            if (!operation.startsWith("personal-") || operation.equals("personal-again")) {
                link = assertInstanceOf(InviteLink.class, f.client.inviteLink(f.supergroup, Fixture.person(190))).url();
            }
            f.sim.refuseCalls(method, code, message);
            Outcome r = switch (operation) {
                case "personal-basic" -> f.client.inviteLink(f.basic, Fixture.person(190));
                case "personal-supergroup", "personal-again" -> f.client.inviteLink(f.supergroup, Fixture.person(190));
                case "revoke" -> f.client.revokeInviteLink(f.supergroup, link);
                default -> throw new IllegalArgumentException(operation);
            };
            assertTrue(f.sim.calls().contains(method), () -> "the error came from " + method + ": " + f.sim.calls());
            assertEquals(expected, r.kind(), r::toString);
            if (!r.isSuccess()) {
                assertEquals(message, r.detail().code());
                assertFalse(r.remedy().isBlank(), r::toString);
            }
        }
    }

    private static Invitation only(Fixture f, MembershipStore store) {
        List<Invitation> all = f.client.invitations(store).toGroup(f.basic);
        assertEquals(1, all.size());
        return all.get(0);
    }
}
