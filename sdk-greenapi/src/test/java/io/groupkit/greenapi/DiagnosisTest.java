package io.groupkit.greenapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.AccessDenied;
import io.groupkit.core.AlreadyMember;
import io.groupkit.core.NotAdded;
import io.groupkit.core.NotInContacts;
import io.groupkit.core.NotMember;
import io.groupkit.core.NotRegistered;
import io.groupkit.core.PrivacyRestricted;
import io.groupkit.core.policy.InviteFallback;
import io.groupkit.core.policy.Prechecks;
import io.groupkit.greenapi.internal.Diagnosis;
import io.groupkit.testkit.greenapi.GreenApiSimulator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** A bare addParticipant:false becomes the most precise outcome the cached checks allow. */
@Order(3)
class DiagnosisTest {
    private Fixture f = new Fixture(b -> b, p -> p.prechecks(Prechecks.OFF));

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void someoneListedAlreadyIsAlreadyMember() {
        f.instance.group(Fixture.GROUP_ID, Fixture.digits(1) + "@c.us");
        assertInstanceOf(AlreadyMember.class, f.client.add(Fixture.GROUP, Fixture.person(1)));
    }

    @Test
    void anInstanceThatIsNoAdminIsAccessDenied() {
        f.instance.notAdminOf(Fixture.GROUP_ID);
        AccessDenied r = assertInstanceOf(AccessDenied.class, f.client.add(Fixture.GROUP, Fixture.person(1)));
        assertTrue(r.remedy().contains("admin"), r.remedy());
    }

    @Test
    void aNumberWithoutWhatsappIsNotRegistered() {
        f.instance.withoutWhatsapp(Fixture.digits(1));
        assertInstanceOf(NotRegistered.class, f.client.add(Fixture.GROUP, Fixture.person(1)));
    }

    @Test
    void someoneOutsideTheContactsIsNotInContacts() {
        f.instance.contactsOnly();
        NotInContacts r = assertInstanceOf(NotInContacts.class, f.client.add(Fixture.GROUP, Fixture.person(1)));
        assertEquals("addParticipant:false", r.detail().code());
    }

    @Test
    void whatNoCheckCanTellIsNotAddedWithTheRemainingReasons() {
        f.instance.refusing(Fixture.digits(1)).contacts(Fixture.digits(1));
        NotAdded r = assertInstanceOf(NotAdded.class, f.client.add(Fixture.GROUP, Fixture.person(1)));
        assertEquals(Diagnosis.UNTOLD_REASONS, r.possibleReasons());
        assertTrue(r.remedy().contains("invite link"), r.remedy());
    }

    /** A check that could not be made leaves its reason open, first in the list. */
    @Test
    void reasonsThatCouldNotBeCheckedStayPossible() {
        f.instance.refusing(Fixture.digits(1)).contacts(Fixture.digits(1))
                .failNext("getGroupData", 10, GreenApiSimulator.Fault.answer(500, "oops"))
                .failNext("getContacts", 10, GreenApiSimulator.Fault.answer(500, "oops"));
        NotAdded r = assertInstanceOf(NotAdded.class, f.client.add(Fixture.GROUP, Fixture.person(1)));
        List<NotAdded.Reason> expected = new java.util.ArrayList<>(List.of(NotAdded.Reason.NOT_ADMIN,
                NotAdded.Reason.NOT_IN_CONTACTS));
        expected.addAll(Diagnosis.UNTOLD_REASONS);
        assertEquals(expected, r.possibleReasons());
    }

    @Test
    void theDiagnosisUsesItsCachesAndSpendsFewLookups() {
        f.instance.contacts(Fixture.digits(1), Fixture.digits(2), Fixture.digits(3))
                .refusing(Fixture.digits(1), Fixture.digits(2), Fixture.digits(3));
        for (int i = 1; i <= 3; i++) {
            assertInstanceOf(NotAdded.class, f.client.add(Fixture.GROUP, Fixture.person(i)));
        }
        assertEquals(1, f.sim.requests("getGroupData").size(), "group data cached across diagnoses");
        assertEquals(1, f.sim.requests("getContacts").size(), "contacts cached");
        assertEquals(1, f.sim.requests("getSettings").size(), "own number cached");
    }

    @Test
    void aContactSavedSinceTheListWasReadIsNotReportedMissing() {
        f.instance.contactsOnly().contacts(Fixture.digits(1));
        f.instance.refusing(Fixture.digits(2));
        assertInstanceOf(NotInContacts.class, f.client.add(Fixture.GROUP, Fixture.person(2)));
        f.instance.contacts(Fixture.digits(2));
        f.time.advance(java.time.Duration.ofSeconds(31));
        assertInstanceOf(NotAdded.class, f.client.add(Fixture.GROUP, Fixture.person(2)),
                "a 'not a contact' from a list older than 30 s is checked against a fresh list");
        assertEquals(2, f.sim.requests("getContacts").size());
    }

    @Test
    void aRefusalMakesTheNextPrecheckAskForTheStateAgain() {
        f.close();
        f = new Fixture();
        f.instance.refusing(Fixture.digits(1)).contacts(Fixture.digits(1));
        assertInstanceOf(NotAdded.class, f.client.add(Fixture.GROUP, Fixture.person(1)));
        f.instance.state("yellowCard");
        assertInstanceOf(io.groupkit.core.SpamLimited.class, f.client.add(Fixture.GROUP, Fixture.person(2)));
        assertEquals(2, f.sim.requests("getStateInstance").size());
    }

    @Test
    void theSimulatorTakesAGroupPictureAndRefusesAMissingGroup() {
        byte[] jpeg = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 42};
        assertInstanceOf(io.groupkit.core.Done.class, f.client.setGroupPicture(Fixture.GROUP, jpeg));
        var missing = assertInstanceOf(io.groupkit.core.NotFound.class,
                f.client.setGroupPicture(io.groupkit.core.GroupRef.of("120363999999999999@g.us"), jpeg));
        assertEquals(io.groupkit.core.NotFound.Subject.GROUP, missing.subject());
    }

    @Test
    void aRemovalOfSomeoneAbsentIsNotMember() {
        assertInstanceOf(NotMember.class, f.client.remove(Fixture.GROUP, Fixture.person(7)));
    }

    @Test
    void theFallbackAttachesAndSendsTheLink() {
        f.close();
        f = new Fixture(b -> b, p -> p.prechecks(Prechecks.OFF).inviteFallback(InviteFallback.ATTACH_AND_SEND));
        f.instance.refusing(Fixture.digits(1)).contacts(Fixture.digits(1));
        NotAdded r = assertInstanceOf(NotAdded.class, f.client.add(Fixture.GROUP, Fixture.person(1)));
        assertTrue(r.inviteLink().isPresent());
        assertTrue(r.inviteSent());
        assertEquals(1, f.instance.sentMessages().size());
        assertTrue(f.instance.sentMessages().get(0).startsWith(Fixture.digits(1) + "@c.us "));
        assertTrue(f.instance.sentMessages().get(0).endsWith(r.inviteLink().get().url()));
    }

    @Test
    void privacyIsNeverClaimedWithoutProof() {
        // WhatsApp never says "privacy": the adapter reports NotAdded, listing it among the possible reasons.
        f.instance.refusing(Fixture.digits(1)).contacts(Fixture.digits(1));
        var r = f.client.add(Fixture.GROUP, Fixture.person(1));
        assertTrue(!(r instanceof PrivacyRestricted));
    }
}
