package io.groupkit.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.AddResult;
import io.groupkit.core.MemberBanned;
import io.groupkit.core.NotInContacts;
import io.groupkit.core.PrivacyRestricted;
import io.groupkit.core.spi.Operation;
import io.groupkit.core.testing.ScriptedProvider.SentInvite;
import io.groupkit.core.testing.Harness;
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.testing.Fault;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FallbackTest {

    @Test
    void offByDefault() {
        Harness h = new Harness();
        h.fake.refuse(Harness.person(1), OutcomeKind.PRIVACY_RESTRICTED);
        PrivacyRestricted r = assertInstanceOf(PrivacyRestricted.class, h.client.add(Harness.GROUP, Harness.person(1)));
        assertTrue(r.inviteLink().isEmpty());
        assertEquals(0, h.fake.calls(Operation.INVITE_LINK).size());
    }

    @Test
    void attachesTheLinkOnce() {
        Harness h = new Harness(b -> b, p -> p.inviteFallback(InviteFallback.ATTACH_LINK));
        h.fake.inviteLink(Harness.GROUP, "https://chat.example/join/team");
        h.fake.refuse(Harness.person(1), OutcomeKind.PRIVACY_RESTRICTED);
        h.fake.refuse(Harness.person(2), OutcomeKind.NOT_IN_CONTACTS);
        PrivacyRestricted a = assertInstanceOf(PrivacyRestricted.class, h.client.add(Harness.GROUP, Harness.person(1)));
        NotInContacts b = assertInstanceOf(NotInContacts.class, h.client.add(Harness.GROUP, Harness.person(2)));
        assertEquals("https://chat.example/join/team", a.inviteLink().orElseThrow().url());
        assertEquals("https://chat.example/join/team", b.inviteLink().orElseThrow().url());
        assertFalse(a.inviteSent());
        assertEquals(1, h.fake.calls(Operation.INVITE_LINK).size(), "the link is cached");
        assertTrue(h.fake.invitesSent().isEmpty());
    }

    @Test
    void sendsTheLinkWhenAsked() {
        Harness h = new Harness(b -> b, p -> p.inviteFallback(InviteFallback.ATTACH_AND_SEND));
        h.fake.refuse(Harness.person(1), OutcomeKind.PRIVACY_RESTRICTED);
        PrivacyRestricted r = assertInstanceOf(PrivacyRestricted.class, h.client.add(Harness.GROUP, Harness.person(1)));
        assertTrue(r.inviteSent());
        List<SentInvite> sent = h.fake.invitesSent();
        assertEquals(1, sent.size());
        assertEquals(Harness.person(1), sent.get(0).member());
        assertEquals(r.inviteLink().orElseThrow().url(), sent.get(0).url());
    }

    @Test
    void withoutSendingAbilityTheLinkIsOnlyAttached() {
        Harness h = new Harness(b -> b.without(Operation.SEND_INVITE), p -> p.inviteFallback(InviteFallback.ATTACH_AND_SEND));
        h.fake.refuse(Harness.person(1), OutcomeKind.PRIVACY_RESTRICTED);
        PrivacyRestricted r = assertInstanceOf(PrivacyRestricted.class, h.client.add(Harness.GROUP, Harness.person(1)));
        assertTrue(r.inviteLink().isPresent());
        assertFalse(r.inviteSent());
    }

    @Test
    void theCachedLinkExpires() {
        Harness h = new Harness(b -> b, p -> p.inviteFallback(InviteFallback.ATTACH_LINK).inviteLinkTtl(Duration.ofMinutes(10)));
        h.fake.refuse(Harness.person(1), OutcomeKind.PRIVACY_RESTRICTED);
        h.client.add(Harness.GROUP, Harness.person(1));
        h.time.advance(Duration.ofMinutes(9));
        h.client.add(Harness.GROUP, Harness.person(1));
        assertEquals(1, h.fake.calls(Operation.INVITE_LINK).size());
        h.time.advance(Duration.ofMinutes(2));
        h.client.add(Harness.GROUP, Harness.person(1));
        assertEquals(2, h.fake.calls(Operation.INVITE_LINK).size());
    }

    @Test
    void noLinkWhenTheAccountCannotGetOne() {
        Harness h = new Harness(b -> b, p -> p.inviteFallback(InviteFallback.ATTACH_LINK));
        h.fake.group(io.groupkit.core.GroupRef.of("closed")).failNext(Operation.ADD, 1, Fault.accessDenied());
        h.fake.refuse(Harness.person(1), OutcomeKind.PRIVACY_RESTRICTED);
        AddResult r = h.client.add(io.groupkit.core.GroupRef.of("closed"), Harness.person(1));
        // Not admin: the add itself is refused before privacy matters.
        assertEquals(io.groupkit.core.OutcomeKind.ACCESS_DENIED, r.kind());
        h.fake.failNext(Operation.INVITE_LINK, 10, Fault.accessDenied());
        PrivacyRestricted p = assertInstanceOf(PrivacyRestricted.class, h.client.add(Harness.GROUP, Harness.person(1)));
        assertTrue(p.inviteLink().isEmpty());
    }

    @Test
    void refusalsALinkCannotFixGetNone() {
        Harness h = new Harness(b -> b, p -> p.inviteFallback(InviteFallback.ATTACH_AND_SEND));
        h.fake.refuse(Harness.person(1), OutcomeKind.MEMBER_BANNED);
        assertInstanceOf(MemberBanned.class, h.client.add(Harness.GROUP, Harness.person(1)));
        assertEquals(0, h.fake.calls(Operation.INVITE_LINK).size());
    }
}
