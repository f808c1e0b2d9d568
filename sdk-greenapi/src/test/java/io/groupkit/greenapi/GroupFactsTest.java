package io.groupkit.greenapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.AddResult;
import io.groupkit.core.Added;
import io.groupkit.core.AlreadyMember;
import io.groupkit.core.BulkReport;
import io.groupkit.core.GroupFull;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Indeterminate;
import io.groupkit.core.Member;
import io.groupkit.core.NotAdded;
import io.groupkit.core.NotFound;
import io.groupkit.core.NotInContacts;
import io.groupkit.core.NotMember;
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.Unsupported;
import io.groupkit.core.policy.Prechecks;
import io.groupkit.testkit.greenapi.GreenApiSimulator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * What getGroupData's newer fields ({@code size}, {@code isCommunity}, {@code isCommunityAnnounce},
 * {@code allowParticipantsAddMembers}, {@code participants[].lid}) and its answer for an unknown
 * group ({@code "Error: item-not-found"}) tell before and after an add; and the opt-in "save the
 * contact and try again".
 */
@Order(8)
class GroupFactsTest {
    private static final GroupRef UNKNOWN = GroupRef.of("120363000000000099@g.us");

    @Test
    void anUnknownGroupIsNamedBeforeAnythingIsSentAndInEveryRead() {
        try (Fixture f = new Fixture()) {
            NotFound add = assertInstanceOf(NotFound.class, f.client.add(UNKNOWN, Fixture.person(1)));
            assertEquals(NotFound.Subject.GROUP, add.subject());
            assertEquals("item-not-found", add.detail().code());
            assertTrue(add.remedy().contains("not in it"), add.remedy());
            assertEquals(0, f.sim.requests("addGroupParticipant").size(), "nothing sent to a group that is not there");
            NotFound link = assertInstanceOf(NotFound.class, f.client.inviteLink(UNKNOWN));
            assertEquals(NotFound.Subject.GROUP, link.subject());
            assertEquals(NotFound.Subject.GROUP, assertInstanceOf(NotFound.class, f.client.members(UNKNOWN)).subject());
        }
    }

    @Test
    void anUnknownGroupIsNamedByTheDiagnosisWithoutPrechecks() {
        try (Fixture f = new Fixture(b -> b, p -> p.prechecks(Prechecks.OFF))) {
            // Green-API answers a bare false for an add to a group the instance is not in.
            f.instance.failNext("addGroupParticipant", 1, GreenApiSimulator.Fault.answer(200, "{\"addParticipant\":false}"));
            NotFound r = assertInstanceOf(NotFound.class, f.client.add(UNKNOWN, Fixture.person(1)));
            assertEquals(NotFound.Subject.GROUP, r.subject());
        }
    }

    @Test
    void aFullGroupIsGroupFullBeforeAnythingIsSent() {
        try (Fixture f = new Fixture()) {
            f.instance.full(Fixture.GROUP_ID);
            GroupFull r = assertInstanceOf(GroupFull.class, f.client.add(Fixture.GROUP, Fixture.person(1)));
            assertTrue(r.detail().description().contains("1024"), r.detail().description());
            assertEquals(0, f.sim.requests("addGroupParticipant").size());
        }
    }

    @Test
    void aGroupOneBelowTheLimitTakesOneMore() {
        try (Fixture f = new Fixture()) {
            f.instance.full(Fixture.GROUP_ID);
            assertEquals(OutcomeKind.REMOVED, f.client.remove(Fixture.GROUP, Member.chatId("70000000000@c.us")).kind());
            assertInstanceOf(Added.class, f.client.add(Fixture.GROUP, Fixture.person(1)));
            // The cached data counts the add this process made: the next one is refused unsent.
            assertInstanceOf(GroupFull.class, f.client.add(Fixture.GROUP, Fixture.person(2)));
            assertEquals(1, f.sim.requests("addGroupParticipant").size());
        }
    }

    @Test
    void aCommunityAndItsAnnouncementGroupHaveTheirOwnOutcome() {
        try (Fixture f = new Fixture()) {
            String community = "120363000000000101@g.us";
            String announcements = "120363000000000102@g.us";
            f.instance.group(community).community(community).group(announcements).communityAnnouncements(announcements);
            Unsupported c = assertInstanceOf(Unsupported.class, f.client.add(GroupRef.of(community), Fixture.person(1)));
            assertEquals("isCommunity", c.detail().code());
            assertTrue(c.remedy().contains("community's groups"), c.remedy());
            Unsupported a = assertInstanceOf(Unsupported.class, f.client.add(GroupRef.of(announcements), Fixture.person(1)));
            assertEquals("isCommunityAnnounce", a.detail().code());
            assertTrue(a.remedy().contains("announcement group"), a.remedy());
            assertEquals(0, f.sim.requests("addGroupParticipant").size());
        }
    }

    @Test
    void whereMembersMayAddTheInstancesRoleIsNotBlamed() {
        try (Fixture f = new Fixture(b -> b, p -> p.prechecks(Prechecks.OFF))) {
            f.instance.notAdminOf(Fixture.GROUP_ID).participantsMayAdd(Fixture.GROUP_ID)
                    .refusing(Fixture.digits(2)).contacts(Fixture.digits(2));
            assertInstanceOf(Added.class, f.client.add(Fixture.GROUP, Fixture.person(1)));
            NotAdded r = assertInstanceOf(NotAdded.class, f.client.add(Fixture.GROUP, Fixture.person(2)));
            assertFalse(r.possibleReasons().contains(NotAdded.Reason.NOT_ADMIN), r.possibleReasons()::toString);
        }
    }

    @Test
    void aMemberIsFoundByTheLidTheAnswerPairsWithTheNumber() {
        try (Fixture f = new Fixture(b -> b, p -> p.prechecks(Prechecks.OFF))) {
            f.instance.lid(Fixture.GROUP_ID, Fixture.digits(1) + "@c.us", "200000000000001@lid");
            assertInstanceOf(AlreadyMember.class, f.client.add(Fixture.GROUP, Member.chatId("200000000000001@lid")));
            assertInstanceOf(AlreadyMember.class, f.client.add(Fixture.GROUP, Fixture.person(1)));
        }
    }

    @Test
    void aMemberCanBeGivenAsALid() {
        try (Fixture f = new Fixture()) {
            assertInstanceOf(Added.class, f.client.add(Fixture.GROUP, Member.chatId("200000000000009@lid")));
            assertTrue(f.sim.requests("addGroupParticipant").get(0).body().contains("\"participantChatId\":\"200000000000009@lid\""));
            assertEquals(0, f.sim.requests("checkWhatsapp").size(), "a lid is no number to check");
        }
    }

    @Test
    void aNumberHiddenBehindALidNeverProvesAbsence() {
        try (Fixture f = new Fixture(b -> b, p -> p.prechecks(Prechecks.OFF))) {
            // Without hidden numbers, a removal of someone absent is NotMember...
            assertInstanceOf(NotMember.class, f.client.remove(Fixture.GROUP, Fixture.person(7)));
            // ...with one member listed by lid alone, that member may be the person.
            f.instance.numberHidden(Fixture.GROUP_ID, Fixture.digits(8) + "@c.us", "200000000000008@lid");
            assertNotEquals(OutcomeKind.NOT_MEMBER, f.client.remove(Fixture.GROUP, Fixture.person(7)).kind());
            // A lost add is not resent on a listing that cannot rule the person out.
            f.instance.failNext("addGroupParticipant", 1, GreenApiSimulator.Fault.dropConnection());
            AddResult lost = f.client.add(Fixture.GROUP, Fixture.person(9));
            assertInstanceOf(Indeterminate.class, lost);
            assertEquals(1, f.sim.requests("addGroupParticipant").size(), "never sent twice");
        }
    }

    @Test
    void aNumberPairedWithItsLidIsRuledOutByTheListing() {
        try (Fixture f = new Fixture(b -> b, p -> p.prechecks(Prechecks.OFF))) {
            f.instance.lid(Fixture.GROUP_ID, Fixture.digits(8) + "@c.us", "200000000000008@lid");
            f.instance.failNext("addGroupParticipant", 1, GreenApiSimulator.Fault.dropConnection());
            Added r = assertInstanceOf(Added.class, f.client.add(Fixture.GROUP, Fixture.person(9)));
            assertEquals(2, f.sim.requests("addGroupParticipant").size(), "absent, so sent again");
            assertEquals(false, r.verifiedByMembershipCheck());
        }
    }

    @Test
    void aBulkRunReadsTheGroupOncePerCacheLifetimeNotOncePerAdd() {
        try (Fixture f = new Fixture()) {
            List<Member> people = IntStream.range(1, 201).<Member>mapToObj(Fixture::person).toList();
            BulkReport r = f.client.addAll(Fixture.GROUP, people);
            assertEquals(200, r.count(OutcomeKind.ADDED), () -> r.counts().toString());
            long seconds = f.time.elapsed().toSeconds();
            int reads = f.sim.requests("getGroupData").size();
            assertTrue(reads <= seconds / 30 + 2, reads + " getGroupData in " + seconds + " s");
        }
    }

    @Test
    void withTheOptInANumberMissingFromTheContactsIsSavedAndAddedOnce() {
        try (Fixture f = new Fixture(b -> b.saveContactAndRetry("Acme CRM"), p -> p)) {
            f.instance.contactsOnly();
            Added r = assertInstanceOf(Added.class, f.client.add(Fixture.GROUP, Fixture.person(1)));
            assertEquals("ADDED_AFTER_SAVING_CONTACT", r.detail().code());
            assertTrue(r.detail().description().contains("addContact"), r.detail().description());
            List<GreenApiSimulator.Request> saves = f.sim.requests("addContact");
            assertEquals(1, saves.size());
            assertTrue(saves.get(0).body().contains("\"chatId\":\"" + Fixture.digits(1) + "@c.us\""), saves.get(0).body());
            assertTrue(saves.get(0).body().contains("\"firstName\":\"Acme CRM\""), saves.get(0).body());
            assertEquals(2, f.sim.requests("addGroupParticipant").size(), "one more add, not more");
            assertTrue(f.instance.members(Fixture.GROUP_ID).contains(Fixture.digits(1) + "@c.us"));
        }
    }

    @Test
    void withTheOptInARefusalAfterSavingIsNotAddedAndSaysWhatWasDone() {
        try (Fixture f = new Fixture(b -> b.saveContactAndRetry("Acme CRM"), p -> p)) {
            f.instance.contactsOnly().refusing(Fixture.digits(1));
            NotAdded r = assertInstanceOf(NotAdded.class, f.client.add(Fixture.GROUP, Fixture.person(1)));
            assertTrue(r.detail().description().contains("saved the number"), r.detail().description());
            assertEquals(2, f.sim.requests("addGroupParticipant").size());
        }
    }

    @Test
    void withoutTheOptInTheContactsAreLeftAlone() {
        try (Fixture f = new Fixture()) {
            f.instance.contactsOnly();
            assertInstanceOf(NotInContacts.class, f.client.add(Fixture.GROUP, Fixture.person(1)));
            assertEquals(0, f.sim.requests("addContact").size());
        }
    }
}
