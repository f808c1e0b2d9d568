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
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every documented answer becomes the right outcome, with the numbers and flags it carries. */
@Order(2)
class OutcomesTest {

    /** Who an error is about; it decides whether a bulk run may go on with the others. */
    enum Party {
        /** This person only: the run goes on. */
        PERSON,
        /** The account (its session, rights, limits): the same everywhere. */
        ACCOUNT,
        /** The group. */
        GROUP,
        /** This one request (what GroupKit sent, a setting, a cursor, a passing server fault). */
        CALL
    }

    /**
     * Every error Telethon's errors.csv/methods.csv (v1) or the provider facts list for each method GroupKit calls,
     * once per operation it can reach: operation, TL method the error is aimed at, code, error, outcome, party, and
     * whether a bulk run stops on it.
     */
    @ParameterizedTest(name = "{0} / {1}: {2} {3} -> {4}, {5}, halts={6}")
    @CsvSource({
            "add-basic, messages.addChatUser, 400, BOT_GROUPS_BLOCKED, UNSUPPORTED, PERSON, false",
            "add-basic, messages.addChatUser, 400, CHAT_ADMIN_REQUIRED, ACCESS_DENIED, ACCOUNT, true",
            "add-basic, messages.addChatUser, 400, CHAT_ID_INVALID, NOT_FOUND, GROUP, true",
            "add-basic, messages.addChatUser, 400, CHAT_INVALID, NOT_FOUND, GROUP, true",
            "add-basic, messages.addChatUser, 400, CHAT_MEMBER_ADD_FAILED, NOT_ADDED, PERSON, false",
            "add-basic, messages.addChatUser, 403, CHAT_WRITE_FORBIDDEN, ACCESS_DENIED, ACCOUNT, true",
            "add-basic, messages.addChatUser, 400, INPUT_USER_DEACTIVATED, NOT_FOUND, PERSON, false",
            "add-basic, messages.addChatUser, 400, MSG_ID_INVALID, UNSUPPORTED, CALL, false",
            "add-basic, messages.addChatUser, 400, PEER_ID_INVALID, NOT_FOUND, GROUP, true",
            "add-basic, messages.addChatUser, 400, USERS_TOO_MUCH, GROUP_FULL, GROUP, false",
            "add-basic, messages.addChatUser, 400, USER_ALREADY_PARTICIPANT, ALREADY_MEMBER, PERSON, false",
            "add-basic, messages.addChatUser, 400, USER_ID_INVALID, NOT_FOUND, PERSON, false",
            "add-basic, messages.addChatUser, 400, USER_IS_BLOCKED, BLOCKED, PERSON, false",
            "add-basic, messages.addChatUser, 400, YOU_BLOCKED_USER, BLOCKED, PERSON, false",
            "add-basic, messages.addChatUser, 400, USER_NOT_MUTUAL_CONTACT, NOT_IN_CONTACTS, PERSON, false",
            "add-basic, messages.addChatUser, 403, USER_NOT_MUTUAL_CONTACT, NOT_IN_CONTACTS, PERSON, false",
            "add-basic, messages.addChatUser, 403, USER_PRIVACY_RESTRICTED, PRIVACY_RESTRICTED, PERSON, false",
            "add-basic, messages.addChatUser, 400, PEER_FLOOD, SPAM_LIMITED, ACCOUNT, true",
            "add-basic, messages.addChatUser, 403, RIGHT_FORBIDDEN, ACCESS_DENIED, ACCOUNT, true",
            "add-basic, messages.addChatUser, 420, FLOOD_PREMIUM_WAIT_900, RATE_LIMITED, ACCOUNT, true",
            "add-basic, messages.addChatUser, 400, SOMETHING_NEW_IN_LAYER_300, UNRECOGNIZED, CALL, false",
            "add-supergroup, channels.inviteToChannel, 400, BOTS_TOO_MUCH, GROUP_FULL, GROUP, false",
            "add-supergroup, channels.inviteToChannel, 400, BOT_GROUPS_BLOCKED, UNSUPPORTED, PERSON, false",
            "add-supergroup, channels.inviteToChannel, 400, CHANNEL_INVALID, NOT_FOUND, GROUP, true",
            "add-supergroup, channels.inviteToChannel, 400, CHANNEL_PRIVATE, ACCESS_DENIED, ACCOUNT, true",
            "add-supergroup, channels.inviteToChannel, 406, CHANNEL_PRIVATE, ACCESS_DENIED, ACCOUNT, true",
            "add-supergroup, channels.inviteToChannel, 400, CHAT_ADMIN_REQUIRED, ACCESS_DENIED, ACCOUNT, true",
            "add-supergroup, channels.inviteToChannel, 403, CHAT_ADMIN_REQUIRED, ACCESS_DENIED, ACCOUNT, true",
            "add-supergroup, channels.inviteToChannel, 400, CHAT_INVALID, NOT_FOUND, GROUP, true",
            "add-supergroup, channels.inviteToChannel, 403, CHAT_WRITE_FORBIDDEN, ACCESS_DENIED, ACCOUNT, true",
            "add-supergroup, channels.inviteToChannel, 400, INPUT_USER_DEACTIVATED, NOT_FOUND, PERSON, false",
            "add-supergroup, channels.inviteToChannel, 400, USERS_TOO_MUCH, GROUP_FULL, GROUP, false",
            "add-supergroup, channels.inviteToChannel, 400, USER_BANNED_IN_CHANNEL, ACCESS_DENIED, ACCOUNT, true",
            "add-supergroup, channels.inviteToChannel, 400, USER_BLOCKED, BLOCKED, PERSON, false",
            "add-supergroup, channels.inviteToChannel, 400, USER_BOT, UNSUPPORTED, PERSON, false",
            "add-supergroup, channels.inviteToChannel, 400, USER_CHANNELS_TOO_MUCH, TOO_MANY_GROUPS, PERSON, false",
            "add-supergroup, channels.inviteToChannel, 403, USER_CHANNELS_TOO_MUCH, TOO_MANY_GROUPS, PERSON, false",
            "add-supergroup, channels.inviteToChannel, 400, USER_ID_INVALID, NOT_FOUND, PERSON, false",
            "add-supergroup, channels.inviteToChannel, 400, USER_KICKED, MEMBER_BANNED, PERSON, false",
            "add-supergroup, channels.inviteToChannel, 400, USER_NOT_MUTUAL_CONTACT, NOT_IN_CONTACTS, PERSON, false",
            "add-supergroup, channels.inviteToChannel, 403, USER_PRIVACY_RESTRICTED, PRIVACY_RESTRICTED, PERSON, false",
            "add-supergroup, channels.inviteToChannel, 400, CHANNELS_TOO_MUCH, ACCESS_DENIED, ACCOUNT, true",
            "add-supergroup, channels.inviteToChannel, 400, PEER_FLOOD, SPAM_LIMITED, ACCOUNT, true",
            "add-supergroup, channels.inviteToChannel, 420, SLOWMODE_WAIT_600, RATE_LIMITED, ACCOUNT, true",
            "add-username, contacts.resolveUsername, 400, USERNAME_INVALID, NOT_FOUND, PERSON, false",
            "add-username, contacts.resolveUsername, 400, USERNAME_NOT_OCCUPIED, NOT_FOUND, PERSON, false",
            "add-phone, contacts.resolvePhone, 400, PHONE_NOT_OCCUPIED, NOT_REGISTERED, PERSON, false",
            "remove-basic, messages.deleteChatUser, 400, CHAT_ADMIN_REQUIRED, ACCESS_DENIED, ACCOUNT, true",
            "remove-basic, messages.deleteChatUser, 400, CHAT_ID_INVALID, NOT_FOUND, GROUP, true",
            "remove-basic, messages.deleteChatUser, 400, INPUT_USER_DEACTIVATED, NOT_FOUND, PERSON, false",
            "remove-basic, messages.deleteChatUser, 400, PEER_ID_INVALID, NOT_FOUND, GROUP, true",
            "remove-basic, messages.deleteChatUser, 400, USER_ID_INVALID, NOT_FOUND, PERSON, false",
            "remove-basic, messages.deleteChatUser, 400, USER_NOT_PARTICIPANT, NOT_MEMBER, PERSON, false",
            "remove-supergroup, channels.getParticipant, 400, CHANNEL_INVALID, NOT_FOUND, GROUP, true",
            "remove-supergroup, channels.getParticipant, 406, CHANNEL_PRIVATE, ACCESS_DENIED, ACCOUNT, true",
            "remove-supergroup, channels.getParticipant, 400, CHAT_ADMIN_REQUIRED, ACCESS_DENIED, ACCOUNT, true",
            "remove-supergroup, channels.getParticipant, 400, USER_ID_INVALID, NOT_FOUND, PERSON, false",
            "remove-supergroup, channels.getParticipant, 400, USER_NOT_PARTICIPANT, NOT_MEMBER, PERSON, false",
            "remove-supergroup, channels.editBanned, 400, BANNED_RIGHTS_INVALID, UNSUPPORTED, CALL, false",
            "remove-supergroup, channels.editBanned, 400, CHANNEL_INVALID, NOT_FOUND, GROUP, true",
            "remove-supergroup, channels.editBanned, 406, CHANNEL_PRIVATE, ACCESS_DENIED, ACCOUNT, true",
            "remove-supergroup, channels.editBanned, 400, CHAT_ADMIN_REQUIRED, ACCESS_DENIED, ACCOUNT, true",
            "remove-supergroup, channels.editBanned, 403, CHAT_WRITE_FORBIDDEN, ACCESS_DENIED, ACCOUNT, true",
            "remove-supergroup, channels.editBanned, 400, PARTICIPANT_ID_INVALID, NOT_FOUND, PERSON, false",
            "remove-supergroup, channels.editBanned, 400, USER_ADMIN_INVALID, UNSUPPORTED, PERSON, false",
            "remove-supergroup, channels.editBanned, 400, USER_ID_INVALID, NOT_FOUND, PERSON, false",
            "invite-link-basic, messages.exportChatInvite, 400, CHAT_ADMIN_REQUIRED, ACCESS_DENIED, ACCOUNT, true",
            "invite-link-basic, messages.exportChatInvite, 400, CHAT_ID_INVALID, NOT_FOUND, GROUP, true",
            "invite-link-basic, messages.exportChatInvite, 400, EXPIRE_DATE_INVALID, UNSUPPORTED, CALL, false",
            "invite-link-basic, messages.exportChatInvite, 400, USAGE_LIMIT_INVALID, UNSUPPORTED, CALL, false",
            "invite-link-basic, messages.exportChatInvite, 400, PEER_ID_INVALID, NOT_FOUND, GROUP, true",
            "invite-link-supergroup, messages.exportChatInvite, 400, CHAT_ADMIN_REQUIRED, ACCESS_DENIED, ACCOUNT, true",
            "invite-link-supergroup, messages.exportChatInvite, 400, EXPIRE_DATE_INVALID, UNSUPPORTED, CALL, false",
            "invite-link-supergroup, messages.exportChatInvite, 400, USAGE_LIMIT_INVALID, UNSUPPORTED, CALL, false",
            "invite-link-supergroup, messages.exportChatInvite, 406, CHANNEL_PRIVATE, ACCESS_DENIED, ACCOUNT, true",
            "invite-link-supergroup, messages.exportChatInvite, 400, PEER_ID_INVALID, NOT_FOUND, GROUP, true",
            "members-basic, messages.getFullChat, 400, CHAT_ID_INVALID, NOT_FOUND, GROUP, true",
            "members-basic, messages.getFullChat, 400, PEER_ID_INVALID, NOT_FOUND, GROUP, true",
            "members-supergroup, channels.getParticipants, 400, CHANNEL_INVALID, NOT_FOUND, GROUP, true",
            "members-supergroup, channels.getParticipants, 406, CHANNEL_PRIVATE, ACCESS_DENIED, ACCOUNT, true",
            "members-supergroup, channels.getParticipants, 400, CHAT_ADMIN_REQUIRED, ACCESS_DENIED, ACCOUNT, true",
            "members-supergroup, channels.getParticipants, 400, INPUT_CONSTRUCTOR_INVALID, UNSUPPORTED, CALL, false",
            "groups, messages.getDialogs, 400, INPUT_CONSTRUCTOR_INVALID, UNSUPPORTED, CALL, false",
            "groups, messages.getDialogs, 400, OFFSET_PEER_ID_INVALID, NOT_FOUND, CALL, true",
            "check, users.getUsers, 500, MEMBER_NO_LOCATION, UNAVAILABLE, CALL, false",
            "check, users.getUsers, 500, NEED_MEMBER_INVALID, UNAVAILABLE, CALL, false",
            "leave-basic, messages.deleteChatUser, 400, CHAT_ID_INVALID, NOT_FOUND, GROUP, true",
            "leave-basic, messages.deleteChatUser, 400, PEER_ID_INVALID, NOT_FOUND, GROUP, true",
            "leave-basic, messages.deleteChatUser, 400, USER_NOT_PARTICIPANT, DONE, ACCOUNT, false",
            "leave-supergroup, channels.leaveChannel, 400, CHANNEL_INVALID, NOT_FOUND, GROUP, true",
            "leave-supergroup, channels.leaveChannel, 406, CHANNEL_PRIVATE, ACCESS_DENIED, ACCOUNT, true",
            "leave-supergroup, channels.leaveChannel, 403, CHANNEL_PUBLIC_GROUP_NA, NOT_FOUND, GROUP, true",
            "leave-supergroup, channels.leaveChannel, 400, USER_CREATOR, UNSUPPORTED, ACCOUNT, false",
            "leave-supergroup, channels.leaveChannel, 400, USER_NOT_PARTICIPANT, DONE, ACCOUNT, false",
    })
    void everyDocumentedErrorIsItsOutcomeAboutTheRightParty(String operation, String method, int code, String message,
                                                             OutcomeKind expected, Party party, boolean halts) {
        assertErrorGives(operation, method, code, message, expected, party, halts);
    }

    /** The operations and the methods in them that an error can be aimed at. */
    private static final List<List<String>> STEPS = List.of(
            List.of("add-basic", "messages.addChatUser"), List.of("add-supergroup", "channels.inviteToChannel"),
            List.of("add-username", "contacts.resolveUsername"), List.of("add-phone", "contacts.resolvePhone"),
            List.of("remove-basic", "messages.deleteChatUser"), List.of("remove-supergroup", "channels.getParticipant"),
            List.of("remove-supergroup", "channels.editBanned"), List.of("invite-link-basic", "messages.exportChatInvite"),
            List.of("invite-link-supergroup", "messages.exportChatInvite"), List.of("members-basic", "messages.getFullChat"),
            List.of("members-supergroup", "channels.getParticipants"), List.of("groups", "messages.getPinnedDialogs"),
            List.of("groups", "messages.getDialogs"), List.of("check", "users.getUsers"),
            List.of("leave-basic", "messages.deleteChatUser"), List.of("leave-supergroup", "channels.leaveChannel"));

    /** Errors any method can answer: about the account (its session, its limits), or a passing server fault. */
    static Stream<Arguments> anyMethodErrors() {
        List<Arguments> rows = new ArrayList<>();
        Object[][] errors = {
                {401, "AUTH_KEY_UNREGISTERED", OutcomeKind.UNAUTHORIZED, Party.ACCOUNT, true},
                {401, "SESSION_REVOKED", OutcomeKind.UNAUTHORIZED, Party.ACCOUNT, true},
                {401, "SESSION_EXPIRED", OutcomeKind.UNAUTHORIZED, Party.ACCOUNT, true},
                {401, "SESSION_PASSWORD_NEEDED", OutcomeKind.UNAUTHORIZED, Party.ACCOUNT, true},
                {401, "AUTH_KEY_PERM_EMPTY", OutcomeKind.UNAUTHORIZED, Party.ACCOUNT, true},
                {401, "USER_DEACTIVATED_BAN", OutcomeKind.UNAUTHORIZED, Party.ACCOUNT, true},
                {406, "AUTH_KEY_DUPLICATED", OutcomeKind.UNAUTHORIZED, Party.ACCOUNT, true},
                {420, "FLOOD_WAIT_86400", OutcomeKind.RATE_LIMITED, Party.ACCOUNT, true},
                {500, "TIMEOUT", OutcomeKind.UNAVAILABLE, Party.CALL, false},
        };
        for (List<String> step : STEPS) {
            for (Object[] e : errors) {
                rows.add(Arguments.of(step.get(0), step.get(1), e[0], e[1], e[2], e[3], e[4]));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} / {1}: {2} {3} -> {4}, {5}, halts={6}")
    @MethodSource("anyMethodErrors")
    void anAccountWideErrorFromAnyMethodIsAboutTheAccount(String operation, String method, int code, String message,
                                                          OutcomeKind expected, Party party, boolean halts) {
        assertErrorGives(operation, method, code, message, expected, party, halts);
    }

    private static void assertErrorGives(String operation, String method, int code, String message,
                                         OutcomeKind expected, Party party, boolean halts) {
        try (Fixture f = new Fixture()) {
            if (operation.equals("remove-supergroup")) {
                assertInstanceOf(Added.class, f.client.add(f.supergroup, f.known(101)), "in the group before the removal");
            }
            f.sim.refuseCalls(method, code, message);
            Outcome r = switch (operation) {
                case "add-basic" -> f.client.add(f.basic, f.known(101));
                case "add-supergroup" -> f.client.add(f.supergroup, f.known(101));
                case "add-username" -> f.client.add(f.basic, Fixture.person(101));
                case "add-phone" -> f.client.add(f.basic, Fixture.phone(101));
                case "remove-basic" -> f.client.remove(f.basic, f.known(101));
                case "remove-supergroup" -> f.client.remove(f.supergroup, f.known(101));
                case "invite-link-basic" -> f.client.inviteLink(f.basic);
                case "invite-link-supergroup" -> f.client.inviteLink(f.supergroup);
                case "members-basic" -> f.client.members(f.basic);
                case "members-supergroup" -> f.client.members(f.supergroup);
                case "groups" -> f.client.groups();
                case "check" -> f.client.state();
                case "leave-basic" -> f.client.leave(f.basic);
                case "leave-supergroup" -> f.client.leave(f.supergroup);
                default -> throw new IllegalArgumentException(operation);
            };
            assertTrue(f.sim.calls().contains(method), () -> "the error came from " + method + ": " + f.sim.calls());
            assertEquals(expected, r.kind(), r::toString);
            assertEquals(message, r.detail().code());
            r.detail().status().ifPresent(status -> assertEquals(code, status));
            assertTrue(r.isSuccess() || r.detail().status().isPresent(), "a refusal carries its code");
            assertEquals(halts, r.haltsBulk(), () -> "haltsBulk of " + r);
            assertFalse(r.remedy().isBlank());
            String description = r.detail().description();
            switch (party) {
                case PERSON -> {
                    assertFalse(r.haltsBulk(), "a refusal about one person never stops a run for everyone");
                    assertTrue(description.contains("person"), description);
                    assertFalse(description.contains("account lacks"), description);
                    if (r instanceof NotFound nf) {
                        assertEquals(NotFound.Subject.MEMBER, nf.subject());
                    }
                }
                case ACCOUNT -> assertTrue(description.contains("account") || description.contains("session"), description);
                case GROUP -> {
                    assertTrue(description.contains("group"), description);
                    if (r instanceof NotFound nf) {
                        assertEquals(NotFound.Subject.GROUP, nf.subject());
                    }
                }
                case CALL -> assertFalse(description.contains("account lacks"), description);
            }
        }
    }

    @Test
    void aBulkRunGoesOnPastPeopleWhoCannotBeAddedAndStopsWhenTheAccountMayNotWrite() {
        try (Fixture f = new Fixture()) {
            List<Member> people = new ArrayList<>();
            for (long n = 101; n <= 106; n++) {
                people.add(f.known(n));
            }
            f.sim.refuseAdds(102, 400, "BOT_GROUPS_BLOCKED").refuseAdds(103, 400, "USER_BOT")
                    .refuseAdds(104, 400, "USER_ID_INVALID");
            BulkReport report = f.client.addAll(f.supergroup, people, BulkOptions.defaults().concurrency(1));
            assertTrue(report.stoppedBy().isEmpty(), () -> "stopped by " + report.stoppedBy());
            assertTrue(report.notAttempted().isEmpty());
            assertTrue(f.sim.members(Fixture.CHANNEL).containsAll(List.of(101L, 105L, 106L)), "the others were added");

            f.sim.refuseAdds(108, 403, "CHAT_WRITE_FORBIDDEN");
            List<Member> more = new ArrayList<>();
            for (long n = 107; n <= 110; n++) {
                more.add(f.known(n));
            }
            BulkReport stopped = f.client.addAll(f.supergroup, more, BulkOptions.defaults().concurrency(1));
            assertEquals(OutcomeKind.ACCESS_DENIED, stopped.stoppedBy().orElseThrow().kind());
            assertEquals(2, stopped.notAttempted().size());
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
            assertEquals(OutcomeKind.ACCOUNT_STATUS, f.client.state().kind());
            assertEquals(List.of("users.getUsers"), f.sim.calls());
            f.sim.fault(new ServerFault.RpcError(401, "SESSION_REVOKED"));
            assertEquals(OutcomeKind.UNAUTHORIZED, f.client.state().kind());
            f.sim.fault(new ServerFault.TransportError(-404));
            assertEquals(OutcomeKind.UNAUTHORIZED, f.client.state().kind());
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
