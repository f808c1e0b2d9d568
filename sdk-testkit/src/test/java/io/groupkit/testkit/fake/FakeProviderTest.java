package io.groupkit.testkit.fake;

import static io.groupkit.testkit.fake.FakeFixture.ANNA;
import static io.groupkit.testkit.fake.FakeFixture.BORIS;
import static io.groupkit.testkit.fake.FakeFixture.CLARA;
import static io.groupkit.testkit.fake.FakeFixture.TEAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.AccessDenied;
import io.groupkit.core.AddResult;
import io.groupkit.core.Added;
import io.groupkit.core.AlreadyMember;
import io.groupkit.core.Blocked;
import io.groupkit.core.Confirmation;
import io.groupkit.core.GroupFull;
import io.groupkit.core.GroupInfo;
import io.groupkit.core.GroupMember;
import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Groups;
import io.groupkit.core.GroupsPage;
import io.groupkit.core.InviteLink;
import io.groupkit.core.Member;
import io.groupkit.core.MemberBanned;
import io.groupkit.core.MemberKind;
import io.groupkit.core.MemberRole;
import io.groupkit.core.Members;
import io.groupkit.core.NotFound;
import io.groupkit.core.NotInContacts;
import io.groupkit.core.NotMember;
import io.groupkit.core.NotRegistered;
import io.groupkit.core.Policies;
import io.groupkit.core.PrivacyRestricted;
import io.groupkit.core.Removed;
import io.groupkit.core.TooManyGroups;
import io.groupkit.core.Unsupported;
import io.groupkit.core.policy.InviteFallback;
import io.groupkit.core.policy.Prechecks;
import io.groupkit.core.policy.RateLimit;
import io.groupkit.core.spi.Operation;
import io.groupkit.testkit.conformance.ScriptedAccount;
import io.groupkit.testkit.time.VirtualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What the fake's javadoc and the README promise, seen through {@code GroupMembership}. */
class FakeProviderTest {

    private static FakeFixture withoutPrechecks() {
        return new FakeFixture(b -> b, p -> p.prechecks(Prechecks.OFF));
    }

    // ---- the README's example ----

    @Test
    void theReadmeExampleRunsAsDescribed() {
        VirtualTime time = VirtualTime.create();
        FakeProvider fake = FakeProvider.builder().time(time).build();
        fake.group("team@g.us");
        fake.person(Member.phone("+7 900 000-00-02")).privacyRestricted();
        fake.failNext(Operation.ADD, 2, FakeFault.unavailable());
        GroupMembership groups = GroupMembership.create(fake, Policies.builder().time(time).build());

        assertInstanceOf(Added.class, groups.add(TEAM, ANNA), "two transient failures, retried");
        assertInstanceOf(PrivacyRestricted.class, groups.add(TEAM, BORIS));
        assertEquals(4, fake.calls(Operation.ADD).size());
        assertEquals(List.of(ANNA), fake.membersOf(TEAM));
        assertTrue(fake.invitesSent().isEmpty());
    }

    // ---- groups and members ----

    @Test
    void aGroupIsCreatedEmptyWithTheAccountAsAdminAndNoLimit() {
        FakeFixture f = withoutPrechecks();
        GroupRef fresh = GroupRef.of("fresh@g.us");
        f.fake.group("fresh@g.us");
        assertTrue(f.fake.membersOf(fresh).isEmpty());
        List<Member> many = IntStream.range(0, 50).mapToObj(FakeFixture::person).toList();
        for (Member m : many) {
            assertInstanceOf(Added.class, f.client.add(fresh, m));
        }
        assertEquals(many, f.fake.membersOf(fresh), "in order of joining");
        assertInstanceOf(InviteLink.class, f.client.inviteLink(fresh));
    }

    @Test
    void aGroupIsTheSameByIdAndByReferenceAndIsNotRecreated() {
        FakeProvider fake = FakeProvider.builder().build();
        FakeProvider.Group byId = fake.group("g1");
        assertSame(byId, fake.group(GroupRef.of("g1")));
        byId.with(ANNA);
        fake.group("g1");
        assertEquals(List.of(ANNA), fake.membersOf(GroupRef.of("g1")), "asking again keeps the group as it is");
    }

    @Test
    void withPutsPeopleInWithoutAnyCall() {
        FakeFixture f = withoutPrechecks();
        FakeProvider.Group team = f.fake.group(TEAM);
        assertSame(team, team.with(ANNA, BORIS));
        team.with(ANNA);
        assertEquals(List.of(ANNA, BORIS), f.fake.membersOf(TEAM), "no duplicate, first place kept");
        assertTrue(f.fake.calls().isEmpty());
        assertInstanceOf(AlreadyMember.class, f.client.add(TEAM, ANNA));
    }

    @Test
    void membersOfIsACopyInOrderOfJoiningAndEmptyForAnUnknownGroup() {
        FakeFixture f = withoutPrechecks();
        f.client.add(TEAM, BORIS);
        f.client.add(TEAM, ANNA);
        f.client.add(TEAM, CLARA);
        f.client.remove(TEAM, BORIS);
        f.client.add(TEAM, BORIS);
        List<Member> members = f.fake.membersOf(TEAM);
        assertEquals(List.of(ANNA, CLARA, BORIS), members, "a re-added person joins at the end");
        assertThrows(UnsupportedOperationException.class, () -> members.add(ANNA));
        f.client.remove(TEAM, ANNA);
        assertEquals(3, members.size(), "a snapshot");
        assertTrue(f.fake.membersOf(GroupRef.of("unknown@g.us")).isEmpty());
    }

    @Test
    void theMembersListingNamesEveryoneInOrderAsPlainMembers() {
        FakeFixture f = withoutPrechecks();
        f.fake.group(TEAM).with(BORIS);
        f.client.add(TEAM, ANNA);
        Members listed = assertInstanceOf(Members.class, f.client.members(TEAM));
        assertEquals(List.of(new GroupMember(BORIS, MemberRole.MEMBER), new GroupMember(ANNA, MemberRole.MEMBER)),
                listed.members());
        NotFound missing = assertInstanceOf(NotFound.class, f.client.members(GroupRef.of("unknown@g.us")));
        assertEquals(NotFound.Subject.GROUP, missing.subject());
    }

    @Test
    void removeTakesAPersonOutAndSaysWhenTheyWereNotIn() {
        FakeFixture f = withoutPrechecks();
        f.fake.group(TEAM).with(ANNA, BORIS);
        Removed r = assertInstanceOf(Removed.class, f.client.remove(TEAM, ANNA));
        assertEquals(Confirmation.PROVIDER_ANSWER, r.confirmedBy());
        assertEquals(List.of(BORIS), f.fake.membersOf(TEAM));
        assertInstanceOf(NotMember.class, f.client.remove(TEAM, ANNA));
        assertEquals(NotFound.Subject.GROUP,
                assertInstanceOf(NotFound.class, f.client.remove(GroupRef.of("unknown@g.us"), BORIS)).subject());
        assertEquals(3, f.fake.calls(Operation.REMOVE).size());
    }

    @Test
    void aFullGroupRefusesNewPeopleButNotThoseAlreadyIn() {
        FakeFixture f = withoutPrechecks();
        assertSame(f.fake.group(TEAM), f.fake.group(TEAM).capacity(2));
        f.client.add(TEAM, ANNA);
        f.client.add(TEAM, BORIS);
        assertInstanceOf(GroupFull.class, f.client.add(TEAM, CLARA));
        assertInstanceOf(AlreadyMember.class, f.client.add(TEAM, ANNA), "a present person, even in a full group");
        f.client.remove(TEAM, ANNA);
        assertInstanceOf(Added.class, f.client.add(TEAM, CLARA), "room again");
        assertEquals(List.of(BORIS, CLARA), f.fake.membersOf(TEAM));
    }

    @Test
    void anUnknownGroupIsNotFoundForEveryOperation() {
        FakeFixture f = withoutPrechecks();
        GroupRef nowhere = GroupRef.of("nowhere@g.us");
        for (var r : List.of(f.client.add(nowhere, ANNA), f.client.remove(nowhere, ANNA), f.client.inviteLink(nowhere),
                f.client.members(nowhere))) {
            assertEquals(NotFound.Subject.GROUP, assertInstanceOf(NotFound.class, r).subject(), r.toString());
        }
    }

    // ---- admin ----

    @Test
    void withoutAdminRightsTheAccountMayNotAddRemoveOrGetTheLinkButMayList() {
        FakeFixture f = withoutPrechecks();
        GroupRef closed = GroupRef.of("closed@g.us");
        FakeProvider.Group group = f.fake.group(closed).with(BORIS);
        assertSame(group, group.notAdmin());
        assertInstanceOf(AccessDenied.class, f.client.add(closed, ANNA));
        assertInstanceOf(AccessDenied.class, f.client.remove(closed, BORIS));
        assertInstanceOf(AccessDenied.class, f.client.inviteLink(closed));
        assertInstanceOf(Members.class, f.client.members(closed));
        assertEquals(List.of(BORIS), f.fake.membersOf(closed), "nothing changed");
    }

    @Test
    @SuppressWarnings("removal")
    void theDeprecatedAdminFlagStillWorks() {
        FakeFixture f = withoutPrechecks();
        FakeProvider.Group team = f.fake.group(TEAM);
        assertSame(team, team.admin(false));
        assertInstanceOf(AccessDenied.class, f.client.add(TEAM, ANNA));
        team.admin(true);
        assertInstanceOf(Added.class, f.client.add(TEAM, ANNA));
    }

    // ---- a person's script ----

    @Test
    void eachRefusalOfAPersonsScriptIsItsOutcomeAfterOneCall() {
        FakeFixture f = withoutPrechecks();
        f.fake.person(person(1)).noAccount();
        f.fake.person(person(2)).privacyRestricted();
        f.fake.person(person(3)).notInContacts();
        f.fake.person(person(4)).banned();
        f.fake.person(person(5)).blocked();
        f.fake.person(person(6)).tooManyGroups();
        assertInstanceOf(NotRegistered.class, f.client.add(TEAM, person(1)));
        assertInstanceOf(PrivacyRestricted.class, f.client.add(TEAM, person(2)));
        assertInstanceOf(NotInContacts.class, f.client.add(TEAM, person(3)));
        assertInstanceOf(MemberBanned.class, f.client.add(TEAM, person(4)));
        assertInstanceOf(Blocked.class, f.client.add(TEAM, person(5)));
        assertInstanceOf(TooManyGroups.class, f.client.add(TEAM, person(6)));
        assertEquals(6, f.fake.calls(Operation.ADD).size(), "none retried");
        assertTrue(f.fake.membersOf(TEAM).isEmpty());
        assertInstanceOf(Added.class, f.client.add(TEAM, person(7)), "a person without a script is ordinary");
    }

    @Test
    void aPersonsScriptIsReadInTheDocumentedOrder() {
        FakeFixture f = withoutPrechecks();
        FakeProvider.Person all = f.fake.person(person(1));
        assertSame(all, all.noAccount().privacyRestricted().notInContacts().banned().blocked().tooManyGroups());
        f.fake.person(person(2)).tooManyGroups().blocked().banned().notInContacts().privacyRestricted();
        f.fake.person(person(3)).tooManyGroups().blocked().banned().notInContacts();
        f.fake.person(person(4)).tooManyGroups().blocked().banned();
        f.fake.person(person(5)).tooManyGroups().blocked();
        assertInstanceOf(NotRegistered.class, f.client.add(TEAM, person(1)));
        assertInstanceOf(PrivacyRestricted.class, f.client.add(TEAM, person(2)));
        assertInstanceOf(NotInContacts.class, f.client.add(TEAM, person(3)));
        assertInstanceOf(MemberBanned.class, f.client.add(TEAM, person(4)));
        assertInstanceOf(Blocked.class, f.client.add(TEAM, person(5)));
    }

    @Test
    void anUnknownGroupAndMissingRightsComeBeforeThePersonsScript() {
        FakeFixture f = withoutPrechecks();
        f.fake.person(ANNA).noAccount();
        f.fake.person(BORIS).privacyRestricted();
        f.fake.group("closed@g.us").notAdmin();
        assertInstanceOf(NotFound.class, f.client.add(GroupRef.of("nowhere@g.us"), ANNA));
        assertInstanceOf(NotFound.class, f.client.add(GroupRef.of("nowhere@g.us"), BORIS));
        assertInstanceOf(AccessDenied.class, f.client.add(GroupRef.of("closed@g.us"), ANNA));
        assertInstanceOf(AccessDenied.class, f.client.add(GroupRef.of("closed@g.us"), BORIS));
    }

    @Test
    void thePersonsScriptComesBeforeAFullGroup() {
        FakeFixture f = withoutPrechecks();
        f.fake.group(TEAM).capacity(0);
        f.fake.person(ANNA).banned();
        assertInstanceOf(MemberBanned.class, f.client.add(TEAM, ANNA));
        assertInstanceOf(GroupFull.class, f.client.add(TEAM, BORIS));
    }

    @Test
    void aPresentPersonWithoutAnAccountIsNotRegistered() {
        FakeFixture f = withoutPrechecks();
        f.fake.group(TEAM).with(ANNA);
        f.fake.person(ANNA).noAccount();
        assertInstanceOf(NotRegistered.class, f.client.add(TEAM, ANNA));
    }

    /**
     * The class javadoc lists the person's script (privacy, contacts, banned, ...) before "a present
     * person is AlreadyMember"; the fake answers AlreadyMember for a present person whatever their
     * refusals say (only "no account" comes first). This pins what it does.
     */
    @Test
    void aPresentPersonIsAlreadyAMemberWhateverTheirRefusals() {
        FakeFixture f = withoutPrechecks();
        f.fake.group(TEAM).with(ANNA);
        f.fake.person(ANNA).privacyRestricted().notInContacts().banned().blocked().tooManyGroups();
        assertInstanceOf(AlreadyMember.class, f.client.add(TEAM, ANNA));
    }

    @Test
    void noAccountIsFoundByThePrecheckAndTheAddIsNeverSent() {
        FakeFixture f = new FakeFixture();
        f.fake.person(ANNA).noAccount();
        assertInstanceOf(NotRegistered.class, f.client.add(TEAM, ANNA));
        assertEquals(1, f.fake.calls(Operation.PRECHECK).size());
        assertTrue(f.fake.calls(Operation.ADD).isEmpty());
        assertInstanceOf(Added.class, f.client.add(TEAM, BORIS), "an ordinary person passes the pre-check");
        assertEquals(List.of(Operation.PRECHECK, Operation.PRECHECK, Operation.ADD),
                f.fake.calls().stream().map(FakeCall::operation).toList());
    }

    @Test
    void theOtherRefusalsAreNotFoundByThePrecheck() {
        FakeFixture f = new FakeFixture();
        f.fake.person(ANNA).privacyRestricted();
        assertInstanceOf(PrivacyRestricted.class, f.client.add(TEAM, ANNA));
        assertEquals(1, f.fake.calls(Operation.ADD).size());
    }

    // ---- invite links and the fallback ----

    @Test
    void theInviteLinkIsTheGroupsScriptedLink() {
        FakeFixture f = withoutPrechecks();
        FakeProvider.Group team = f.fake.group(TEAM);
        assertFalse(assertInstanceOf(InviteLink.class, f.client.inviteLink(TEAM)).url().isBlank(), "a default link");
        assertSame(team, team.inviteLink("https://chat.example/join/team"));
        assertEquals("https://chat.example/join/team", assertInstanceOf(InviteLink.class, f.client.inviteLink(TEAM)).url());
        assertEquals(2, f.fake.calls(Operation.INVITE_LINK).size());
        assertThrows(NullPointerException.class, () -> team.inviteLink(null));
    }

    @Test
    void theFallbackIsOffByDefault() {
        FakeFixture f = new FakeFixture();
        f.fake.person(ANNA).privacyRestricted();
        PrivacyRestricted r = assertInstanceOf(PrivacyRestricted.class, f.client.add(TEAM, ANNA));
        assertTrue(r.inviteLink().isEmpty());
        assertTrue(f.fake.calls(Operation.INVITE_LINK).isEmpty());
    }

    @Test
    void theFallbackAttachesTheGroupsLinkToRefusalsALinkCanRemedy() {
        FakeFixture f = new FakeFixture(b -> b, p -> p.inviteFallback(InviteFallback.ATTACH_LINK));
        f.fake.group(TEAM).inviteLink("https://chat.example/join/team");
        f.fake.person(ANNA).privacyRestricted();
        f.fake.person(BORIS).notInContacts();
        PrivacyRestricted a = assertInstanceOf(PrivacyRestricted.class, f.client.add(TEAM, ANNA));
        NotInContacts b = assertInstanceOf(NotInContacts.class, f.client.add(TEAM, BORIS));
        assertEquals("https://chat.example/join/team", a.inviteLink().orElseThrow().url());
        assertEquals("https://chat.example/join/team", b.inviteLink().orElseThrow().url());
        assertFalse(a.inviteSent());
        assertTrue(f.fake.invitesSent().isEmpty());
        assertTrue(f.fake.calls(Operation.SEND_INVITE).isEmpty());
    }

    @Test
    void theFallbackSendsTheLinkWhenAskedAndTheFakeRecordsIt() {
        FakeFixture f = new FakeFixture(b -> b, p -> p.inviteFallback(InviteFallback.ATTACH_AND_SEND));
        f.fake.group(TEAM).inviteLink("https://chat.example/join/team");
        f.fake.person(ANNA).privacyRestricted();
        f.fake.person(BORIS).notInContacts();
        assertTrue(assertInstanceOf(PrivacyRestricted.class, f.client.add(TEAM, ANNA)).inviteSent());
        assertTrue(assertInstanceOf(NotInContacts.class, f.client.add(TEAM, BORIS)).inviteSent());
        assertEquals(List.of(new SentInvite(TEAM.key(), ANNA, "https://chat.example/join/team"),
                new SentInvite(TEAM.key(), BORIS, "https://chat.example/join/team")), f.fake.invitesSent());
        List<FakeCall> sends = f.fake.calls(Operation.SEND_INVITE);
        assertEquals(List.of(List.of(ANNA), List.of(BORIS)), sends.stream().map(FakeCall::members).toList());
        assertEquals(TEAM.key(), sends.get(0).groupKey());
    }

    @Test
    void refusalsALinkCannotRemedyGetNoLink() {
        FakeFixture f = new FakeFixture(b -> b, p -> p.inviteFallback(InviteFallback.ATTACH_AND_SEND));
        f.fake.person(person(1)).banned();
        f.fake.person(person(2)).blocked();
        f.fake.person(person(3)).tooManyGroups();
        f.fake.person(person(4)).noAccount();
        for (int n = 1; n <= 4; n++) {
            assertFalse(f.client.add(TEAM, person(n)).kind().isSuccess());
        }
        assertTrue(f.fake.calls(Operation.INVITE_LINK).isEmpty());
        assertTrue(f.fake.invitesSent().isEmpty());
    }

    @Test
    void aFakeThatCannotSendOnlyAttachesTheLink() {
        FakeFixture f = new FakeFixture(b -> b.without(Operation.SEND_INVITE),
                p -> p.inviteFallback(InviteFallback.ATTACH_AND_SEND));
        f.fake.person(ANNA).privacyRestricted();
        PrivacyRestricted r = assertInstanceOf(PrivacyRestricted.class, f.client.add(TEAM, ANNA));
        assertTrue(r.inviteLink().isPresent());
        assertFalse(r.inviteSent());
        assertTrue(f.fake.calls(Operation.SEND_INVITE).isEmpty());
        assertTrue(f.fake.invitesSent().isEmpty());
    }

    @Test
    void invitesSentIsACopy() {
        FakeFixture f = new FakeFixture(b -> b, p -> p.inviteFallback(InviteFallback.ATTACH_AND_SEND));
        f.fake.person(ANNA).privacyRestricted();
        f.fake.person(BORIS).privacyRestricted();
        f.client.add(TEAM, ANNA);
        List<SentInvite> sent = f.fake.invitesSent();
        assertThrows(UnsupportedOperationException.class, () -> sent.clear());
        f.client.add(TEAM, BORIS);
        assertEquals(1, sent.size());
        assertEquals(2, f.fake.invitesSent().size());
    }

    // ---- the account's groups ----

    @Test
    void theGroupsListingHasEveryGroupByTitleThenId() {
        FakeFixture f = withoutPrechecks();   // TEAM, titled by its id
        f.fake.group("b@g.us").title("beta").with(ANNA, BORIS);
        f.fake.group("a2@g.us").title("Alpha");
        f.fake.group("a1@g.us").title("alpha").notAdmin();
        Groups all = assertInstanceOf(Groups.class, f.client.groups(GroupsPage.first()));
        assertEquals(List.of("a1@g.us", "a2@g.us", "b@g.us", "team@g.us"),
                all.groups().stream().map(g -> g.group().key()).toList(), "case-blind title, then id");
        assertEquals(List.of("alpha", "Alpha", "beta", "team@g.us"), all.groups().stream().map(GroupInfo::title).toList());
        assertEquals(List.of(OptionalInt.of(0), OptionalInt.of(0), OptionalInt.of(2), OptionalInt.of(0)),
                all.groups().stream().map(GroupInfo::memberCount).toList());
        assertEquals(List.of(GroupInfo.AddRight.NO, GroupInfo.AddRight.YES, GroupInfo.AddRight.YES, GroupInfo.AddRight.YES),
                all.groups().stream().map(GroupInfo::addRight).toList());
        assertTrue(all.next().isEmpty());

        FakeCall call = f.fake.calls(Operation.GROUPS).get(0);
        assertEquals("", call.groupKey(), "a listing of the account's groups has no group");
        assertTrue(call.members().isEmpty());
    }

    @Test
    void theGroupsListingComesInPagesWhoseCursorsAreOffsets() {
        FakeFixture f = withoutPrechecks();
        for (int i = 0; i < 4; i++) {
            f.fake.group("g" + i + "@g.us").title("Group " + i);
        }
        // five groups: Group 0..3, then team@g.us
        Groups first = assertInstanceOf(Groups.class, f.client.groups(GroupsPage.first().limit(2)));
        assertEquals(List.of("Group 0", "Group 1"), first.groups().stream().map(GroupInfo::title).toList());
        assertEquals("2", first.next().orElseThrow());
        Groups second = assertInstanceOf(Groups.class, f.client.groups(GroupsPage.after(first.next().get()).limit(2)));
        assertEquals(List.of("Group 2", "Group 3"), second.groups().stream().map(GroupInfo::title).toList());
        Groups last = assertInstanceOf(Groups.class, f.client.groups(GroupsPage.after(second.next().orElseThrow()).limit(2)));
        assertEquals(List.of("team@g.us"), last.groups().stream().map(GroupInfo::title).toList());
        assertTrue(last.next().isEmpty());
        Groups past = assertInstanceOf(Groups.class, f.client.groups(GroupsPage.after("9")));
        assertTrue(past.groups().isEmpty());
        assertTrue(past.next().isEmpty());
        assertEquals(4, f.fake.calls(Operation.GROUPS).size());
    }

    @Test
    void everyGroupAcrossPages() {
        FakeFixture f = withoutPrechecks();
        for (int i = 0; i < GroupsPage.MAX_LIMIT; i++) {
            f.fake.group(String.format("g%04d@g.us", i));
        }
        Groups all = assertInstanceOf(Groups.class, f.client.groups());
        assertEquals(GroupsPage.MAX_LIMIT + 1, all.groups().size());
        assertEquals(2, f.fake.calls(Operation.GROUPS).size(), "two pages of " + GroupsPage.MAX_LIMIT);
    }

    @Test
    void aCursorTheFakeDidNotGiveIsTheCallersBug() {
        FakeFixture f = withoutPrechecks();
        assertThrows(IllegalArgumentException.class, () -> f.client.groups(GroupsPage.after("page-2")));
        assertThrows(IllegalArgumentException.class, () -> f.client.groups(GroupsPage.after("-1")));
        assertTrue(f.fake.calls().isEmpty());
    }

    // ---- recorded calls ----

    @Test
    void everyCallIsRecordedInOrderWithItsGroupPeopleAttemptAndArrival() {
        FakeFixture f = new FakeFixture(b -> b.latency(Duration.ofMillis(100)), p -> p);
        f.fake.failNext(Operation.ADD, 1, FakeFault.unavailable());
        f.client.add(TEAM, ANNA);
        f.client.members(TEAM);
        f.client.inviteLink(TEAM);
        f.client.remove(TEAM, ANNA);
        long ms = 1_000_000;
        assertEquals(List.of(
                new FakeCall(Operation.PRECHECK, TEAM.key(), List.of(ANNA), 1, 0),
                new FakeCall(Operation.ADD, TEAM.key(), List.of(ANNA), 1, 100 * ms),
                new FakeCall(Operation.ADD, TEAM.key(), List.of(ANNA), 2, 1200 * ms),   // after 1 s of backoff
                new FakeCall(Operation.MEMBERS, TEAM.key(), List.of(), 1, 1300 * ms),
                new FakeCall(Operation.INVITE_LINK, TEAM.key(), List.of(), 1, 1400 * ms),
                new FakeCall(Operation.REMOVE, TEAM.key(), List.of(ANNA), 1, 1500 * ms)), f.fake.calls());
        assertEquals(List.of(Operation.ADD, Operation.ADD),
                f.fake.calls(Operation.ADD).stream().map(FakeCall::operation).toList());
        assertTrue(f.fake.calls(Operation.GROUPS).isEmpty());
    }

    @Test
    void callsAreACopy() {
        FakeFixture f = withoutPrechecks();
        f.client.add(TEAM, ANNA);
        List<FakeCall> calls = f.fake.calls();
        List<FakeCall> adds = f.fake.calls(Operation.ADD);
        assertThrows(UnsupportedOperationException.class, () -> calls.clear());
        assertThrows(UnsupportedOperationException.class, () -> adds.clear());
        f.client.add(TEAM, BORIS);
        assertEquals(1, calls.size());
        assertEquals(1, adds.size());
        assertEquals(2, f.fake.calls().size());
    }

    @Test
    void aFakeCallCopiesItsPeopleAndRefusesNulls() {
        List<Member> people = new ArrayList<>(List.of(ANNA));
        FakeCall call = new FakeCall(Operation.ADD, "g", people, 1, 0);
        people.add(BORIS);
        assertEquals(List.of(ANNA), call.members());
        assertThrows(UnsupportedOperationException.class, () -> call.members().add(BORIS));
        assertThrows(NullPointerException.class, () -> new FakeCall(null, "g", List.of(), 1, 0));
        assertThrows(NullPointerException.class, () -> new FakeCall(Operation.ADD, null, List.of(), 1, 0));
    }

    // ---- the builder ----

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        FakeProvider fake = FakeProvider.builder().build();
        assertEquals("fake", fake.name());
        assertEquals(EnumSet.allOf(MemberKind.class), fake.capabilities().memberKinds());
        assertEquals(Set.of(Operation.ADD, Operation.REMOVE, Operation.INVITE_LINK, Operation.MEMBERS, Operation.GROUPS,
                Operation.PRECHECK, Operation.SEND_INVITE, Operation.JOIN_REQUESTS, Operation.DECIDE_JOIN_REQUEST,
                Operation.DECIDE_ALL_JOIN_REQUESTS), fake.capabilities().operations());
        assertEquals(1, fake.capabilities().maxBatchSize(), "no batches");
        for (Operation op : Operation.values()) {
            assertTrue(fake.rateLimits(op).isEmpty(), op + " has no rate limit");
        }
    }

    @Test
    void theNameIsTheProvidersNameInOutcomes() {
        FakeFixture f = new FakeFixture(b -> b.name("whatsapp-fake"), p -> p);
        assertEquals("whatsapp-fake", f.client.provider());
        assertEquals("whatsapp-fake", f.client.add(TEAM, ANNA).detail().provider());
        f.fake.failNext(Operation.ADD, 1, FakeFault.spamLimited());
        assertEquals("whatsapp-fake", f.client.add(TEAM, BORIS).detail().provider());
    }

    @Test
    void latencyIsHowLongEachCallTakesOnTheGivenClock() {
        FakeFixture f = new FakeFixture(b -> b.latency(Duration.ofSeconds(2)), p -> p);
        f.client.add(TEAM, ANNA);   // a pre-check and an add
        assertEquals(Duration.ofSeconds(4), f.time.elapsed());
        f.client.members(TEAM);
        assertEquals(Duration.ofSeconds(6), f.time.elapsed());
    }

    @Test
    void virtualTimeMeansAnHourOfLatencyTakesNoRealTime() {
        FakeFixture f = new FakeFixture(b -> b.latency(Duration.ofHours(1)), p -> p.attemptTimeout(Duration.ofHours(2)));
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            f.client.add(TEAM, person(i));
        }
        assertEquals(Duration.ofHours(20), f.time.elapsed());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(2).toNanos(), "twenty virtual hours, no real wait");
    }

    @Test
    void memberKindsLimitWhoTheClientAccepts() {
        FakeFixture f = new FakeFixture(b -> b.memberKinds(MemberKind.USER_ID), p -> p);
        assertEquals(Set.of(MemberKind.USER_ID), f.client.capabilities().memberKinds());
        assertThrows(IllegalArgumentException.class, () -> f.client.add(TEAM, ANNA));
        assertInstanceOf(Added.class, f.client.add(TEAM, Member.userId(42)));
        assertEquals(1, f.fake.calls(Operation.ADD).size());
    }

    @Test
    void withoutAnOperationTheClientAnswersUnsupportedAndTheFakeIsNotCalled() {
        FakeFixture f = new FakeFixture(b -> b.without(Operation.REMOVE, Operation.INVITE_LINK, Operation.MEMBERS,
                Operation.GROUPS), p -> p);
        assertFalse(f.client.capabilities().supports(Operation.REMOVE));
        assertInstanceOf(Unsupported.class, f.client.remove(TEAM, ANNA));
        assertInstanceOf(Unsupported.class, f.client.inviteLink(TEAM));
        assertInstanceOf(Unsupported.class, f.client.members(TEAM));
        assertInstanceOf(Unsupported.class, f.client.groups(GroupsPage.first()));
        assertTrue(f.fake.calls().isEmpty());
    }

    @Test
    void withoutPrechecksTheAddItselfSaysNoAccount() {
        FakeFixture f = new FakeFixture(b -> b.without(Operation.PRECHECK), p -> p);
        f.fake.person(ANNA).noAccount();
        assertInstanceOf(NotRegistered.class, f.client.add(TEAM, ANNA));
        assertEquals(List.of(Operation.ADD), f.fake.calls().stream().map(FakeCall::operation).toList());
    }

    @Test
    void aDeclaredRateLimitIsKeptByGroupKitsPacing() {
        RateLimit twoPerSecond = RateLimit.perSecond("adds", 2);
        FakeFixture f = new FakeFixture(b -> b.rateLimit(Operation.ADD, twoPerSecond), p -> p.prechecks(Prechecks.OFF));
        assertEquals(List.of(twoPerSecond), f.fake.rateLimits(Operation.ADD));
        assertTrue(f.fake.rateLimits(Operation.REMOVE).isEmpty());
        for (int i = 0; i < 4; i++) {
            f.client.add(TEAM, person(i));
        }
        assertEquals(List.of(Duration.ZERO, Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMillis(1500)),
                f.arrivals(Operation.ADD));
    }

    @Test
    void theBuilderRefusesNulls() {
        FakeProvider.Builder b = FakeProvider.builder();
        assertThrows(NullPointerException.class, () -> b.name(null));
        assertThrows(NullPointerException.class, () -> b.time(null));
        assertThrows(NullPointerException.class, () -> b.latency(null));
        FakeProvider fake = b.build();
        assertThrows(NullPointerException.class, () -> fake.group((String) null));
        assertThrows(NullPointerException.class, () -> fake.group((GroupRef) null));
        assertThrows(NullPointerException.class, () -> fake.person(null));
        assertThrows(NullPointerException.class, () -> fake.group("g").title(null));
    }

    // ---- the conformance kit's script ----

    @Test
    void theScriptForTheConformanceKitCarriesOutEachOffer() {
        FakeFixture f = withoutPrechecks();
        ScriptedAccount script = f.fake.script();
        assertTrue(script.loseNextAddAnswerAfterApplying());
        assertEquals(Confirmation.MEMBERSHIP_CHECK,
                assertInstanceOf(Added.class, f.client.add(TEAM, ANNA)).confirmedBy());
        assertEquals(1, f.callsFor(Operation.ADD, ANNA));

        assertTrue(script.loseNextAddAnswerBeforeApplying());
        assertInstanceOf(Added.class, f.client.add(TEAM, BORIS));
        assertEquals(2, f.callsFor(Operation.ADD, BORIS), "verified absent, sent again");

        assertTrue(script.refuseNextAddTransiently());
        assertInstanceOf(Added.class, f.client.add(TEAM, CLARA));
        assertEquals(2, f.callsFor(Operation.ADD, CLARA));

        Runnable release = script.holdNextAdd().orElseThrow();
        var held = f.client.addAsync(TEAM, person(9));
        assertFalse(held.isDone());
        release.run();
        assertInstanceOf(Added.class, held.join());
        assertEquals(List.of(ANNA, BORIS, CLARA, person(9)), f.fake.membersOf(TEAM));
    }

    // ---- determinism and what is printed ----

    @Test
    void theSameScriptGivesTheSameCallsAndOutcomes() {
        assertEquals(scriptedRun(), scriptedRun());
    }

    private static List<Object> scriptedRun() {
        FakeFixture f = new FakeFixture(b -> b.latency(Duration.ofMillis(30)), p -> p.inviteFallback(InviteFallback.ATTACH_AND_SEND));
        f.fake.failNext(Operation.ADD, 2, FakeFault.unavailable());
        f.fake.person(BORIS).privacyRestricted();
        f.fake.person(CLARA).failNext(1, FakeFault.answerLostBeforeApplying());
        List<AddResult> outcomes = List.of(f.client.add(TEAM, ANNA), f.client.add(TEAM, BORIS), f.client.add(TEAM, CLARA));
        return List.of(outcomes, f.fake.calls(), f.fake.invitesSent(), f.fake.membersOf(TEAM), f.time.elapsed());
    }

    @Test
    void nothingTheFakePrintsShowsAPhoneNumber() {
        FakeFixture f = new FakeFixture(b -> b, p -> p.inviteFallback(InviteFallback.ATTACH_AND_SEND));
        Member secret = Member.phone("+7 912 345-67-89");
        f.fake.person(secret).privacyRestricted();
        f.client.add(TEAM, secret);
        f.fake.group(TEAM).with(ANNA);
        String printed = String.join("\n", f.fake.toString(), f.fake.group(TEAM).toString(), f.fake.calls().toString(),
                f.fake.invitesSent().toString(), f.fake.membersOf(TEAM).toString());
        assertFalse(f.fake.invitesSent().isEmpty());
        for (String digits : List.of("79123456789", "9123456789", "3456789", "79000000001")) {
            assertFalse(printed.contains(digits), () -> digits + " in:\n" + printed);
        }
        assertTrue(f.fake.toString().contains("fake"), f.fake.toString());
    }

    private static Member person(int n) {
        return FakeFixture.person(n);
    }
}
