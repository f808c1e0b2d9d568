package io.groupkit.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.AccessDenied;
import io.groupkit.core.GroupMember;
import io.groupkit.core.Member;
import io.groupkit.core.MemberRole;
import io.groupkit.core.Members;
import io.groupkit.core.NotFound;
import io.groupkit.core.Removed;
import io.groupkit.testkit.telegram.ServerFault;
import io.groupkit.testkit.telegram.TelegramSimulator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Listing members: a basic group from messages.getFullChat, a supergroup page by page. */
class MembersTest {

    private static Map<String, MemberRole> roles(Members m) {
        return m.members().stream().collect(Collectors.toMap(g -> g.member().value(), GroupMember::role));
    }

    private static long calls(Fixture f, String method) {
        return f.sim.calls().stream().filter(method::equals).count();
    }

    @Test
    void aBasicGroupListsEveryMemberWithTheirRoleInOneCall() {
        try (Fixture f = new Fixture()) {
            f.client.add(f.basic, Fixture.person(101));
            f.client.add(f.basic, Fixture.person(102));
            f.sim.promote(Fixture.CHAT, 102);
            Members m = assertInstanceOf(Members.class, f.client.members(f.basic));
            assertEquals(Map.of("1000", MemberRole.OWNER, "101", MemberRole.MEMBER, "102", MemberRole.ADMIN), roles(m));
            assertTrue(m.members().stream().allMatch(g -> g.member().kind() == io.groupkit.core.MemberKind.USER_ID));
            assertEquals(1, calls(f, "messages.getFullChat"));
        }
    }

    @Test
    void aLargeSupergroupIsListedPageByPage() {
        try (Fixture f = new Fixture()) {
            long[] people = new long[449];
            for (int i = 0; i < people.length; i++) {
                people[i] = 10_000 + i;
                f.sim.user(people[i], null, null);
            }
            f.sim.supergroup(7100, people).promote(7100, 10_001).restrict(7100, 10_002).kick(7100, 10_003);
            TelegramGroup big = TelegramGroup.supergroup(7100, f.sim.channelAccessHash(7100));
            Members m = assertInstanceOf(Members.class, f.client.members(big));
            assertEquals(449, m.members().size(), "the account and 448 people (one was kicked)");
            assertEquals(3, calls(f, "channels.getParticipants"), "pages of 200, 200 and 49");
            Map<String, MemberRole> roles = roles(m);
            assertEquals(MemberRole.OWNER, roles.get("1000"));
            assertEquals(MemberRole.ADMIN, roles.get("10001"));
            assertEquals(MemberRole.MEMBER, roles.get("10002"), "a restricted member is still a member");
            assertFalse(roles.containsKey("10003"), "a kicked person is no member");
            assertEquals(m.members().size(), roles.size(), "nobody twice");
        }
    }

    @Test
    void aListedMemberCanBeRemovedByIdAlone() {
        try (Fixture f = new Fixture()) {
            f.client.add(f.supergroup, Fixture.person(150));
            // A fresh client that never resolved the person learns the access hash from the listing.
            TelegramClient fresh = Telegram.builder().session(TelegramSession.fromTelethon(f.sim.sessionString()))
                    .apiId(Fixture.API_ID).policies(Fixture.policies(f.time).build()).build();
            try (fresh) {
                assertInstanceOf(NotFound.class, fresh.remove(f.supergroup, Member.userId("150")),
                        "without a listing no access hash is known");
                assertInstanceOf(Members.class, fresh.members(f.supergroup));
                assertInstanceOf(Removed.class, fresh.remove(f.supergroup, Member.userId("150")));
                assertFalse(f.sim.members(Fixture.CHANNEL).contains(150L));
            }
        }
    }

    @Test
    void aGroupTheAccountIsNotInShowsNoMembers() {
        try (Fixture f = new Fixture()) {
            f.client.leave(f.basic);
            AccessDenied basic = assertInstanceOf(AccessDenied.class, f.client.members(f.basic));
            assertEquals("CHAT_PARTICIPANTS_FORBIDDEN", basic.detail().code());
            f.client.leave(f.supergroup);
            AccessDenied channel = assertInstanceOf(AccessDenied.class, f.client.members(f.supergroup));
            assertEquals("CHANNEL_PRIVATE", channel.detail().code());
        }
    }

    @Test
    void aBatchOfLostBasicGroupAddsIsSettledWithOneListing() {
        try (Fixture f = new Fixture()) {
            f.client.add(f.basic, Fixture.person(100));
            f.sim.fault(new ServerFault.DropAfterApplying());
            f.sim.fault(new ServerFault.DropAfterApplying());
            List<Member> two = List.of(f.known(110), f.known(111));
            var report = f.client.addAll(f.basic, two);
            assertEquals(2, report.count(io.groupkit.core.OutcomeKind.ADDED), () -> "counts: " + report.counts());
            assertTrue(f.sim.members(Fixture.CHAT).containsAll(List.of(110L, 111L)));
            assertEquals(3, calls(f, "messages.addChatUser"), "nobody added twice");
        }
    }
}
