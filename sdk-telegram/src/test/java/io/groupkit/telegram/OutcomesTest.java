package io.groupkit.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.ActionResult;
import io.groupkit.core.AddResult;
import io.groupkit.core.Added;
import io.groupkit.core.AlreadyMember;
import io.groupkit.core.BulkOptions;
import io.groupkit.core.BulkReport;
import io.groupkit.core.GroupFull;
import io.groupkit.core.InviteLink;
import io.groupkit.core.Member;
import io.groupkit.core.MemberBanned;
import io.groupkit.core.NotFound;
import io.groupkit.core.NotInContacts;
import io.groupkit.core.NotMember;
import io.groupkit.core.NotRegistered;
import io.groupkit.core.Outcome;
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.PrivacyRestricted;
import io.groupkit.core.RemoveResult;
import io.groupkit.core.Removed;
import io.groupkit.core.SpamLimited;
import io.groupkit.core.Unavailable;
import io.groupkit.testkit.telegram.ServerFault;
import io.groupkit.testkit.telegram.TelegramSimulator;
import io.groupkit.testkit.telegram.TelegramSimulator.Privacy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every documented answer becomes the right outcome, with the numbers and flags it carries. */
@Order(2)
class OutcomesTest {

    @ParameterizedTest(name = "{0}: {1} {2} -> {3}")
    @CsvSource({
            "add-basic, 400, BOT_GROUPS_BLOCKED, ACCESS_DENIED",
            "add-basic, 400, CHAT_ID_INVALID, NOT_FOUND",
            "add-basic, 400, CHAT_INVALID, NOT_FOUND",
            "add-basic, 400, CHAT_MEMBER_ADD_FAILED, NOT_ADDED",
            "add-basic, 400, INPUT_USER_DEACTIVATED, NOT_FOUND",
            "add-basic, 400, MSG_ID_INVALID, UNRECOGNIZED",
            "add-basic, 400, PEER_ID_INVALID, NOT_FOUND",
            "add-basic, 400, USERS_TOO_MUCH, GROUP_FULL",
            "add-basic, 400, USER_ALREADY_PARTICIPANT, ALREADY_MEMBER",
            "add-basic, 400, USER_ID_INVALID, NOT_FOUND",
            "add-basic, 400, USER_IS_BLOCKED, BLOCKED",
            "add-basic, 400, YOU_BLOCKED_USER, BLOCKED",
            "add-basic, 400, CHAT_ADMIN_REQUIRED, ACCESS_DENIED",
            "add-basic, 403, CHAT_WRITE_FORBIDDEN, ACCESS_DENIED",
            "add-basic, 400, USER_NOT_MUTUAL_CONTACT, NOT_IN_CONTACTS",
            "add-basic, 403, USER_PRIVACY_RESTRICTED, PRIVACY_RESTRICTED",
            "add-basic, 400, PEER_FLOOD, SPAM_LIMITED",
            "add-basic, 401, AUTH_KEY_UNREGISTERED, UNAUTHORIZED",
            "add-basic, 401, SESSION_REVOKED, UNAUTHORIZED",
            "add-basic, 406, AUTH_KEY_DUPLICATED, UNAUTHORIZED",
            "add-basic, 420, FLOOD_WAIT_86400, RATE_LIMITED",
            "add-basic, 420, FLOOD_PREMIUM_WAIT_900, RATE_LIMITED",
            "add-basic, 420, SLOWMODE_WAIT_600, RATE_LIMITED",
            "add-basic, 401, SESSION_EXPIRED, UNAUTHORIZED",
            "add-basic, 401, AUTH_KEY_INVALID, UNAUTHORIZED",
            "add-basic, 401, USER_DEACTIVATED, UNAUTHORIZED",
            "add-basic, 401, USER_DEACTIVATED_BAN, UNAUTHORIZED",
            "add-basic, 403, RIGHT_FORBIDDEN, ACCESS_DENIED",
            "add-basic, 400, USERNAME_INVALID, NOT_FOUND",
            "add-basic, 400, USERNAME_NOT_OCCUPIED, NOT_FOUND",
            "add-basic, 400, PHONE_NOT_OCCUPIED, NOT_REGISTERED",
            "add-basic, 400, SOMETHING_NEW_IN_LAYER_300, UNRECOGNIZED",
            "add-supergroup, 400, BOTS_TOO_MUCH, GROUP_FULL",
            "add-supergroup, 400, CHANNEL_INVALID, NOT_FOUND",
            "add-supergroup, 406, CHANNEL_PRIVATE, ACCESS_DENIED",
            "add-supergroup, 400, USER_BANNED_IN_CHANNEL, ACCESS_DENIED",
            "add-supergroup, 400, USER_BLOCKED, BLOCKED",
            "add-supergroup, 400, USER_BOT, ACCESS_DENIED",
            "add-supergroup, 400, USER_KICKED, MEMBER_BANNED",
            "add-supergroup, 400, USER_CHANNELS_TOO_MUCH, TOO_MANY_GROUPS",
            "add-supergroup, 400, CHANNELS_TOO_MUCH, ACCESS_DENIED",
            "remove, 400, USER_NOT_PARTICIPANT, NOT_MEMBER",
            "remove, 400, CHAT_ADMIN_REQUIRED, ACCESS_DENIED",
            "remove, 400, CHAT_ID_INVALID, NOT_FOUND",
            "remove, 400, INPUT_USER_DEACTIVATED, NOT_FOUND",
            "remove, 400, PEER_ID_INVALID, NOT_FOUND",
            "remove, 400, USER_ID_INVALID, NOT_FOUND",
            "remove, 400, PARTICIPANT_ID_INVALID, NOT_FOUND",
            "remove, 400, USER_ADMIN_INVALID, ACCESS_DENIED",
            "remove, 403, CHAT_WRITE_FORBIDDEN, ACCESS_DENIED",
            "remove, 400, BANNED_RIGHTS_INVALID, UNRECOGNIZED",
            "invite-link, 400, CHAT_ADMIN_REQUIRED, ACCESS_DENIED",
            "invite-link, 400, EXPIRE_DATE_INVALID, UNRECOGNIZED",
            "invite-link, 400, USAGE_LIMIT_INVALID, UNRECOGNIZED",
            "invite-link, 406, CHANNEL_PRIVATE, ACCESS_DENIED",
            "invite-link, 400, PEER_ID_INVALID, NOT_FOUND",
    })
    void everyDocumentedErrorIsItsOutcome(String call, int code, String message, OutcomeKind expected) {
        try (Fixture f = new Fixture()) {
            f.sim.fault(new ServerFault.RpcError(code, message));
            Outcome r = switch (call) {
                case "add-basic" -> f.client.add(f.basic, f.known(101));
                case "add-supergroup" -> f.client.add(f.supergroup, f.known(101));
                case "remove" -> f.client.remove(f.basic, f.known(101));
                default -> f.client.inviteLink(f.supergroup);
            };
            assertEquals(expected, r.kind(), r::toString);
            assertEquals(message, r.detail().code());
            assertEquals(code, r.detail().status().orElseThrow());
            assertFalse(r.remedy().isBlank());
        }
    }

    @Test
    void aSupergroupIdOnABasicGroupCallSaysWhatToUseInstead() {
        try (Fixture f = new Fixture()) {
            AddResult r = f.client.add(TelegramGroup.basic(Fixture.CHANNEL), f.known(101));
            NotFound nf = assertInstanceOf(NotFound.class, r);
            assertEquals(NotFound.Subject.GROUP, nf.subject());
            assertTrue(r.remedy().contains("TelegramGroup.supergroup"), r.remedy());
        }
    }

    @Test
    void floodWaitCarriesItsSeconds() {
        try (Fixture f = new Fixture()) {
            f.sim.fault(new ServerFault.RpcError(420, "FLOOD_WAIT_7200"));
            var r = assertInstanceOf(io.groupkit.core.RateLimited.class, f.client.add(f.basic, f.known(101)));
            assertEquals(Duration.ofSeconds(7200), r.retryAfter().orElseThrow());
        }
    }

    @Test
    void anInternalErrorIsRetriedAndUnavailableWhenItPersists() {
        try (Fixture f = new Fixture()) {
            f.sim.fault(new ServerFault.RpcError(500, "INTERDC_2_CALL_ERROR"));
            assertInstanceOf(Added.class, f.client.add(f.basic, f.known(101)), "one 500, then the retry succeeds");
            for (int i = 0; i < 4; i++) {
                f.sim.fault(new ServerFault.RpcError(500, "SOMETHING_INTERNAL"));
            }
            AddResult r = f.client.add(f.basic, f.known(102));
            assertInstanceOf(Unavailable.class, r, "unknown 500s are treated as transient");
            assertTrue(r.retryable());
        }
    }

    @Test
    void privacySettingsArriveAsMissingInviteesWithBothPremiumFlags() {
        try (Fixture f = new Fixture()) {
            f.sim.privacy(101, Privacy.RESTRICTED).privacy(102, Privacy.PREMIUM_WOULD_ALLOW_INVITE)
                    .privacy(103, Privacy.PREMIUM_REQUIRED_FOR_PM);
            for (TelegramGroup g : List.of(f.basic, f.supergroup)) {
                PrivacyRestricted plain = assertInstanceOf(PrivacyRestricted.class, f.client.add(g, Fixture.person(101)));
                assertFalse(plain.premiumWouldAllowInvite());
                assertFalse(plain.premiumRequiredForPm());
                PrivacyRestricted premium = assertInstanceOf(PrivacyRestricted.class, f.client.add(g, Fixture.person(102)));
                assertTrue(premium.premiumWouldAllowInvite());
                assertFalse(premium.premiumRequiredForPm());
                assertTrue(premium.remedy().contains("Premium"));
                PrivacyRestricted pm = assertInstanceOf(PrivacyRestricted.class, f.client.add(g, Fixture.person(103)));
                assertFalse(pm.premiumWouldAllowInvite());
                assertTrue(pm.premiumRequiredForPm());
                assertEquals("MISSING_INVITEE", pm.detail().code());
            }
            assertEquals(1, f.sim.members(Fixture.CHAT).size(), "nobody was added");
        }
    }

    @Test
    void theServersOwnRefusalsMapLikeTheScriptedOnes() {
        try (Fixture f = new Fixture()) {
            f.sim.privacy(101, Privacy.MUTUAL_CONTACTS_ONLY).deactivate(102).kick(Fixture.CHANNEL, 103)
                    .refuseAdds(104, 400, "USER_CHANNELS_TOO_MUCH");
            assertInstanceOf(NotInContacts.class, f.client.add(f.basic, Fixture.person(101)));
            NotFound deleted = assertInstanceOf(NotFound.class, f.client.add(f.basic, Fixture.person(102)));
            assertEquals(NotFound.Subject.MEMBER, deleted.subject());
            assertInstanceOf(MemberBanned.class, f.client.add(f.supergroup, Fixture.person(103)));
            assertEquals(OutcomeKind.TOO_MANY_GROUPS, f.client.add(f.supergroup, Fixture.person(104)).kind());
            assertInstanceOf(Added.class, f.client.add(f.basic, Fixture.person(105)));
            assertInstanceOf(AlreadyMember.class, f.client.add(f.basic, Fixture.person(105)));
            f.sim.capacity(Fixture.CHAT, 2);
            assertInstanceOf(GroupFull.class, f.client.add(f.basic, Fixture.person(106)));
            f.sim.notAdmin(Fixture.CHANNEL);
            assertEquals(OutcomeKind.ACCESS_DENIED, f.client.add(f.supergroup, Fixture.person(107)).kind());
        }
    }

    @Test
    void peopleAreFoundByUsernamePhoneOrIdWithHash() {
        try (Fixture f = new Fixture()) {
            assertInstanceOf(Added.class, f.client.add(f.basic, Fixture.phone(101)));
            assertInstanceOf(Added.class, f.client.add(f.basic, Fixture.person(102)));
            assertInstanceOf(Added.class, f.client.add(f.basic, f.known(103)));
            assertInstanceOf(Added.class, f.client.add(f.supergroup, Member.userId(102)), "resolved before, hash remembered");
            NotFound unknownHash = assertInstanceOf(NotFound.class, f.client.add(f.basic, Member.userId(104)));
            assertTrue(unknownHash.remedy().contains("accessHash"), unknownHash.remedy());
            assertEquals(List.of(TelegramSimulator.SELF, 101L, 102L, 103L), List.copyOf(f.sim.members(Fixture.CHAT)));
            long resolves = f.sim.calls().stream().filter(c -> c.startsWith("contacts.")).count();
            f.client.add(f.supergroup, Fixture.person(102));
            assertEquals(resolves, f.sim.calls().stream().filter(c -> c.startsWith("contacts.")).count(),
                    "a resolved username is not resolved again");
        }
    }

    @Test
    void unknownPeopleAreNotRegisteredOrNotFoundAndNothingIsSent() {
        try (Fixture f = new Fixture()) {
            assertInstanceOf(NotRegistered.class, f.client.add(f.basic, Member.phone("+12015559999")));
            NotFound nobody = assertInstanceOf(NotFound.class, f.client.add(f.basic, Member.username("nobody_here")));
            assertEquals(NotFound.Subject.MEMBER, nobody.subject());
            assertEquals(0, f.sim.calls().stream().filter("messages.addChatUser"::equals).count());
        }
    }

    @Test
    void removesFromBothKindsOfGroupAndLiftsTheSupergroupBan() {
        try (Fixture f = new Fixture()) {
            f.client.add(f.basic, Fixture.person(101));
            f.client.add(f.supergroup, Fixture.person(101));
            assertInstanceOf(Removed.class, f.client.remove(f.basic, Fixture.person(101)));
            assertInstanceOf(NotMember.class, f.client.remove(f.basic, Fixture.person(101)));
            assertInstanceOf(Removed.class, f.client.remove(f.supergroup, Fixture.person(101)));
            assertFalse(f.sim.members(Fixture.CHANNEL).contains(101L));
            assertFalse(f.sim.isKicked(Fixture.CHANNEL, 101), "the ban is lifted so they may come back by link");
            assertInstanceOf(NotMember.class, f.client.remove(f.supergroup, Fixture.person(101)));
            assertInstanceOf(Added.class, f.client.add(f.supergroup, Fixture.person(101)), "and can be added again");
        }
    }

    @Test
    void aBanThatCannotBeLiftedIsSaid() {
        try (Fixture f = new Fixture()) {
            f.client.add(f.supergroup, f.known(101));
            // Faults are used one per call: getParticipant and the ban are answered (packed), the unban refused.
            f.sim.fault(new ServerFault.GzipAnswer());
            f.sim.fault(new ServerFault.GzipAnswer());
            f.sim.fault(new ServerFault.RpcError(400, "CHAT_ADMIN_REQUIRED")); // the unban
            RemoveResult r = f.client.remove(f.supergroup, f.known(101));
            assertInstanceOf(Removed.class, r);
            assertEquals("REMOVED_STILL_BANNED", r.detail().code());
            assertTrue(f.sim.isKicked(Fixture.CHANNEL, 101));
        }
    }

    @Test
    void inviteLinksCarryExpiryAndUsageLimitAndLetPeopleJoin() {
        try (Fixture f = new Fixture(b -> b.inviteLinkExpiry(Duration.ofDays(7)).inviteLinkUsageLimit(25))) {
            InviteLink link = assertInstanceOf(InviteLink.class, f.client.inviteLink(f.supergroup));
            assertTrue(link.url().startsWith("https://t.me/+"), link.url());
            assertEquals(f.time.now().plus(Duration.ofDays(7)).getEpochSecond(), link.expiresAt().orElseThrow().getEpochSecond());
            assertEquals(25, link.usageLimit().orElseThrow());
            assertTrue(f.sim.join(link.url(), 150));
            assertTrue(f.sim.members(Fixture.CHANNEL).contains(150L));
            InviteLink basic = assertInstanceOf(InviteLink.class, f.client.inviteLink(f.basic));
            assertTrue(basic.url().startsWith("https://t.me/+"));
        }
        try (Fixture f = new Fixture()) {
            InviteLink open = assertInstanceOf(InviteLink.class, f.client.inviteLink(f.basic));
            assertTrue(open.expiresAt().isEmpty());
            assertTrue(open.usageLimit().isEmpty());
        }
    }

    @Test
    void peerFloodStopsABulkRunAndTheRestIsNotAttempted() {
        try (Fixture f = new Fixture()) {
            List<Member> people = new ArrayList<>();
            for (long n = 101; n <= 110; n++) {
                people.add(f.known(n));
            }
            f.sim.refuseAdds(104, 400, "PEER_FLOOD");
            BulkReport report = f.client.addAll(f.basic, people, BulkOptions.defaults().concurrency(1));
            assertInstanceOf(SpamLimited.class, report.stoppedBy().orElseThrow());
            assertEquals(6, report.notAttempted().size());
            assertEquals(3, f.sim.members(Fixture.CHAT).size() - 1);
        }
    }

    @Test
    void theAccountLeavesBothKindsOfGroup() {
        try (Fixture f = new Fixture()) {
            f.sim.notAdmin(Fixture.CHAT);
            assertEquals(OutcomeKind.DONE, f.client.leave(f.basic).kind(), "leaving needs no admin rights");
            assertEquals(OutcomeKind.DONE, f.client.leave(f.supergroup).kind());
            assertFalse(f.sim.members(Fixture.CHAT).contains(TelegramSimulator.SELF));
            assertFalse(f.sim.members(Fixture.CHANNEL).contains(TelegramSimulator.SELF));
            ActionResult again = f.client.leave(f.supergroup);
            assertEquals(OutcomeKind.DONE, again.kind(), "leaving twice: the account is out, as wanted");
            assertEquals("USER_NOT_PARTICIPANT", again.detail().code());
            assertEquals(OutcomeKind.NOT_FOUND, f.client.leave(TelegramGroup.basic(999_999)).kind());
        }
    }

    @Test
    void checkSaysWhetherTheSessionWorks() {
        try (Fixture f = new Fixture()) {
            assertEquals(OutcomeKind.ACCOUNT_STATUS, f.client.check().kind());
            assertEquals(List.of("users.getUsers"), f.sim.calls());
            f.sim.fault(new ServerFault.RpcError(401, "SESSION_REVOKED"));
            assertEquals(OutcomeKind.UNAUTHORIZED, f.client.check().kind());
            f.sim.fault(new ServerFault.TransportError(-404));
            assertEquals(OutcomeKind.UNAUTHORIZED, f.client.check().kind());
        }
    }

    @Test
    void everyOutcomeExplainsItself() {
        try (Fixture f = new Fixture()) {
            f.sim.privacy(101, Privacy.PREMIUM_WOULD_ALLOW_INVITE);
            List<Outcome> all = List.of(f.client.add(f.basic, Fixture.person(101)), f.client.add(f.basic, Fixture.person(102)),
                    f.client.inviteLink(f.basic), f.client.remove(f.basic, Fixture.person(102)));
            for (Outcome o : all) {
                assertFalse(o.remedy().isBlank(), o::toString);
                assertEquals("telegram", o.detail().provider());
            }
        }
    }
}
